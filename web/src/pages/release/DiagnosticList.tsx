import { useTranslation } from 'react-i18next';
import type { SbomDiagnosticT } from '../../api/types.js';
import { diagnosticRuleText, diagnosticText } from './diagnostic-text.js';

/** Validation problems with where they are in the file, in a scrollable list. */
export function DiagnosticList({
  diagnostics,
  limit,
}: {
  diagnostics: readonly SbomDiagnosticT[];
  limit: number;
}) {
  const { t } = useTranslation();
  const shown = diagnostics.slice(0, limit);
  return (
    <>
      <ol className="diagnostics" tabIndex={0} aria-label={t('sbom.diagnostics.label')}>
        {shown.map((d, i) => {
          const rule = diagnosticRuleText(d, t);
          return (
            <li key={i} className={`diagnostic diagnostic-${d.severity}`}>
              <span className={`badge ${d.severity === 'error' ? 'badge-red' : 'badge-amber'}`}>
                {t(`sbom.diagnostics.${d.severity}`)}
              </span>
              <code className="diagnostic-location">{d.location || '/'}</code>
              <span className="diagnostic-message">{diagnosticText(d, t)}</span>
              <span className="diagnostic-code mono muted">{d.code}</span>
              {rule ? (
                <span className="diagnostic-rule small muted">{t('sbom.diagnostics.rule', { rule })}</span>
              ) : null}
            </li>
          );
        })}
      </ol>
      {diagnostics.length > shown.length ? (
        <p className="hint">{t('sbom.diagnostics.more', { count: diagnostics.length - shown.length })}</p>
      ) : null}
    </>
  );
}
