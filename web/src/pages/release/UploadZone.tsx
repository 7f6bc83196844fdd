import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { problemDiagnostics, uploadSbom, type UploadHandle } from '../../api/client.js';
import { vulnsApi } from '../../api/vulns.js';
import type { SbomSummaryT } from '../../api/types.js';
import { BusyButton } from '../../components/BusyButton.js';
import { errorMessage } from '../../format.js';
import { DiagnosticList } from './DiagnosticList.js';
import { droppedFile, formatBytes } from './util.js';

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'uploading'; readonly fileName: string; readonly loaded: number; readonly total: number }
  | { readonly kind: 'processing'; readonly fileName: string }
  | { readonly kind: 'done'; readonly sbom: SbomSummaryT }
  | { readonly kind: 'failed'; readonly fileName: string; readonly error: unknown }
  | { readonly kind: 'several'; readonly fileNames: readonly string[] };

/**
 * Drop an SBOM file here, or choose one with the button. Shows the upload's progress, then what
 * was read (components, warnings) or why the file was refused (with the first problems found).
 */
export function UploadZone({
  releaseId,
  compact,
  onUploaded,
}: {
  releaseId: string;
  compact: boolean;
  onUploaded: (sbom: SbomSummaryT) => void;
}) {
  const { t, i18n } = useTranslation();
  // Japanese sentences follow one another without a space.
  const gap = i18n.resolvedLanguage === 'ja' ? '' : ' ';
  const input = useRef<HTMLInputElement>(null);
  const handle = useRef<UploadHandle | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [over, setOver] = useState(false);
  // Whether the server started analysing the new inventory by itself (ADR 0015).
  const [analysing, setAnalysing] = useState(false);
  const busy = state.kind === 'uploading' || state.kind === 'processing';

  const start = (file: File) => {
    if (busy) return;
    setAnalysing(false);
    setState({ kind: 'uploading', fileName: file.name, loaded: 0, total: file.size });
    const h = uploadSbom(releaseId, file, (loaded, total) =>
      setState((s) =>
        s.kind === 'uploading' || s.kind === 'processing'
          ? loaded >= total
            ? { kind: 'processing', fileName: file.name }
            : { kind: 'uploading', fileName: file.name, loaded, total }
          : s,
      ),
    );
    handle.current = h;
    h.done.then(
      (sbom) => {
        handle.current = null;
        setState({ kind: 'done', sbom });
        onUploaded(sbom);
        vulnsApi.listFindings(releaseId, { limit: 1 }).then(
          (page) => setAnalysing(page.analysisPending),
          () => setAnalysing(false),
        );
      },
      (error: unknown) => {
        handle.current = null;
        setState({ kind: 'failed', fileName: file.name, error });
      },
    );
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    if (busy) return;
    const dropped = droppedFile(e.dataTransfer.files);
    if ('several' in dropped) setState({ kind: 'several', fileNames: dropped.several });
    else if (dropped.file) start(dropped.file);
  };

  const percent =
    state.kind === 'uploading' && state.total > 0 ? Math.round((state.loaded / state.total) * 100) : null;

  return (
    <section className={`upload${compact ? ' upload-compact' : ''}`} aria-labelledby="upload-title">
      <div
        className={`dropzone${over ? ' is-over' : ''}${busy ? ' is-busy' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = busy ? 'none' : 'copy';
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="sbom-dropzone"
      >
        <svg className="dropzone-icon" viewBox="0 0 32 32" aria-hidden="true">
          <path
            d="M9 22h-1.5a5.5 5.5 0 01-.6-10.97A7.5 7.5 0 0121.5 9a5.5 5.5 0 013 10.6M16 15v11M12 19l4-4 4 4"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        <div className="dropzone-text">
          <h2 id="upload-title" className="dropzone-title">
            {compact ? t('sbom.upload.titleReplace') : t('sbom.upload.title')}
          </h2>
          <p className="hint">{t('sbom.upload.formats')}</p>
        </div>
        <input
          ref={input}
          id="sbom-file"
          type="file"
          className="sr-only"
          accept=".json,.xml,.spdx,.cdx,application/json,application/xml,text/xml,text/plain"
          tabIndex={-1}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) start(file);
          }}
        />
        <BusyButton className="btn btn-primary" busy={busy} onClick={() => input.current?.click()}>
          {t('sbom.upload.choose')}
        </BusyButton>
      </div>

      <div className="upload-status" aria-live="polite">
        {state.kind === 'uploading' ? (
          <div className="upload-progress">
            <div className="upload-progress-label">
              <span className="mono break">{state.fileName}</span>
              <span className="tabular">
                {t('sbom.upload.progress', {
                  percent: percent ?? 0,
                  loaded: formatBytes(state.loaded),
                  total: formatBytes(state.total),
                })}
              </span>
            </div>
            <progress
              className="progress"
              max={100}
              value={percent ?? 0}
              aria-label={t('sbom.upload.progressLabel', { name: state.fileName })}
            />
            <button type="button" className="btn btn-small" onClick={() => handle.current?.abort()}>
              {t('common.cancel')}
            </button>
          </div>
        ) : null}
        {state.kind === 'processing' ? (
          <div className="upload-progress">
            <div className="upload-progress-label">
              <span className="mono break">{state.fileName}</span>
              <span>{t('sbom.upload.processing')}</span>
            </div>
            <progress className="progress" aria-label={t('sbom.upload.processing')} />
          </div>
        ) : null}
        {state.kind === 'done' ? (
          <div className="alert alert-success" data-testid="upload-result">
            <svg className="alert-icon" viewBox="0 0 16 16" aria-hidden="true">
              <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
              <path d="M5 8.2l2 2 4-4.4" fill="none" stroke="currentColor" strokeWidth="1.5" />
            </svg>
            <span>
              {t('sbom.upload.done', {
                name: state.sbom.fileName,
                count: state.sbom.componentCount,
                format: `${state.sbom.format === 'cyclonedx' ? 'CycloneDX' : 'SPDX'} ${state.sbom.specVersion}`,
              })}
              {gap}
              {state.sbom.warningCount > 0
                ? t('sbom.upload.warnings', { count: state.sbom.warningCount })
                : t('sbom.upload.noWarnings')}
              {analysing ? (
                <>
                  {gap}
                  {t('sbom.upload.analysing')}
                  {gap}
                  <Link to="?tab=findings">{t('sbom.upload.analysingLink')}</Link>
                </>
              ) : null}
            </span>
          </div>
        ) : null}
      </div>
      {state.kind === 'failed' ? <UploadFailure fileName={state.fileName} error={state.error} /> : null}
      {state.kind === 'several' ? (
        <div className="alert alert-error" role="alert" data-testid="upload-several">
          <p>
            {t('sbom.upload.oneAtATime', {
              count: state.fileNames.length,
              names: state.fileNames.join(t('sbom.upload.nameSeparator')),
            })}
          </p>
        </div>
      ) : null}
    </section>
  );
}

function UploadFailure({ fileName, error }: { fileName: string; error: unknown }) {
  const { t } = useTranslation();
  const diagnostics = problemDiagnostics(error);
  return (
    <div className="alert alert-error upload-failure" role="alert" data-testid="upload-error">
      <svg className="alert-icon" viewBox="0 0 16 16" aria-hidden="true">
        <path
          d="M8 1.5l7 12.5H1z"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinejoin="round"
        />
        <path d="M8 6v3.5M8 11.5v.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
      </svg>
      <div className="upload-failure-body">
        <p className="strong">{t('sbom.upload.failed', { name: fileName })}</p>
        <p>{errorMessage(t, error)}</p>
        {diagnostics.length ? (
          <>
            <p className="small">{t('sbom.upload.problems', { count: diagnostics.length })}</p>
            <DiagnosticList diagnostics={diagnostics} limit={50} />
          </>
        ) : null}
      </div>
    </div>
  );
}
