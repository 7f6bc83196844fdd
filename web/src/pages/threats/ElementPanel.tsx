import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge.js';
import { Checkbox, SelectField, TextArea, TextField } from '../../components/fields.js';
import {
  newId,
  strideFor,
  threatMethods,
  threatSeverities,
  threatStatuses,
  type ElementT,
  type ThreatT,
} from './api.js';
import { box, isNode } from './geometry.js';

const statusTone = { open: 'red', mitigated: 'green', not_applicable: 'gray' } as const;

/** Properties of the selected element and its threats (STRIDE per element offered for its kind). */
export function ElementPanel({
  element,
  elements,
  threats,
  defaultMethod,
  readOnly,
  onChange,
  onDelete,
  onThreats,
}: {
  element: ElementT;
  elements: readonly ElementT[];
  threats: readonly ThreatT[];
  defaultMethod: ThreatT['method'];
  readOnly: boolean;
  onChange: (element: ElementT) => void;
  onDelete: () => void;
  onThreats: (threats: ThreatT[]) => void;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<ThreatT | null>(null);
  const e = element;
  const set = <K extends keyof ElementT>(k: K, v: ElementT[K]) => onChange({ ...e, [k]: v });
  const prop = (k: string) => e.properties[k];
  const setProp = (k: string, v: string | boolean) =>
    onChange({ ...e, properties: { ...e.properties, [k]: v } });
  const mine = threats.filter((x) => x.elementId === e.id);
  const covered = new Set(mine.filter((x) => x.method === 'stride').map((x) => x.category));
  const open = strideFor(e).filter((c) => !covered.has(c));
  const nodes = elements.filter((x) => isNode(x) && x.kind !== 'boundary' && x.kind !== 'text');
  const endpointValue = (ep: ElementT['source']) => (ep && 'elementId' in ep ? ep.elementId : '');

  const blank = (category: string): ThreatT => ({
    id: newId(),
    elementId: e.id,
    title: '',
    description: '',
    method: category ? 'stride' : defaultMethod,
    category,
    status: 'open',
    severity: null,
    mitigation: '',
    componentIds: [],
    findingIds: [],
    raw: null,
  });

  const saveThreat = (th: ThreatT) => {
    const exists = threats.some((x) => x.id === th.id);
    onThreats(exists ? threats.map((x) => (x.id === th.id ? th : x)) : [...threats, th]);
    setEditing(null);
  };

  return (
    <div className="dfd-panel" aria-labelledby="dfd-panel-title">
      <div className="dfd-panel-head">
        <h3 id="dfd-panel-title" className="side-panel-title">
          {t(`threats.kinds.${e.kind}`)}
        </h3>
        {!readOnly ? (
          <button type="button" className="btn btn-small btn-danger-quiet" onClick={onDelete}>
            {t('threats.element.delete')}
          </button>
        ) : null}
      </div>
      <fieldset className="dfd-fields" disabled={readOnly}>
        <TextField
          name="el-name"
          label={t('threats.element.name')}
          value={e.name}
          onChange={(v) => set('name', v)}
          maxLength={500}
        />
        <TextArea
          name="el-description"
          label={t('threats.element.description')}
          rows={2}
          value={e.description}
          onChange={(v) => set('description', v)}
        />
        {isNode(e) ? <SizeFields key={e.id} element={e} onChange={onChange} /> : null}
        {e.kind === 'flow' ? (
          <>
            <SelectField
              name="el-source"
              label={t('threats.element.source')}
              value={endpointValue(e.source)}
              onChange={(v) => set('source', v ? { elementId: v } : e.source)}
              options={[
                ...(endpointValue(e.source) ? [] : [{ value: '', label: t('threats.element.freePoint') }]),
                ...nodes.map((n) => ({ value: n.id, label: n.name || t('threats.diagram.unnamed') })),
              ]}
            />
            <SelectField
              name="el-target"
              label={t('threats.element.target')}
              value={endpointValue(e.target)}
              onChange={(v) => set('target', v ? { elementId: v } : e.target)}
              options={[
                ...(endpointValue(e.target) ? [] : [{ value: '', label: t('threats.element.freePoint') }]),
                ...nodes.map((n) => ({ value: n.id, label: n.name || t('threats.diagram.unnamed') })),
              ]}
            />
            <TextField
              name="el-protocol"
              label={t('threats.element.protocol')}
              value={typeof prop('protocol') === 'string' ? (prop('protocol') as string) : ''}
              onChange={(v) => setProp('protocol', v)}
              width="medium"
            />
            <Checkbox
              name="el-encrypted"
              label={t('threats.element.isEncrypted')}
              checked={prop('isEncrypted') === true}
              onChange={(v) => setProp('isEncrypted', v)}
            />
            <Checkbox
              name="el-public"
              label={t('threats.element.isPublicNetwork')}
              checked={prop('isPublicNetwork') === true}
              onChange={(v) => setProp('isPublicNetwork', v)}
            />
          </>
        ) : null}
        {e.kind === 'store' ? (
          <>
            <Checkbox
              name="el-log"
              label={t('threats.element.isALog')}
              checked={prop('isALog') === true}
              onChange={(v) => setProp('isALog', v)}
            />
            <Checkbox
              name="el-creds"
              label={t('threats.element.storesCredentials')}
              checked={prop('storesCredentials') === true}
              onChange={(v) => setProp('storesCredentials', v)}
            />
          </>
        ) : null}
        {e.kind === 'process' || e.kind === 'store' || e.kind === 'flow' ? (
          <Checkbox
            name="el-patient"
            label={t('threats.element.handlesPatientData')}
            checked={prop('handlesPatientData') === true}
            onChange={(v) => setProp('handlesPatientData', v)}
          />
        ) : null}
        {e.kind !== 'boundary' ? (
          <Checkbox
            name="el-out"
            label={t('threats.element.outOfScope')}
            checked={e.outOfScope}
            onChange={(v) => set('outOfScope', v)}
          />
        ) : null}
        {e.outOfScope ? (
          <TextField
            name="el-out-reason"
            label={t('threats.element.reasonOutOfScope')}
            value={e.reasonOutOfScope}
            onChange={(v) => set('reasonOutOfScope', v)}
          />
        ) : null}
      </fieldset>

      {e.kind !== 'boundary' && e.kind !== 'text' ? (
        <section className="dfd-threats" aria-labelledby="dfd-threats-title">
          <h4 id="dfd-threats-title" className="side-panel-subheading">
            {t('threats.threat.listTitle')} <span className="count-pill">{mine.length}</span>
          </h4>
          {mine.length === 0 ? <p className="muted small">{t('threats.threat.none')}</p> : null}
          <ul className="threat-list">
            {mine.map((th) => (
              <li key={th.id} className="threat-item">
                <div className="threat-item-head">
                  <span className="strong">{th.title || t('threats.diagram.unnamed')}</span>
                  <Badge tone={statusTone[th.status]}>{t(`threats.threatStatus.${th.status}`)}</Badge>
                </div>
                <div className="small muted">
                  {t(`threats.methods.${th.method}`)} · {categoryLabel(t, th)}
                  {th.severity ? ` · ${t(`threats.severity.${th.severity}`)}` : ''}
                </div>
                {!readOnly ? (
                  <div className="row-actions">
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={`${t('common.edit')}: ${th.title}`}
                      onClick={() => setEditing(th)}
                    >
                      {t('common.edit')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-small btn-danger-quiet"
                      aria-label={`${t('threats.threat.delete')}: ${th.title}`}
                      onClick={() => onThreats(threats.filter((x) => x.id !== th.id))}
                    >
                      {t('threats.threat.delete')}
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
          {open.length > 0 && !e.outOfScope ? (
            <div className="stride-open">
              <div className="small">{t('threats.threat.uncovered')}</div>
              <div className="chips">
                {open.map((c) =>
                  readOnly ? (
                    <span key={c} className="chip chip-soft">
                      {t(`threats.stride.${c}`)}
                    </span>
                  ) : (
                    <button
                      key={c}
                      type="button"
                      className="chip chip-button"
                      aria-label={t('threats.threat.addCategory', { category: t(`threats.stride.${c}`) })}
                      onClick={() =>
                        setEditing({ ...blank(c), title: `${t(`threats.stride.${c}`)}: ${e.name}` })
                      }
                    >
                      ＋ {t(`threats.stride.${c}`)}
                    </button>
                  ),
                )}
              </div>
            </div>
          ) : null}
          {!readOnly && !editing ? (
            <button type="button" className="btn" onClick={() => setEditing(blank(open[0] ?? ''))}>
              ＋ {t('threats.threat.add')}
            </button>
          ) : null}
          {editing ? (
            <ThreatForm
              key={editing.id}
              threat={editing}
              element={e}
              isNew={!threats.some((x) => x.id === editing.id)}
              onSave={saveThreat}
              onCancel={() => setEditing(null)}
            />
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export function categoryLabel(t: TFunction, th: Pick<ThreatT, 'method' | 'category'>): string {
  return th.method === 'stride' && th.category
    ? t(`threats.stride.${th.category}`, { defaultValue: th.category })
    : th.category;
}

function ThreatForm({
  threat,
  element,
  isNew,
  onSave,
  onCancel,
}: {
  threat: ThreatT;
  element: ElementT;
  isNew: boolean;
  onSave: (t: ThreatT) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [d, setD] = useState(threat);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof ThreatT>(k: K, v: ThreatT[K]) => setD((x) => ({ ...x, [k]: v }));
  const categories = strideFor(element);
  return (
    <form
      className="threat-form"
      aria-label={isNew ? t('threats.threat.addTitle') : t('threats.threat.editTitle')}
      onSubmit={(ev) => {
        ev.preventDefault();
        if (!d.title.trim()) {
          setError(t('threats.threat.titleRequired'));
          document.getElementById('f-thr-title')?.focus();
          return;
        }
        onSave({ ...d, title: d.title.trim() });
      }}
    >
      <h4 className="side-panel-subheading">
        {isNew ? t('threats.threat.addTitle') : t('threats.threat.editTitle')}
      </h4>
      <TextField
        name="thr-title"
        label={t('threats.threat.title')}
        required
        value={d.title}
        onChange={(v) => set('title', v)}
        error={error ?? undefined}
      />
      <SelectField
        name="thr-method"
        label={t('threats.threat.method')}
        value={d.method}
        onChange={(v) =>
          setD((x) => ({ ...x, method: v, category: v === 'stride' ? (categories[0] ?? '') : '' }))
        }
        options={threatMethods.map((m) => ({ value: m, label: t(`threats.methods.${m}`) }))}
      />
      {d.method === 'stride' ? (
        <SelectField
          name="thr-category"
          label={t('threats.threat.category')}
          value={d.category}
          onChange={(v) => set('category', v)}
          options={[
            ...(categories.includes(d.category as never)
              ? []
              : [{ value: d.category, label: d.category || '—' }]),
            ...categories.map((c) => ({ value: c, label: t(`threats.stride.${c}`) })),
          ]}
        />
      ) : (
        <TextField
          name="thr-category"
          label={t('threats.threat.category')}
          value={d.category}
          onChange={(v) => set('category', v)}
        />
      )}
      <TextArea
        name="thr-description"
        label={t('threats.threat.description')}
        rows={2}
        value={d.description}
        onChange={(v) => set('description', v)}
      />
      <div className="field-row">
        <SelectField
          name="thr-status"
          label={t('threats.threat.status')}
          value={d.status}
          onChange={(v) => set('status', v)}
          options={threatStatuses.map((s) => ({ value: s, label: t(`threats.threatStatus.${s}`) }))}
        />
        <SelectField
          name="thr-severity"
          label={t('threats.threat.severity')}
          value={d.severity ?? ''}
          onChange={(v) => set('severity', v === '' ? null : v)}
          options={[
            { value: '' as const, label: t('threats.severity.none') },
            ...threatSeverities.map((s) => ({ value: s, label: t(`threats.severity.${s}`) })),
          ]}
        />
      </div>
      <TextArea
        name="thr-mitigation"
        label={t('threats.threat.mitigation')}
        rows={2}
        value={d.mitigation}
        onChange={(v) => set('mitigation', v)}
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {isNew ? t('threats.threat.addSubmit') : t('threats.threat.apply')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

const minSize = 40;
const maxSize = 4000;

/**
 * Width and height of a node's shape (a trust boundary is drawn around what it encloses, so it must
 * be able to grow). A value is applied as soon as it is a whole number from 40 to 4,000; otherwise
 * the field says what it takes and the shape keeps its size.
 */
function SizeFields({ element, onChange }: { element: ElementT; onChange: (element: ElementT) => void }) {
  const { t } = useTranslation();
  const b = box(element);
  const [text, setText] = useState({ width: String(b.width), height: String(b.height) });
  const valid = (v: string) => /^\d+$/.test(v.trim()) && Number(v) >= minSize && Number(v) <= maxSize;
  const change = (k: 'width' | 'height', v: string) => {
    setText((old) => ({ ...old, [k]: v }));
    if (valid(v)) onChange({ ...element, size: { width: b.width, height: b.height, [k]: Number(v) } });
  };
  const error = { key: 'threats.element.sizeRange', values: { min: minSize, max: maxSize } };
  return (
    <div className="dfd-size">
      {(['width', 'height'] as const).map((k) => (
        <TextField
          key={k}
          name={`el-${k}`}
          label={t(`threats.element.${k}`)}
          value={text[k]}
          onChange={(v) => change(k, v)}
          inputMode="numeric"
          width="short"
          error={valid(text[k]) ? undefined : error}
        />
      ))}
    </div>
  );
}
