import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { threatsApi, type DiffT, type VersionInfoT } from './api.js';

/** What changed between two versions of the threat model: added, removed, changed elements and threats. */
export function DiffView({ versions, currentId }: { versions: readonly VersionInfoT[]; currentId: string }) {
  const { t } = useTranslation();
  const [to, setTo] = useState(currentId);
  const [from, setFrom] = useState(versions.find((v) => v.id !== currentId)?.id ?? '');
  const [diff, setDiff] = useState<DiffT | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (versions.length < 2) return null;
  const label = (v: VersionInfoT) => t('threats.model.versionOption', { version: v.version, label: v.label });
  const run = async () => {
    setError(null);
    try {
      setDiff(await threatsApi.diff(to, from));
    } catch (e) {
      setDiff(null);
      setError(e);
    }
  };
  return (
    <section className="section card" aria-labelledby="tm-diff-title">
      <h2 id="tm-diff-title" className="card-title">
        {t('threats.diff.title')}
      </h2>
      <form
        className="toolbar"
        onSubmit={(ev) => {
          ev.preventDefault();
          void run();
        }}
      >
        <label className="toolbar-label" htmlFor="tm-diff-from">
          {t('threats.diff.from')}
        </label>
        <select
          id="tm-diff-from"
          className="input select select-compact"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        >
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {label(v)}
            </option>
          ))}
        </select>
        <label className="toolbar-label" htmlFor="tm-diff-to">
          {t('threats.diff.to')}
        </label>
        <select
          id="tm-diff-to"
          className="input select select-compact"
          value={to}
          onChange={(e) => setTo(e.target.value)}
        >
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {label(v)}
            </option>
          ))}
        </select>
        <button type="submit" className="btn" disabled={from === to}>
          {t('threats.diff.show')}
        </button>
      </form>
      <ErrorAlert error={error} />
      {diff ? (
        <div
          className="tm-diff"
          data-testid="tm-diff"
          role="region"
          aria-live="polite"
          aria-label={t('threats.diff.result')}
        >
          {diff.diff.unchanged ? (
            <p className="muted">{t('threats.diff.unchanged')}</p>
          ) : (
            <div className="tm-diff-grid">
              {(['elements', 'threats'] as const).map((k) => (
                <div key={k}>
                  <h3 className="side-panel-subheading">{t(`threats.diff.${k}`)}</h3>
                  <DiffList kind="added" items={diff.diff[k].added} />
                  <DiffList kind="removed" items={diff.diff[k].removed} />
                  <DiffList
                    kind="changed"
                    items={diff.diff[k].changed.map((c) => ({
                      ...c,
                      name: `${c.name} (${c.changes.map((x) => x.field).join(', ')})`,
                    }))}
                  />
                  {k === 'elements' && diff.diff.moved.length > 0 ? (
                    <p className="small muted">
                      {t('threats.diff.moved', { count: diff.diff.moved.length })}
                    </p>
                  ) : null}
                </div>
              ))}
            </div>
          )}
        </div>
      ) : null}
    </section>
  );
}

function DiffList({
  kind,
  items,
}: {
  kind: 'added' | 'removed' | 'changed';
  items: readonly { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <div className={`tm-diff-${kind}`}>
      <div className="small strong">{t(`threats.diff.${kind}`, { count: items.length })}</div>
      <ul>
        {items.map((i) => (
          <li key={i.id}>
            <span aria-hidden="true">{kind === 'added' ? '＋ ' : kind === 'removed' ? '－ ' : '～ '}</span>
            {i.name || i.id}
          </li>
        ))}
      </ul>
    </div>
  );
}
