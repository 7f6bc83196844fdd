/**
 * The product's vulnerability matching settings on the product page: CPE matching off, for
 * components without a usable purl (default), or for every component with a CPE. Saving analyses
 * again the releases analysed before, so their findings follow at once.
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
const modes: readonly Mode[] = ['without_purl', 'off', 'all'];

export function VulnSettingsCard({ productId, archived }: { productId: string; archived: boolean }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite() && !archived;
  const notify = useNotify();
  const titleId = useId();
  const settings = useResource(`vuln-settings:${productId}`, () =>
    request<Settings>('GET', `/products/${encodeURIComponent(productId)}/vulnerability-settings`),
  );
  const [choice, setChoice] = useState<Mode | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const current = settings.data?.cpeMatching ?? 'without_purl';
  const selected = choice ?? current;

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const r = await request<z.infer<typeof VulnSettingsResult>>(
        'PUT',
        `/products/${encodeURIComponent(productId)}/vulnerability-settings`,
        { body: { cpeMatching: selected } },
      );
      notify(t('vulnSettings.saved', { count: r.reanalysedReleases }));
      setChoice(null);
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
      <fieldset className="fieldset" disabled={!canWrite || busy}>
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
      {settings.data?.updatedAt ? (
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
          disabled={busy || selected === current}
          onClick={() => void save()}
        >
          {busy ? t('vulnSettings.saving') : t('vulnSettings.save')}
        </button>
      ) : null}
    </section>
  );
}
