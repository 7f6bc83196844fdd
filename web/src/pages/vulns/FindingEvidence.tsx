/**
 * The evidence of one finding, as the findings tab and the triage screen show it: why its
 * vulnerability is a known malicious package (when it is), then each piece of evidence with its
 * record, method, identifier, then range, rule, scheme and confidence as label：value facts, and the
 * sentence in the UI language.
 */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { FindingT } from '../../api/vulns.js';
import { evidenceFacts, evidenceText, maliciousPackageText, type VulnerabilityIds } from '../release/evidence-text.js';
import './vulns.css';

export function FindingEvidence({ finding: f }: { finding: FindingT }) {
  const { t } = useTranslation();
  return (
    <>
      <MaliciousPackageNote finding={f} />
      <ul className="vx-evidence">
        {f.evidence.map((e, i) => (
          <li key={i}>
            <span className="mono">{e.recordId}</span> — {t(`vulns.method.${e.method}`)} <span className="mono">{e.identifier}</span>
            {evidenceFacts(e, t).map((fact) => (
              <Fragment key={fact.label}>
                {' · '}
                {fact.label}
                {t('vulns.findings.factSeparator')}
                {fact.code ? <span className="mono">{fact.value}</span> : fact.value}
              </Fragment>
            ))}
            {e.fallback ? <> <span className="badge badge-amber">{t('vulns.findings.fallback')}</span></> : null}
            <EvidenceSentence evidence={e} />
          </li>
        ))}
      </ul>
    </>
  );
}

/** Why the finding is critical although no score may say so: its vulnerability is a known malicious package. */
export function MaliciousPackageNote({ finding }: { finding: VulnerabilityIds }) {
  const { t } = useTranslation();
  const text = maliciousPackageText(finding, t);
  if (text === null) return null;
  return (
    <div className="alert alert-error vx-malicious" data-testid="malicious-package">
      <svg className="alert-icon" viewBox="0 0 16 16" aria-hidden="true">
        <path d="M8 1.5l7 12.5H1z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
        <path d="M8 6v3.5M8 11.5v.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
      <p>
        <strong>{t('vulns.malicious.title')}</strong> {text}
      </p>
    </div>
  );
}

/** A badge for a finding whose vulnerability is a known malicious package (lists and queues). */
export function MaliciousPackageBadge({ finding }: { finding: VulnerabilityIds }) {
  const { t } = useTranslation();
  return maliciousPackageText(finding, t) === null ? null : <span className="badge badge-red">{t('vulns.malicious.title')}</span>;
}

function EvidenceSentence({ evidence }: { evidence: FindingT['evidence'][number] }) {
  const { t } = useTranslation();
  const text = evidenceText(evidence, t);
  return (
    <div className="muted">
      {text.sentence}
      {text.notes.map((note, i) => (
        <EnglishAside key={i} label={t('vulns.explain.notes')} text={note} className="small" />
      ))}
      {text.original ? <EnglishAside label={t('vulns.explain.original')} text={text.original} className="small" /> : null}
    </div>
  );
}

/** Text the matcher has only in English, under its label in the UI language. */
export function EnglishAside({ label, text, className }: { label: string; text: string; className: string }) {
  return (
    <div className={className}>
      {label}: <span lang="en">{text}</span>
    </div>
  );
}
