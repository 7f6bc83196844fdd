import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BusyButton } from '../../components/BusyButton.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { TextArea } from '../../components/fields.js';
import { formatDateTime } from '../../format.js';
import { useNotify } from '../../session.js';
import { useResource } from '../../useResource.js';
import {
  mds2Answers,
  mds2Capabilities,
  patientDataKinds,
  threatsApi,
  type SecurityContextRecordT,
  type SecurityContextT,
} from './api.js';

const emptyContext: SecurityContextT = {
  networkEnvironment: '',
  physicalEnvironment: '',
  isolation: '',
  interfaces: [],
  users: [],
  data: [],
  safetyImpact: '',
  hardwareControls: '',
  capabilities: {},
};

type ListKey = 'interfaces' | 'users' | 'data';

/** The product security context (IEC 81001-5-1 7.1.2) with the MDS2 security capabilities. */
export function ContextTab({ productId, writable }: { productId: string; writable: boolean }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const rec = useResource(`sec-context:${productId}`, () => threatsApi.getContext(productId));
  const [c, setC] = useState<SecurityContextT | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Loaded or saved: the form starts from the stored record.
  const [synced, setSynced] = useState<SecurityContextRecordT | undefined>(undefined);
  if (rec.data && rec.data !== synced) {
    setSynced(rec.data);
    setC({ ...emptyContext, ...rec.data.context });
  }

  if (rec.error && !rec.data) return <ErrorAlert error={rec.error} onRetry={rec.reload} />;
  if (!rec.data || !c) return <Loading />;
  const set = <K extends keyof SecurityContextT>(k: K, v: SecurityContextT[K]) => setC({ ...c, [k]: v });
  const setRow = <K extends ListKey>(k: K, i: number, patch: Partial<SecurityContextT[K][number]>) =>
    set(k, c[k].map((row, j) => (j === i ? { ...row, ...patch } : row)) as SecurityContextT[K]);
  const removeRow = (k: ListKey, i: number) => set(k, c[k].filter((_, j) => j !== i) as never);
  const text = (
    k: 'networkEnvironment' | 'physicalEnvironment' | 'isolation' | 'safetyImpact' | 'hardwareControls',
  ) => (
    <TextArea
      name={`ctx-${k}`}
      label={t(`threats.context.${k}`)}
      rows={2}
      value={c[k]}
      onChange={(v) => set(k, v)}
    />
  );
  const cell = (id: string, label: string, input: React.ReactNode) => (
    <div className="ctx-cell">
      <label htmlFor={id} className="label">
        {label}
      </label>
      {input}
    </div>
  );
  const check = (id: string, label: string, checked: boolean, onChange: (v: boolean) => void) => (
    <label className="checkbox" htmlFor={id}>
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );

  return (
    <form
      className="section ctx-form"
      aria-label={t('threats.context.title')}
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        threatsApi
          .putContext(productId, c)
          .then(
            (r) => {
              rec.mutate(r);
              notify(t('threats.context.saved'));
            },
            (err: unknown) => setError(err),
          )
          .finally(() => setBusy(false));
      }}
    >
      <p className="muted small">
        {rec.data.updatedAt
          ? t('threats.context.updated', {
              by: rec.data.updatedBy ?? '',
              at: formatDateTime(rec.data.updatedAt),
            })
          : t('threats.context.neverSaved')}
      </p>
      <fieldset className="ctx-fieldset" disabled={!writable}>
        <section className="card" aria-labelledby="ctx-env">
          <h2 id="ctx-env" className="card-title">
            {t('threats.context.environment')}
          </h2>
          {text('networkEnvironment')}
          {text('physicalEnvironment')}
          {text('isolation')}
        </section>

        <section className="card section" aria-labelledby="ctx-interfaces">
          <h2 id="ctx-interfaces" className="card-title">
            {t('threats.context.interfaces')}
          </h2>
          {c.interfaces.map((row, i) => (
            <div
              key={i}
              className="ctx-row"
              role="group"
              aria-label={t('threats.context.interfaceN', { n: i + 1 })}
            >
              {cell(
                `ctx-if-name-${i}`,
                t('threats.context.name'),
                <input
                  id={`ctx-if-name-${i}`}
                  className="input"
                  value={row.name}
                  onChange={(e) => setRow('interfaces', i, { name: e.target.value })}
                />,
              )}
              {cell(
                `ctx-if-kind-${i}`,
                t('threats.context.kind'),
                <input
                  id={`ctx-if-kind-${i}`}
                  className="input"
                  value={row.kind}
                  placeholder="ethernet, wifi, usb…"
                  onChange={(e) => setRow('interfaces', i, { kind: e.target.value })}
                />,
              )}
              {check(`ctx-if-ext-${i}`, t('threats.context.external'), row.external, (v) =>
                setRow('interfaces', i, { external: v }),
              )}
              {check(
                `ctx-if-tb-${i}`,
                t('threats.context.crossesTrustBoundary'),
                row.crossesTrustBoundary,
                (v) => setRow('interfaces', i, { crossesTrustBoundary: v }),
              )}
              <button
                type="button"
                className="btn btn-small btn-danger-quiet"
                aria-label={`${t('common.remove')}: ${t('threats.context.interfaceN', { n: i + 1 })}`}
                onClick={() => removeRow('interfaces', i)}
              >
                {t('common.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              set('interfaces', [
                ...c.interfaces,
                { name: '', kind: '', external: false, crossesTrustBoundary: false, description: '' },
              ])
            }
          >
            ＋ {t('threats.context.addInterface')}
          </button>
        </section>

        <section className="card section" aria-labelledby="ctx-users">
          <h2 id="ctx-users" className="card-title">
            {t('threats.context.users')}
          </h2>
          {c.users.map((row, i) => (
            <div
              key={i}
              className="ctx-row"
              role="group"
              aria-label={t('threats.context.userN', { n: i + 1 })}
            >
              {cell(
                `ctx-u-role-${i}`,
                t('threats.context.role'),
                <input
                  id={`ctx-u-role-${i}`}
                  className="input"
                  value={row.role}
                  onChange={(e) => setRow('users', i, { role: e.target.value })}
                />,
              )}
              {cell(
                `ctx-u-priv-${i}`,
                t('threats.context.privileges'),
                <input
                  id={`ctx-u-priv-${i}`}
                  className="input"
                  value={row.privileges}
                  onChange={(e) => setRow('users', i, { privileges: e.target.value })}
                />,
              )}
              <button
                type="button"
                className="btn btn-small btn-danger-quiet"
                aria-label={`${t('common.remove')}: ${t('threats.context.userN', { n: i + 1 })}`}
                onClick={() => removeRow('users', i)}
              >
                {t('common.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => set('users', [...c.users, { role: '', description: '', privileges: '' }])}
          >
            ＋ {t('threats.context.addUser')}
          </button>
        </section>

        <section className="card section" aria-labelledby="ctx-data">
          <h2 id="ctx-data" className="card-title">
            {t('threats.context.data')}
          </h2>
          {c.data.map((row, i) => (
            <div
              key={i}
              className="ctx-row"
              role="group"
              aria-label={t('threats.context.dataN', { n: i + 1 })}
            >
              {cell(
                `ctx-d-name-${i}`,
                t('threats.context.name'),
                <input
                  id={`ctx-d-name-${i}`}
                  className="input"
                  value={row.name}
                  onChange={(e) => setRow('data', i, { name: e.target.value })}
                />,
              )}
              {cell(
                `ctx-d-pd-${i}`,
                t('threats.context.patientData'),
                <select
                  id={`ctx-d-pd-${i}`}
                  className="input select"
                  value={row.patientData}
                  onChange={(e) =>
                    setRow('data', i, { patientData: e.target.value as (typeof patientDataKinds)[number] })
                  }
                >
                  {patientDataKinds.map((k) => (
                    <option key={k} value={k}>
                      {t(`threats.patientData.${k}`)}
                    </option>
                  ))}
                </select>,
              )}
              {check(`ctx-d-rest-${i}`, t('threats.context.atRest'), row.atRest, (v) =>
                setRow('data', i, { atRest: v }),
              )}
              {check(`ctx-d-transit-${i}`, t('threats.context.inTransit'), row.inTransit, (v) =>
                setRow('data', i, { inTransit: v }),
              )}
              <button
                type="button"
                className="btn btn-small btn-danger-quiet"
                aria-label={`${t('common.remove')}: ${t('threats.context.dataN', { n: i + 1 })}`}
                onClick={() => removeRow('data', i)}
              >
                {t('common.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="btn btn-small"
            onClick={() =>
              set('data', [
                ...c.data,
                { name: '', patientData: 'none', atRest: false, inTransit: false, description: '' },
              ])
            }
          >
            ＋ {t('threats.context.addData')}
          </button>
        </section>

        <section className="card section" aria-labelledby="ctx-safety">
          <h2 id="ctx-safety" className="card-title">
            {t('threats.context.safety')}
          </h2>
          {text('safetyImpact')}
          {text('hardwareControls')}
        </section>

        <section className="card section" aria-labelledby="ctx-mds2">
          <h2 id="ctx-mds2" className="card-title">
            {t('threats.context.capabilities')}
          </h2>
          <p className="small muted">{t('threats.context.capabilitiesHint')}</p>
          <div className="table-scroll">
            <table className="table">
              <caption className="sr-only">{t('threats.context.capabilities')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('threats.context.capability')}</th>
                  <th scope="col">{t('threats.context.answer')}</th>
                  <th scope="col">{t('threats.context.note')}</th>
                </tr>
              </thead>
              <tbody>
                {mds2Capabilities.map((k) => {
                  const v = c.capabilities[k];
                  const put = (patch: Partial<{ answer: (typeof mds2Answers)[number]; note: string }>) =>
                    set('capabilities', {
                      ...c.capabilities,
                      [k]: { answer: v?.answer ?? 'n_a', note: v?.note ?? '', ...patch },
                    });
                  return (
                    <tr key={k}>
                      <th scope="row" id={`mds2-${k}`}>
                        <span className="mono">{k}</span>{' '}
                        <span className="small">{t(`threats.mds2.${k}`)}</span>
                      </th>
                      <td>
                        <select
                          className="input select select-compact"
                          aria-label={`${k} ${t('threats.context.answer')}`}
                          value={v?.answer ?? ''}
                          onChange={(e) => {
                            if (e.target.value === '') {
                              const rest = { ...c.capabilities };
                              delete rest[k];
                              set('capabilities', rest);
                            } else put({ answer: e.target.value as (typeof mds2Answers)[number] });
                          }}
                        >
                          <option value="">—</option>
                          {mds2Answers.map((a) => (
                            <option key={a} value={a}>
                              {t(`threats.mds2Answer.${a}`)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <input
                          className="input"
                          aria-label={`${k} ${t('threats.context.note')}`}
                          value={v?.note ?? ''}
                          disabled={!v}
                          onChange={(e) => put({ note: e.target.value })}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      </fieldset>
      <ErrorAlert error={error} />
      {writable ? (
        <div className="form-actions">
          <BusyButton type="submit" className="btn btn-primary" busy={busy}>
            {busy ? t('common.saving') : t('threats.context.save')}
          </BusyButton>
        </div>
      ) : null}
    </form>
  );
}
