import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { entryNumber } from '../../../../src/core/compliance/catalog.js';
import { BusyButton } from '../../components/BusyButton.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { SidePanel } from '../../components/SidePanel.js';
import { useResource } from '../../useResource.js';
import { complianceApi, type GapRowT } from './api.js';

/** Evidence of one entry: what is recorded, what mamori suggests (with the reason), and upload. */
export function EvidencePanel({
  productId,
  row,
  lang,
  writable,
  onClose,
  onChanged,
}: {
  productId: string;
  row: GapRowT;
  lang: 'ja' | 'en';
  writable: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  // Writes go to the scope that answers for the row; the list is what the product's row counts
  // (the Evidence column), including what reaches it from parent clauses, sub-clauses, crosswalks and the organisation.
  const scope = row.scope === 'organization' ? 'org' : productId;
  const key = `${productId}:${row.catalog}#${row.entry.id}`;
  const evidence = useResource(`compliance-evidence:${key}`, () => complianceApi.entryEvidence(productId, row.catalog, row.entry.id));
  const items = evidence.data?.items ?? [];
  const origin = (e: (typeof items)[number]) => {
    const own = e.productId === null ? 'organization' : 'product';
    const where = t(`compliance.evidence.from.${e.relation}`, { entry: e.relation === 'crosswalk' ? e.entry : entryNumber(e.entry) || e.entry, catalog: e.catalog });
    return own === evidence.data?.scope ? where : `${where} · ${t(`compliance.evidence.from.${own}`)}`;
  };
  // Organisation-level rows get the organisation's own records (committee, RACI, training …) as suggestions.
  const suggestions = useResource(`compliance-suggestions:${scope}`, () => complianceApi.suggestions(scope));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Upload: the file, its title (the document name; the file name unless changed) and version (number/revision).
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [version, setVersion] = useState('');
  const [fileKey, setFileKey] = useState(0);
  // Editing one item's title and version.
  const [editing, setEditing] = useState<{ id: string; title: string; version: string; approved: boolean } | null>(null);
  const mine = (suggestions.data ?? []).filter((s) => s.catalog === row.catalog && s.entry === row.entry.id);

  const act = async (fn: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      after?.();
      evidence.reload();
      suggestions.reload();
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <SidePanel id="compliance-evidence" title={`${entryNumber(row.entry.id)} ${row.entry.title[lang]}`.trim()} subtitle={row.catalog} onClose={onClose}>
      <p className="small">{row.entry.description[lang]}</p>
      <ErrorAlert error={error ?? evidence.error} />
      <section className="side-panel-section" aria-labelledby="ev-recorded">
        <h3 id="ev-recorded" className="side-panel-subheading">{t('compliance.evidence.recorded')}</h3>
        {!evidence.data && evidence.loading ? <Loading /> : null}
        {evidence.data && items.length === 0 ? <p className="small muted">{t('compliance.evidence.none')}</p> : null}
        {items.length > 0 ? <p className="small muted">{t('compliance.evidence.count', { count: items.length })}</p> : null}
        <ul className="compliance-evidence-list">
          {items.map((e) => (
            <li key={e.id}>
              {e.kind === 'file' ? <a href={complianceApi.fileUrl(e.id)}>{e.title}</a> : <span>{e.title}</span>}
              {e.version ? <span className="muted"> ({e.version})</span> : null}
              {writable && editing?.id !== e.id ? (
                <>
                  {' '}
                  <button
                    type="button"
                    className="btn btn-small btn-link"
                    aria-label={t('compliance.evidence.editOf', { title: e.title })}
                    onClick={() => setEditing({ id: e.id, title: e.title, version: e.version, approved: e.approvedBy !== null })}
                  >
                    {t('compliance.evidence.edit')}
                  </button>
                </>
              ) : null}
              {editing?.id === e.id ? (
                <form
                  className="compliance-evidence-edit"
                  onSubmit={(ev) => {
                    ev.preventDefault();
                    void act(() => complianceApi.updateEvidence(e.id, { title: editing.title, version: editing.version }), () => setEditing(null));
                  }}
                >
                  <label className="label" htmlFor={`ev-edit-title-${e.id}`}>{t('compliance.evidence.title')}</label>
                  <input id={`ev-edit-title-${e.id}`} className="input" required maxLength={300} value={editing.title} onChange={(x) => setEditing({ ...editing, title: x.target.value })} />
                  <label className="label" htmlFor={`ev-edit-version-${e.id}`}>{t('compliance.evidence.version')}</label>
                  <input id={`ev-edit-version-${e.id}`} className="input" maxLength={100} value={editing.version} onChange={(x) => setEditing({ ...editing, version: x.target.value })} />
                  {editing.approved ? <p className="small muted">{t('compliance.evidence.editReapprove')}</p> : null}
                  <BusyButton type="submit" className="btn btn-small" busy={busy}>
                    {t('compliance.evidence.save')}
                  </BusyButton>{' '}
                  <button type="button" className="btn btn-small btn-link" onClick={() => setEditing(null)}>
                    {t('compliance.evidence.cancel')}
                  </button>
                </form>
              ) : null}
              <div className="small compliance-evidence-origin">{origin(e)}</div>
              {e.current && e.kind === 'record' ? <div className="small muted compliance-evidence-current">→ {e.current.labelText[lang]}</div> : null}
              {e.sha256 ? <div className="small mono muted">SHA-256 {e.sha256.slice(0, 16)}…</div> : null}
              <div className="small">
                {e.approvedBy ? t('compliance.evidence.approvedBy', { who: e.approvedBy, at: (e.approvedAt ?? '').slice(0, 10) }) : t('compliance.evidence.notApproved')}{' '}
                {writable && !e.approvedBy ? (
                  <BusyButton type="button" className="btn btn-small btn-link" busy={busy} onClick={() => void act(() => complianceApi.approve(e.id))}>
                    {t('compliance.evidence.approve')}
                  </BusyButton>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section className="side-panel-section" aria-labelledby="ev-suggested">
        <h3 id="ev-suggested" className="side-panel-subheading">{t('compliance.evidence.suggested')}</h3>
        {mine.length === 0 ? <p className="small muted">{t('compliance.evidence.noSuggestions')}</p> : null}
        <ul className="compliance-evidence-list">
          {mine.map((s) => (
            <li key={`${s.recordType}:${s.recordId ?? ''}`}>
              <strong>{s.title[lang]}</strong>
              <div className="small">{s.reason[lang]}</div>
              {s.warning ? (
                <div className="alert alert-warning small compliance-suggestion-warning" role="note">
                  {s.warning[lang]}
                </div>
              ) : null}
              {s.linked ? (
                <span className="small muted">{t('compliance.evidence.linked')}</span>
              ) : s.available && writable ? (
                <BusyButton type="button" className="btn btn-small" busy={busy} onClick={() => void act(() => complianceApi.link(scope, s, lang))}>
                  {t('compliance.evidence.link')}
                </BusyButton>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      {writable ? (
        <section className="side-panel-section" aria-labelledby="ev-upload">
          <h3 id="ev-upload" className="side-panel-subheading">{t('compliance.evidence.upload')}</h3>
          <form
            onSubmit={(ev) => {
              ev.preventDefault();
              if (!file) return;
              void act(
                () => complianceApi.upload(scope, row.catalog, row.entry.id, file, { title, version }),
                () => {
                  setFile(null);
                  setTitle('');
                  setVersion('');
                  setFileKey((k) => k + 1);
                },
              );
            }}
          >
            <label className="label" htmlFor="ev-file">{t('compliance.evidence.file')}</label>
            <input
              key={fileKey}
              id="ev-file"
              type="file"
              onChange={(e) => {
                const chosen = e.target.files?.[0] ?? null;
                // The title defaults to the file name until the user types another.
                if (chosen && (title === '' || title === file?.name)) setTitle(chosen.name);
                setFile(chosen);
              }}
            />
            <label className="label" htmlFor="ev-title">{t('compliance.evidence.title')}</label>
            <input id="ev-title" className="input" maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />
            <label className="label" htmlFor="ev-version">{t('compliance.evidence.version')}</label>
            <input id="ev-version" className="input" maxLength={100} value={version} placeholder={t('compliance.evidence.versionPlaceholder')} onChange={(e) => setVersion(e.target.value)} />
            <p className="small muted">{t('compliance.evidence.uploadHint')}</p>
            <BusyButton type="submit" className="btn btn-small" busy={busy || !file}>
              {t('compliance.evidence.uploadButton')}
            </BusyButton>
          </form>
        </section>
      ) : null}
    </SidePanel>
  );
}
