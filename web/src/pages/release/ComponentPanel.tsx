import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { ComponentT } from '../../api/types.js';
import { Badge } from '../../components/Badge.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { SidePanel } from '../../components/SidePanel.js';
import { formatDateTime } from '../../format.js';
import { useNotify } from '../../session.js';
import { ComponentForm } from './ComponentForm.js';
import { EndOfSupport, OriginBadge, PrimaryBadge } from './ComponentCells.js';
import { formatName } from './util.js';

/** One component's details (identifiers, hashes, description) and its edit form. */
export function ComponentPanel({
  component,
  writable,
  onClose,
  onSaved,
  onDeleted,
}: {
  component: ComponentT;
  writable: boolean;
  onClose: () => void;
  onSaved: (c: ComponentT) => void;
  onDeleted: (c: ComponentT) => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const c = component;
  const manual = c.origin === 'manual';
  const none = <span className="muted">{t('common.notSet')}</span>;
  const name = formatName(c.group, c.name);
  return (
    <SidePanel
      id="component-panel"
      title={
        <>
          <span className="break">{name}</span>{' '}
          {c.version ? <span className="mono muted">{c.version}</span> : null}
        </>
      }
      subtitle={
        <span className="heading-meta">
          <OriginBadge origin={c.origin} />
          {c.primary ? <PrimaryBadge /> : null}
          <Badge tone="neutral">{t(`componentType.${c.type}`)}</Badge>
        </span>
      }
      onClose={onClose}
    >
      {c.primary ? <p className="hint">{t('component.primaryHint')}</p> : null}
      <dl className="deflist deflist-compact deflist-single">
        <div>
          <dt>{t('component.fields.supplier')}</dt>
          <dd>{c.supplier ?? none}</dd>
        </div>
        <div>
          <dt>{t('component.fields.license')}</dt>
          <dd className="break">{c.license ?? none}</dd>
        </div>
        <div>
          <dt>{t('component.fields.purl')}</dt>
          <dd className="mono break">{c.purl ?? none}</dd>
        </div>
        <div>
          <dt>{t('component.fields.cpe')}</dt>
          <dd className="mono break">{c.cpe ?? none}</dd>
        </div>
        <div>
          <dt>{t('component.fields.bomRef')}</dt>
          <dd className="mono break">{c.bomRef}</dd>
        </div>
        <div>
          <dt>{t('component.fields.hashes')}</dt>
          <dd>
            {c.hashes.length ? (
              <ul className="hash-list">
                {c.hashes.map((h) => (
                  <li key={`${h.alg}:${h.content}`}>
                    <span className="strong small">{h.alg}</span> <code className="break">{h.content}</code>
                  </li>
                ))}
              </ul>
            ) : (
              none
            )}
          </dd>
        </div>
        <div>
          <dt>{t('component.fields.supportLevel')}</dt>
          <dd>{c.supportLevel ?? none}</dd>
        </div>
        <div>
          <dt>{t('component.fields.endOfSupport')}</dt>
          <dd>{c.endOfSupport ? <EndOfSupport date={c.endOfSupport} /> : none}</dd>
        </div>
        <div>
          <dt>{t('component.fields.description')}</dt>
          <dd className="prewrap">{c.description ?? none}</dd>
        </div>
        <div>
          <dt>{t('component.fields.updatedAt')}</dt>
          <dd className="tabular">{formatDateTime(c.updatedAt)}</dd>
        </div>
      </dl>

      {writable ? (
        <section className="side-panel-section" aria-labelledby="component-edit-title">
          <h3 id="component-edit-title" className="side-panel-subheading">
            {t('component.edit.title')}
          </h3>
          <p className="hint">{manual ? t('component.edit.manualHint') : t('component.edit.sbomHint')}</p>
          <ComponentForm
            mode={manual ? 'manual' : 'sbom'}
            initial={c}
            submitLabel={t('common.save')}
            onSubmit={async (body) => {
              const saved = await api.updateComponent(c.id, body);
              onSaved(saved);
              notify(t('component.edit.saved', { name: formatName(saved.group, saved.name) }));
            }}
          />
          {manual ? (
            <div className="danger-zone">
              <button type="button" className="btn btn-danger-quiet" onClick={() => setConfirmDelete(true)}>
                {t('component.delete.button')}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}
      <ConfirmDialog
        open={confirmDelete}
        danger
        title={t('component.delete.title', { name })}
        body={t('component.delete.body')}
        confirmLabel={t('common.remove')}
        onClose={() => setConfirmDelete(false)}
        onConfirm={async () => {
          await api.deleteComponent(c.id);
          notify(t('component.delete.done', { name }));
          onDeleted(c);
        }}
      />
    </SidePanel>
  );
}
