import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge.js';
import { BusyButton } from '../../components/BusyButton.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { formatDateTime } from '../../format.js';
import { useNotify } from '../../session.js';
import { useResource } from '../../useResource.js';
import { newId, threatsApi, type ElementT, type ThreatModelT, type VersionT } from './api.js';
import { DiagramCanvas } from './DiagramCanvas.js';
import { DiffView } from './DiffView.js';
import { ElementPanel } from './ElementPanel.js';
import { defaultSize, freeSpot, isNode } from './geometry.js';

type AddKind = 'process' | 'store' | 'actor' | 'boundary';
const addKinds: readonly AddKind[] = ['process', 'store', 'actor', 'boundary'];

/** The threat model: versions, the data-flow diagram editor with threats per element, import/export, diff. */
export function ModelTab({
  productId,
  productName,
  writable,
  onDirtyChange,
}: {
  productId: string;
  productName: string;
  writable: boolean;
  /** Told whether the draft has unsaved changes (the page guards leaving with them). */
  onDirtyChange?: (dirty: boolean) => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const versions = useResource(`tm-versions:${productId}`, () => threatsApi.listVersions(productId));
  const [versionId, setVersionId] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<VersionT | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [draft, setDraft] = useState<ThreatModelT | null>(null);
  const [dirty, setDirty] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [connecting, setConnecting] = useState<string | null>(null);
  const [diagramId, setDiagramId] = useState<string>('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [newLabel, setNewLabel] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);

  const list = versions.data ?? [];
  const targetId = versionId ?? list[0]?.id ?? null;

  useEffect(() => {
    if (!targetId || loaded?.id === targetId) return;
    let cancelled = false;
    threatsApi.getVersion(targetId).then(
      (v) => {
        if (cancelled) return;
        setLoaded(v);
        setDraft(v.model);
        setDirty(false);
        setSelected(null);
        setConnecting(null);
        setDiagramId(v.model.diagrams[0]?.id ?? '');
        setLoadError(null);
      },
      (e: unknown) => !cancelled && setLoadError(e),
    );
    return () => {
      cancelled = true;
    };
  }, [targetId, loaded?.id]);

  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange?.(false), [onDirtyChange]);

  const frozen = loaded?.frozenAt !== null && loaded?.frozenAt !== undefined;
  const readOnly = !writable || frozen;
  const elements = useMemo(
    () => (draft ? draft.elements.filter((e) => e.diagramId === diagramId) : []),
    [draft, diagramId],
  );
  const threatCounts = useMemo(() => {
    const m = new Map<string, number>();
    for (const th of draft?.threats ?? []) m.set(th.elementId, (m.get(th.elementId) ?? 0) + 1);
    return m;
  }, [draft]);

  if (versions.error && !versions.data)
    return <ErrorAlert error={versions.error} onRetry={versions.reload} />;
  if (!versions.data) return <Loading />;

  const update = (m: ThreatModelT) => {
    setDraft(m);
    setDirty(true);
  };
  const changeElement = (e: ElementT) =>
    draft && update({ ...draft, elements: draft.elements.map((x) => (x.id === e.id ? e : x)) });
  const deleteElement = (id: string) => {
    if (!draft) return;
    const attached = (ep: ElementT['source']) => ep !== null && 'elementId' in ep && ep.elementId === id;
    const gone = new Set([
      id,
      ...draft.elements
        .filter((e) => e.kind === 'flow' && (attached(e.source) || attached(e.target)))
        .map((e) => e.id),
    ]);
    update({
      ...draft,
      elements: draft.elements.filter((e) => !gone.has(e.id)),
      threats: draft.threats.filter((th) => !gone.has(th.elementId)),
    });
    setSelected(null);
    notify(t('threats.diagram.deleted', { count: gone.size }));
    document.getElementById('dfd-toolbar-first')?.focus();
  };
  const blankElement = (kind: ElementT['kind'], name: string): ElementT => ({
    id: newId(),
    kind,
    diagramId,
    name,
    description: '',
    position: null,
    size: null,
    source: null,
    target: null,
    vertices: [],
    outOfScope: false,
    reasonOutOfScope: '',
    properties: {},
    raw: null,
  });
  const addNode = (kind: AddKind) => {
    if (!draft) return;
    const count = draft.elements.filter((e) => e.kind === kind).length + 1;
    const e: ElementT = {
      ...blankElement(kind, `${t(`threats.kinds.${kind}`)} ${count}`),
      position: freeSpot(elements, defaultSize[kind]),
      size: defaultSize[kind]!,
    };
    update({ ...draft, elements: [...draft.elements, e] });
    setSelected(e.id);
    focusElement(e.id);
  };
  const connect = (sourceId: string, targetElementId: string) => {
    if (!draft) return;
    const count = draft.elements.filter((e) => e.kind === 'flow').length + 1;
    const e: ElementT = {
      ...blankElement('flow', `${t('threats.kinds.flow')} ${count}`),
      source: { elementId: sourceId },
      target: { elementId: targetElementId },
    };
    update({ ...draft, elements: [...draft.elements, e] });
    setConnecting(null);
    setSelected(e.id);
    focusElement(e.id);
  };
  const startFlow = () => {
    const sel = draft?.elements.find((e) => e.id === selected);
    const source =
      sel && isNode(sel) && sel.kind !== 'boundary'
        ? sel
        : elements.find((e) => isNode(e) && e.kind !== 'boundary');
    if (!source) return;
    setConnecting(source.id);
    setSelected(source.id);
    focusElement(source.id);
  };

  const save = async () => {
    if (!loaded || !draft) return;
    setBusy(true);
    setError(null);
    try {
      const v = await threatsApi.saveVersion(loaded.id, draft);
      setLoaded(v);
      setDraft(v.model);
      setDirty(false);
      versions.reload();
      notify(t('threats.model.saved', { version: v.version }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const createVersion = async (model?: ThreatModelT) => {
    setBusy(true);
    setError(null);
    try {
      const v = await threatsApi.createVersion(productId, { label: newLabel.trim() || undefined, model });
      setNewLabel('');
      setLoaded(v);
      setDraft(v.model);
      setDiagramId(v.model.diagrams[0]?.id ?? '');
      setDirty(false);
      setVersionId(v.id);
      versions.reload();
      notify(t('threats.model.created', { version: v.version }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const importFile = async (file: File) => {
    setBusy(true);
    setError(null);
    setWarnings([]);
    try {
      let doc: unknown;
      try {
        doc = JSON.parse(await file.text());
      } catch {
        throw new Error(t('threats.model.importNotJson', { name: file.name }));
      }
      const v = await threatsApi.importThreatDragon(productId, doc);
      setWarnings(v.warnings);
      setLoaded(v);
      setDraft(v.model);
      setDiagramId(v.model.diagrams[0]?.id ?? '');
      setDirty(false);
      setVersionId(v.id);
      versions.reload();
      notify(t('threats.model.imported', { name: file.name, version: v.version }));
    } catch (e) {
      setError(e instanceof Error && !('code' in e) ? e.message : e);
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  // The file input is hidden and out of the tab order (it took focus without a visible ring); the
  // visible button opens its file chooser, from the keyboard too.
  const importControl = writable ? (
    <span className="file-button">
      <input
        ref={fileInput}
        id="tm-import"
        type="file"
        accept=".json,application/json"
        className="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        disabled={busy}
        onChange={(ev) => {
          const f = ev.target.files?.[0];
          if (f) void importFile(f);
        }}
      />
      <BusyButton type="button" className="btn" busy={busy} onClick={() => fileInput.current?.click()}>
        {t('threats.model.import')}
      </BusyButton>
    </span>
  ) : null;

  const errorText = typeof error === 'string' ? error : undefined;

  if (list.length === 0)
    return (
      <div className="section">
        <ErrorAlert error={errorText ? undefined : error} message={errorText} />
        <EmptyState
          title={t('threats.model.emptyTitle')}
          body={writable ? t('threats.model.emptyBody') : t('threats.model.emptyViewer')}
          action={
            writable ? (
              <div className="row-actions">
                <BusyButton
                  type="button"
                  className="btn btn-primary"
                  busy={busy}
                  onClick={() => void createVersion()}
                >
                  {t('threats.model.start')}
                </BusyButton>
                {importControl}
              </div>
            ) : null
          }
        />
      </div>
    );

  if (loadError) return <ErrorAlert error={loadError} onRetry={() => setLoaded(null)} />;
  if (!loaded || !draft) return <Loading />;
  const sel = draft.elements.find((e) => e.id === selected) ?? null;
  const connectingName = draft.elements.find((e) => e.id === connecting)?.name ?? '';

  return (
    <div className="section tm">
      <div className="toolbar tm-versions">
        <label className="toolbar-label" htmlFor="tm-version">
          {t('threats.model.version')}
        </label>
        <select
          id="tm-version"
          className="input select select-compact"
          value={loaded.id}
          onChange={(ev) => {
            if (dirty && !window.confirm(t('threats.model.discardConfirm'))) return;
            setVersionId(ev.target.value);
          }}
        >
          {list.map((v, i) => (
            <option key={v.id} value={v.id}>
              {t('threats.model.versionOption', { version: v.version, label: v.label })}
              {i === 0 ? ` (${t('threats.model.current')})` : ''}
            </option>
          ))}
        </select>
        <span className="small muted">
          {t('threats.model.versionMeta', { by: loaded.createdBy, at: formatDateTime(loaded.updatedAt) })}
        </span>
        {frozen ? <Badge tone="gray">{t('threats.model.frozen')}</Badge> : null}
        {dirty ? <Badge tone="amber">{t('threats.model.unsaved')}</Badge> : null}
        <span className="toolbar-spacer" />
        {writable && !frozen ? (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || !dirty}
            onClick={() => void save()}
          >
            {busy ? t('common.saving') : t('threats.model.save')}
          </button>
        ) : null}
        <a className="btn" href={threatsApi.exportUrl(loaded.id, 'threat-dragon')} download>
          {t('threats.model.exportTd')}
        </a>
        <a className="btn" href={threatsApi.exportUrl(loaded.id, 'json')} download>
          {t('threats.model.exportJson')}
        </a>
        {importControl}
      </div>
      {writable ? (
        <form
          className="toolbar tm-newversion"
          onSubmit={(ev) => {
            ev.preventDefault();
            void createVersion(draft);
          }}
        >
          <label className="toolbar-label" htmlFor="tm-new-label">
            {t('threats.model.newLabel')}
          </label>
          <input
            id="tm-new-label"
            className="input input-medium"
            value={newLabel}
            maxLength={200}
            onChange={(ev) => setNewLabel(ev.target.value)}
            placeholder={`v${(list[0]?.version ?? 0) + 1}`}
          />
          <BusyButton type="submit" className="btn" busy={busy}>
            {t('threats.model.saveAsNew')}
          </BusyButton>
          <span className="small muted">{t('threats.model.saveAsNewHint')}</span>
        </form>
      ) : null}
      <ErrorAlert error={errorText ? undefined : error} message={errorText} />
      {warnings.length > 0 ? (
        <div className="alert alert-info" role="status">
          <div>
            <div className="strong">{t('threats.model.importWarnings', { count: warnings.length })}</div>
            <ul className="small">
              {warnings.slice(0, 20).map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {frozen ? <div className="alert alert-info">{t('threats.model.frozenNotice')}</div> : null}

      <div className="dfd-layout">
        <div className="dfd-main card">
          <div className="toolbar dfd-toolbar" role="toolbar" aria-label={t('threats.diagram.toolbar')}>
            {draft.diagrams.length > 1 ? (
              <>
                <label className="toolbar-label" htmlFor="tm-diagram">
                  {t('threats.diagram.diagram')}
                </label>
                <select
                  id="tm-diagram"
                  className="input select select-compact"
                  value={diagramId}
                  onChange={(ev) => setDiagramId(ev.target.value)}
                >
                  {draft.diagrams.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.title || d.id}
                    </option>
                  ))}
                </select>
              </>
            ) : null}
            {!readOnly ? (
              <>
                {addKinds.map((k, i) => (
                  <button
                    key={k}
                    id={i === 0 ? 'dfd-toolbar-first' : undefined}
                    type="button"
                    className="btn btn-small"
                    onClick={() => addNode(k)}
                  >
                    ＋ {t(`threats.kinds.${k}`)}
                  </button>
                ))}
                <button
                  type="button"
                  className="btn btn-small"
                  aria-pressed={connecting !== null}
                  disabled={elements.filter((e) => isNode(e) && e.kind !== 'boundary').length < 2}
                  onClick={() => (connecting ? setConnecting(null) : startFlow())}
                >
                  ＋ {t('threats.kinds.flow')}
                </button>
              </>
            ) : null}
          </div>
          <p id="dfd-help" className="small muted dfd-help">
            {t(readOnly ? 'threats.diagram.helpReadOnly' : 'threats.diagram.help')}
          </p>
          <div
            role="status"
            aria-live="polite"
            className={connecting ? 'alert alert-info dfd-connecting' : 'sr-only'}
          >
            {connecting ? (
              <>
                <span>{t('threats.diagram.connecting', { name: connectingName })}</span>
                <button type="button" className="btn btn-small" onClick={() => setConnecting(null)}>
                  {t('common.cancel')}
                </button>
              </>
            ) : null}
          </div>
          <div
            className="dfd-wrap"
            onKeyDown={(ev) => {
              if (ev.key === 'Escape' && connecting) setConnecting(null);
            }}
          >
            <DiagramCanvas
              elements={elements}
              threatCounts={threatCounts}
              selectedId={selected}
              connectingFrom={connecting}
              readOnly={readOnly}
              onSelect={setSelected}
              onChange={changeElement}
              onDelete={deleteElement}
              onConnect={(target) => connecting && connect(connecting, target)}
            />
          </div>
          {elements.length === 0 ? <p className="muted dfd-empty">{t('threats.diagram.empty')}</p> : null}
          <ThreatTable
            model={draft}
            onSelect={(id) => {
              setSelected(id);
              focusElement(id);
            }}
          />
        </div>
        <aside className="dfd-side card" aria-label={t('threats.element.panelLabel')}>
          {sel ? (
            <ElementPanel
              key={sel.id}
              element={sel}
              elements={elements}
              threats={draft.threats}
              defaultMethod={draft.method}
              readOnly={readOnly}
              onChange={changeElement}
              onDelete={() => deleteElement(sel.id)}
              onThreats={(threats) => update({ ...draft, threats })}
            />
          ) : (
            <p className="muted">{t('threats.element.noneSelected')}</p>
          )}
        </aside>
      </div>

      <DiffView key={`${list[0]?.id ?? ''}:${loaded.id}`} versions={list} currentId={loaded.id} />
      <p className="small muted">{t('threats.model.productNote', { name: productName })}</p>
    </div>
  );
}

function focusElement(id: string) {
  // After React has drawn the element.
  requestAnimationFrame(() => {
    const el = document.querySelector<SVGGElement>(`[data-element-id="${CSS.escape(id)}"]`);
    el?.focus();
  });
}

/** Every threat of the model in one list, each linking back to its element on the diagram. */
function ThreatTable({ model, onSelect }: { model: ThreatModelT; onSelect: (elementId: string) => void }) {
  const { t } = useTranslation();
  const byId = new Map(model.elements.map((e) => [e.id, e]));
  if (model.threats.length === 0) return null;
  return (
    <details className="tm-threats">
      <summary>{t('threats.model.allThreats', { count: model.threats.length })}</summary>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('threats.threat.title')}</th>
              <th scope="col">{t('threats.threat.element')}</th>
              <th scope="col">{t('threats.threat.category')}</th>
              <th scope="col">{t('threats.threat.status')}</th>
            </tr>
          </thead>
          <tbody>
            {model.threats.map((th) => (
              <tr key={th.id}>
                <td>{th.title}</td>
                <td>
                  <button type="button" className="btn-link" onClick={() => onSelect(th.elementId)}>
                    {byId.get(th.elementId)?.name ?? th.elementId}
                  </button>
                </td>
                <td>
                  {th.method === 'stride'
                    ? t(`threats.stride.${th.category}`, { defaultValue: th.category })
                    : th.category}
                </td>
                <td>{t(`threats.threatStatus.${th.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
