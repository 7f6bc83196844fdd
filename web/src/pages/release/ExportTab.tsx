import { useTranslation } from 'react-i18next';
import { downloads } from '../../api/client.js';
import type { ExportFormatT, ExportVariantT, ReleaseT } from '../../api/types.js';

const formats: readonly { id: ExportFormatT; label: string }[] = [
  { id: 'cyclonedx-1.6-json', label: 'CycloneDX 1.6 JSON' },
  { id: 'cyclonedx-1.6-xml', label: 'CycloneDX 1.6 XML' },
  { id: 'spdx-2.3-json', label: 'SPDX 2.3 JSON' },
];
const variants: readonly ExportVariantT[] = ['full', 'hospital'];

/** Download the release inventory in a standard format, complete or for hospitals. */
export function ExportTab({ release }: { release: ReleaseT }) {
  const { t } = useTranslation();
  return (
    <div className="export">
      <p className="export-intro">{t('export.intro')}</p>
      <ul className="export-variants">
        <li>
          <span className="strong">{t('export.variants.full')}</span> — {t('export.variantHelp.full')}
        </li>
        <li>
          <span className="strong">{t('export.variants.hospital')}</span> — {t('export.variantHelp.hospital')}
        </li>
      </ul>
      <div className="table-card export-card">
        <table className="table export-table">
          <caption className="sr-only">{t('export.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('export.format')}</th>
              {variants.map((v) => (
                <th scope="col" key={v}>
                  {t(`export.variants.${v}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {formats.map((f) => (
              <tr key={f.id}>
                <th scope="row" className="cell-primary">
                  {f.label}
                </th>
                {variants.map((v) => (
                  <td key={v}>
                    <a
                      className={`btn btn-small${v === 'hospital' ? ' btn-primary' : ''}`}
                      href={downloads.export(release.id, f.id, v)}
                      download
                      aria-label={t('export.downloadLabel', {
                        format: f.label,
                        variant: t(`export.variants.${v}`),
                      })}
                    >
                      <DownloadIcon />
                      {t('export.download')}
                    </a>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">{t('export.note')}</p>
      <SupportTableDownloads release={release} />
    </div>
  );
}

const supportFormats: readonly { id: 'csv' | 'pdf'; label: string }[] = [
  { id: 'csv', label: 'CSV' },
  { id: 'pdf', label: 'PDF' },
];
const supportLanguages = ['ja', 'en'] as const;

/**
 * The FDA support table (each component's support level and end-of-support date, with a status) as
 * CSV for Excel or PDF, in Japanese or English: the addendum FDA's premarket guidance accepts beside
 * the SBOM.
 */
function SupportTableDownloads({ release }: { release: ReleaseT }) {
  const { t } = useTranslation();
  return (
    <section className="export-support" aria-labelledby="export-support-title">
      <h2 id="export-support-title" className="export-heading">
        {t('export.support.title')}
      </h2>
      <p className="export-intro">{t('export.support.intro')}</p>
      <div className="table-card export-card">
        <table className="table export-table" data-testid="support-table-downloads">
          <caption className="sr-only">{t('export.support.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('export.format')}</th>
              {supportLanguages.map((lang) => (
                <th scope="col" key={lang}>
                  {t(`export.support.lang.${lang}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {supportFormats.map((f) => (
              <tr key={f.id}>
                <th scope="row" className="cell-primary">
                  {f.label}
                </th>
                {supportLanguages.map((lang) => (
                  <td key={lang}>
                    <a
                      className="btn btn-small"
                      href={downloads.supportReport(release.id, f.id, lang)}
                      download
                      aria-label={t('export.support.downloadLabel', {
                        format: f.label,
                        language: t(`export.support.lang.${lang}`),
                      })}
                    >
                      <DownloadIcon />
                      {t('export.download')}
                    </a>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">{t('export.support.note')}</p>
    </section>
  );
}

function DownloadIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path
        d="M8 2v8M4.5 6.8L8 10.3l3.5-3.5M3 13.5h10"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
