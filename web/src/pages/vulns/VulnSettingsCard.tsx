/**
 * The product's vulnerability matching settings on the product page: CPE matching off, for
 * components without a usable purl (default), or for every component with a CPE; and exceptions per
 * component (by group/name, in every release): CPE matching on or off whatever the product's mode.
 * Saving analyses again the releases analysed before, so their findings follow at once.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { VulnSettings, VulnSettingsResult } from '../../../../src/contract/findings.js';
import { request } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime } from '../../format.js';
import { useCanWrite, useNotify } from '../../session.js';
import { useResource } from '../../useResource.js';
import './vulns.css';

type Settings = z.infer<typeof VulnSettings>;
type Mode = Settings['cpeMatching'];
type Override = Settings['componentOverrides'][number];
const modes: readonly Mode[] = ['without_purl', 'off', 'all'];
const overrideModes: readonly Override['cpeMatching'][] = ['on', 'off'];

const sameOverrides = (a: readonly Override[], b: readonly Override[]) =>
  a.length === b.length &&
  a.every((o, i) => o.component === b[i]!.component && o.cpeMatching === b[i]!.cpeMatching);

export function VulnSettingsCard({ productId, archived }: { productId: string; archived: boolean }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite() && !archived;
  const notify = useNotify();
  const titleId = useId();
  const settings = useResource(`vuln-settings:${productId}`, () =>
    request<Settings>('GET', `/products/${encodeURIComponent(productId)}/vulnerability-settings`),
  );
  const [choice, setChoice] = useState<Mode | null>(null);
  const [draft, setDraft] = useState<Override[] | null>(null);
  const [newName, setNewName] = useState('');
  const [newMode, setNewMode] = useState<Override['cpeMatching']>('on');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Until the product's settings arrive no mode is shown as chosen: showing the default would let a
  // click on it look like no change (and would claim a setting the product may not have).
  const current = settings.data?.cpeMatching ?? null;
  const selected = choice ?? current;
  const saved = settings.data?.componentOverrides ?? [];
  const overrides = draft ?? saved;
  const changed = selected !== current || !sameOverrides(overrides, saved);
  const modeOptions = overrideModes.map((m) => (
    <option key={m} value={m}>
      {t(`vulnSettings.overrides.modes.${m}`)}
    </option>
  ));
  const newTrimmed = newName.trim();
  const duplicate = overrides.some((o) => o.component === newTrimmed);

  function addOverride() {
    if (newTrimmed === '' || duplicate) return;
    setDraft(
      [...overrides, { component: newTrimmed, cpeMatching: newMode }].sort((a, b) =>
        a.component < b.component ? -1 : a.component > b.component ? 1 : 0,
      ),
    );
    setNewName('');
  }

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const r = await request<z.infer<typeof VulnSettingsResult>>(
        'PUT',
        `/products/${encodeURIComponent(productId)}/vulnerability-settings`,
        { body: { cpeMatching: selected ?? 'without_purl', componentOverrides: overrides } },
      );
      notify(t('vulnSettings.saved', { count: r.reanalysedReleases }));
      setChoice(null);
      setDraft(null);
      settings.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId} className="card-title">
        {t('vulnSettings.title')}
      </h2>
      {settings.error ? <ErrorAlert error={settings.error} /> : null}
      <fieldset className="fieldset" disabled={!canWrite || busy || !settings.data}>
        <legend className="label">{t('vulnSettings.cpeLegend')}</legend>
        <div className="vuln-settings-options">
          {modes.map((m) => (
            <label key={m} className="checkbox">
              <input
                type="radio"
                name={`cpe-${productId}`}
                value={m}
                checked={selected === m}
                onChange={() => setChoice(m)}
              />
              <span>
                {t(`vulnSettings.modes.${m}.label`)}
                <span className="hint vuln-settings-hint">{t(`vulnSettings.modes.${m}.help`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <h3 className="vuln-overrides-title" id={`${titleId}-overrides`}>
        {t('vulnSettings.overrides.title')}
      </h3>
      <p className="hint">{t('vulnSettings.overrides.help')}</p>
      {overrides.length > 0 ? (
        <table className="table vuln-overrides" aria-labelledby={`${titleId}-overrides`}>
          <thead>
            <tr>
              <th scope="col">{t('vulnSettings.overrides.component')}</th>
              <th scope="col">{t('vulnSettings.overrides.matching')}</th>
              {canWrite ? (
                <th scope="col">
                  <span className="sr-only">{t('vulnSettings.overrides.actions')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {overrides.map((o) => (
              <tr key={o.component}>
                <td className="mono">{o.component}</td>
                <td>
                  {canWrite ? (
                    <select
                      className="input"
                      aria-label={t('vulnSettings.overrides.matchingOf', { component: o.component })}
                      value={o.cpeMatching}
                      disabled={busy}
                      onChange={(e) =>
                        setDraft(
                          overrides.map((x) =>
                            x.component === o.component
                              ? { ...x, cpeMatching: e.target.value as Override['cpeMatching'] }
                              : x,
                          ),
                        )
                      }
                    >
                      {modeOptions}
                    </select>
                  ) : (
                    t(`vulnSettings.overrides.modes.${o.cpeMatching}`)
                  )}
                </td>
                {canWrite ? (
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={busy}
                      aria-label={t('vulnSettings.overrides.removeOf', { component: o.component })}
                      onClick={() => setDraft(overrides.filter((x) => x.component !== o.component))}
                    >
                      {t('vulnSettings.overrides.remove')}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted small">{t('vulnSettings.overrides.none')}</p>
      )}
      {canWrite ? (
        <form
          className="vuln-overrides-add"
          onSubmit={(e) => {
            e.preventDefault();
            addOverride();
          }}
        >
          <label className="field">
            <span className="label">{t('vulnSettings.overrides.component')}</span>
            <input
              className="input"
              value={newName}
              placeholder="org.example/component"
              disabled={busy}
              aria-invalid={duplicate || undefined}
              onChange={(e) => setNewName(e.target.value)}
            />
          </label>
          <label className="field">
            <span className="label">{t('vulnSettings.overrides.matching')}</span>
            <select
              className="input"
              value={newMode}
              disabled={busy}
              onChange={(e) => setNewMode(e.target.value as Override['cpeMatching'])}
            >
              {modeOptions}
            </select>
          </label>
          <button type="submit" className="btn" disabled={busy || newTrimmed === '' || duplicate}>
            {t('vulnSettings.overrides.add')}
          </button>
          {duplicate ? <p className="field-error">{t('vulnSettings.overrides.duplicate')}</p> : null}
        </form>
      ) : null}
      {!settings.data ? (
        <p className="muted small">{t('app.loading')}</p>
      ) : settings.data.updatedAt ? (
        <p className="muted small">
          {t('vulnSettings.updated', {
            at: formatDateTime(settings.data.updatedAt),
            by: settings.data.updatedBy ?? '',
          })}
        </p>
      ) : (
        <p className="muted small">{t('vulnSettings.default')}</p>
      )}
      {error ? <ErrorAlert error={error} /> : null}
      {canWrite ? (
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy || !changed}
          onClick={() => void save()}
        >
          {busy ? t('vulnSettings.saving') : t('vulnSettings.save')}
        </button>
      ) : null}
    </section>
  );
}
