import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/Badge.js';
import { BusyButton } from '../../components/BusyButton.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { CheckboxGroup, SelectField, TextArea, TextField } from '../../components/fields.js';
import { useNotify } from '../../session.js';
import { useResource } from '../../useResource.js';
import {
  controlStatuses,
  controlTypes,
  independenceLevels,
  testKinds,
  testResults,
  threatsApi,
  type ControlT,
  type RequirementT,
  type TestT,
} from './api.js';

const resultTone = { not_run: 'gray', passed: 'green', failed: 'red', inconclusive: 'amber' } as const;
const reviewTone = { draft: 'gray', in_review: 'blue', approved: 'green', rejected: 'red' } as const;

type Kind = 'control' | 'requirement' | 'test';
type Pending = { kind: Kind; id: string; ref: string } | null;

/** Controls → security requirements → verification tests: lists and simple forms linking them. */
export function RegisterTab({ productId, writable }: { productId: string; writable: boolean }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const data = useResource(`register:${productId}`, async () => {
    const [controls, requirements, tests, model] = await Promise.all([
      threatsApi.listControls(productId),
      threatsApi.listRequirements(productId),
      threatsApi.listTests(productId),
      threatsApi.currentModel(productId),
    ]);
    return { controls, requirements, tests, threats: model?.model.threats ?? [] };
  });
  const [editing, setEditing] = useState<{ kind: Kind; id: string | null } | null>(null);
  const [pending, setPending] = useState<Pending>(null);

  if (data.error && !data.data) return <ErrorAlert error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { controls, requirements, tests, threats } = data.data;
  const threatName = new Map(threats.map((x) => [x.id, x.title]));
  const controlRef = new Map(controls.map((x) => [x.id, x.ref]));
  const reqRef = new Map(requirements.map((x) => [x.id, x.ref]));
  const done = (key: string) => {
    setEditing(null);
    notify(t(key));
    data.reload();
  };
  const refs = (ids: readonly string[], names: Map<string, string>) =>
    ids.length ? ids.map((i) => names.get(i) ?? i).join(', ') : <span className="muted">—</span>;
  const nextRef = (prefix: string, list: readonly { ref: string }[]) =>
    `${prefix}-${String(list.length + 1).padStart(3, '0')}`;

  const actions = (kind: Kind, id: string, ref: string) =>
    writable ? (
      <div className="row-actions">
        <button
          type="button"
          className="btn btn-small"
          aria-label={`${t('common.edit')}: ${ref}`}
          onClick={() => setEditing({ kind, id })}
        >
          {t('common.edit')}
        </button>
        <button
          type="button"
          className="btn btn-small btn-danger-quiet"
          aria-label={`${t('threats.register.delete')}: ${ref}`}
          onClick={() => setPending({ kind, id, ref })}
        >
          {t('threats.register.delete')}
        </button>
      </div>
    ) : null;

  return (
    <div className="section register">
      <Block
        id="controls"
        title={t('threats.register.controls')}
        count={controls.length}
        addLabel={t('threats.register.addControl')}
        writable={writable}
        onAdd={() => setEditing({ kind: 'control', id: null })}
        form={
          editing?.kind === 'control' ? (
            <ControlForm
              productId={productId}
              control={controls.find((c) => c.id === editing.id) ?? null}
              defaultRef={nextRef('SC', controls)}
              threats={threats}
              onDone={() => done('threats.register.saved')}
              onCancel={() => setEditing(null)}
            />
          ) : null
        }
      >
        {controls.length > 0 ? (
          <RegisterTable
            caption="threats.register.controls"
            columns={[
              'threats.register.ref',
              'threats.register.title',
              'threats.register.type',
              'threats.register.status',
              'threats.register.threats',
            ]}
            writable={writable}
          >
            {controls.map((c) => (
              <tr key={c.id}>
                <td className="mono">{c.ref}</td>
                <td className="cell-primary">{c.title}</td>
                <td>{t(`threats.controlType.${c.type}`)}</td>
                <td>{t(`threats.controlStatus.${c.status}`)}</td>
                <td className="small">{refs(c.threatIds, threatName)}</td>
                {writable ? <td className="col-actions">{actions('control', c.id, c.ref)}</td> : null}
              </tr>
            ))}
          </RegisterTable>
        ) : null}
      </Block>

      <Block
        id="requirements"
        title={t('threats.register.requirements')}
        count={requirements.length}
        addLabel={t('threats.register.addRequirement')}
        writable={writable}
        onAdd={() => setEditing({ kind: 'requirement', id: null })}
        form={
          editing?.kind === 'requirement' ? (
            <RequirementForm
              productId={productId}
              requirement={requirements.find((c) => c.id === editing.id) ?? null}
              defaultRef={nextRef('SR', requirements)}
              controls={controls}
              onDone={() => done('threats.register.saved')}
              onCancel={() => setEditing(null)}
            />
          ) : null
        }
      >
        {requirements.length > 0 ? (
          <RegisterTable
            caption="threats.register.requirements"
            columns={[
              'threats.register.ref',
              'threats.register.title',
              'threats.register.controlsCol',
              'threats.register.review',
            ]}
            writable={writable}
          >
            {requirements.map((r) => (
              <tr key={r.id}>
                <td className="mono">{r.ref}</td>
                <td className="cell-primary">
                  {r.title}
                  {r.text ? <div className="cell-sub">{r.text}</div> : null}
                </td>
                <td className="small">{refs(r.controlIds, controlRef)}</td>
                <td>
                  <Badge tone={reviewTone[r.reviewStatus]}>{t(`threats.review.${r.reviewStatus}`)}</Badge>
                  {r.reviews.length > 0 ? (
                    <div className="cell-sub">{r.reviews[r.reviews.length - 1]!.by}</div>
                  ) : null}
                </td>
                {writable ? (
                  <td className="col-actions">
                    <div className="row-actions">
                      {r.reviewStatus !== 'approved' ? (
                        <button
                          type="button"
                          className="btn btn-small"
                          aria-label={`${t('threats.register.approve')}: ${r.ref}`}
                          onClick={() =>
                            void threatsApi.reviewRequirement(r.id, { status: 'approved', comment: '' }).then(
                              () => done('threats.register.approved'),
                              (e: unknown) => notify(e instanceof Error ? e.message : String(e)),
                            )
                          }
                        >
                          {t('threats.register.approve')}
                        </button>
                      ) : null}
                      {actions('requirement', r.id, r.ref)}
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </RegisterTable>
        ) : null}
      </Block>

      <Block
        id="tests"
        title={t('threats.register.tests')}
        count={tests.length}
        addLabel={t('threats.register.addTest')}
        writable={writable}
        onAdd={() => setEditing({ kind: 'test', id: null })}
        form={
          editing?.kind === 'test' ? (
            <TestForm
              productId={productId}
              test={tests.find((c) => c.id === editing.id) ?? null}
              defaultRef={nextRef('ST', tests)}
              requirements={requirements}
              threats={threats}
              onDone={() => done('threats.register.saved')}
              onCancel={() => setEditing(null)}
            />
          ) : null
        }
      >
        {tests.length > 0 ? (
          <RegisterTable
            caption="threats.register.tests"
            columns={[
              'threats.register.ref',
              'threats.register.title',
              'threats.register.kind',
              'threats.register.requirementsCol',
              'threats.register.result',
            ]}
            writable={writable}
          >
            {tests.map((x) => (
              <tr key={x.id}>
                <td className="mono">{x.ref}</td>
                <td className="cell-primary">{x.title}</td>
                <td>{t(`threats.testKind.${x.kind}`)}</td>
                <td className="small">{refs(x.requirementIds, reqRef)}</td>
                <td>
                  <Badge tone={resultTone[x.result]}>{t(`threats.testResult.${x.result}`)}</Badge>
                  {x.executedOn ? <div className="cell-sub tabular">{x.executedOn}</div> : null}
                </td>
                {writable ? <td className="col-actions">{actions('test', x.id, x.ref)}</td> : null}
              </tr>
            ))}
          </RegisterTable>
        ) : null}
      </Block>

      <ConfirmDialog
        open={pending !== null}
        danger
        title={t('threats.register.deleteTitle', { ref: pending?.ref ?? '' })}
        body={t('threats.register.deleteBody')}
        confirmLabel={t('threats.register.delete')}
        onClose={() => setPending(null)}
        onConfirm={async () => {
          if (!pending) return;
          if (pending.kind === 'control') await threatsApi.deleteControl(pending.id);
          else if (pending.kind === 'requirement') await threatsApi.deleteRequirement(pending.id);
          else await threatsApi.deleteTest(pending.id);
          done('threats.register.deleted');
        }}
      />
    </div>
  );
}

/** A register's table: caption, column headings (i18n keys) and, when writable, the actions column. */
function RegisterTable({
  caption,
  columns,
  writable,
  children,
}: {
  caption: string;
  columns: readonly string[];
  writable: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <table className="table">
      <caption className="sr-only">{t(caption)}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {t(c)}
            </th>
          ))}
          {writable ? (
            <th scope="col" className="col-actions">
              <span className="sr-only">{t('common.actions')}</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

function Block({
  id,
  title,
  count,
  addLabel,
  writable,
  onAdd,
  form,
  children,
}: {
  id: string;
  title: string;
  count: number;
  addLabel: string;
  writable: boolean;
  onAdd: () => void;
  form: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <div className="section-heading">
        <h2 id={`${id}-title`}>
          {title} <span className="count-pill">{count}</span>
        </h2>
        {writable && !form ? (
          <button type="button" className="btn btn-primary" onClick={onAdd}>
            ＋ {addLabel}
          </button>
        ) : null}
      </div>
      {form}
      {count === 0 && !form ? <p className="muted">{t('threats.register.empty')}</p> : null}
      {count > 0 ? (
        <div className="table-card">
          <div className="table-scroll">{children}</div>
        </div>
      ) : null}
    </section>
  );
}

function useSubmit(onDone: () => void) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = (run: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    run()
      .then(onDone, (e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  return { error, busy, submit };
}

function FormShell({
  title,
  busy,
  error,
  onCancel,
  onSubmit,
  children,
}: {
  title: string;
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form
      className="card form-card register-form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3 className="card-title">{title}</h3>
      {children}
      <ErrorAlert error={error} />
      <div className="form-actions">
        <BusyButton type="submit" className="btn btn-primary" busy={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </BusyButton>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function ControlForm({
  productId,
  control,
  defaultRef,
  threats,
  onDone,
  onCancel,
}: {
  productId: string;
  control: ControlT | null;
  defaultRef: string;
  threats: readonly { id: string; title: string }[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [ref, setRef] = useState(control?.ref ?? defaultRef);
  const [title, setTitle] = useState(control?.title ?? '');
  const [description, setDescription] = useState(control?.description ?? '');
  const [type, setType] = useState<ControlT['type']>(control?.type ?? 'design');
  const [status, setStatus] = useState<ControlT['status']>(control?.status ?? 'planned');
  const [threatIds, setThreatIds] = useState<string[]>(control?.threatIds ?? []);
  const { error, busy, submit } = useSubmit(onDone);
  return (
    <FormShell
      title={
        control ? t('threats.register.editControl', { ref: control.ref }) : t('threats.register.addControl')
      }
      busy={busy}
      error={error}
      onCancel={onCancel}
      onSubmit={() => {
        const body = { ref, title, description, type, status, threatIds };
        submit(() =>
          control ? threatsApi.updateControl(control.id, body) : threatsApi.createControl(productId, body),
        );
      }}
    >
      <div className="field-row">
        <TextField
          name="ctl-ref"
          label={t('threats.register.ref')}
          required
          value={ref}
          onChange={setRef}
          width="short"
        />
        <TextField
          name="ctl-title"
          label={t('threats.register.title')}
          required
          value={title}
          onChange={setTitle}
        />
      </div>
      <TextArea
        name="ctl-description"
        label={t('threats.register.description')}
        rows={2}
        value={description}
        onChange={setDescription}
      />
      <div className="field-row">
        <SelectField
          name="ctl-type"
          label={t('threats.register.type')}
          value={type}
          onChange={setType}
          options={controlTypes.map((x) => ({ value: x, label: t(`threats.controlType.${x}`) }))}
        />
        <SelectField
          name="ctl-status"
          label={t('threats.register.status')}
          value={status}
          onChange={setStatus}
          options={controlStatuses.map((x) => ({ value: x, label: t(`threats.controlStatus.${x}`) }))}
        />
      </div>
      {threats.length > 0 ? (
        <CheckboxGroup
          name="ctl-threats"
          label={t('threats.register.mitigates')}
          values={threatIds}
          onChange={setThreatIds}
          options={threats.map((x) => ({ value: x.id, label: x.title }))}
        />
      ) : (
        <p className="muted small">{t('threats.register.noThreats')}</p>
      )}
    </FormShell>
  );
}

function RequirementForm({
  productId,
  requirement,
  defaultRef,
  controls,
  onDone,
  onCancel,
}: {
  productId: string;
  requirement: RequirementT | null;
  defaultRef: string;
  controls: readonly ControlT[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [ref, setRef] = useState(requirement?.ref ?? defaultRef);
  const [title, setTitle] = useState(requirement?.title ?? '');
  const [text, setText] = useState(requirement?.text ?? '');
  const [controlIds, setControlIds] = useState<string[]>(requirement?.controlIds ?? []);
  const { error, busy, submit } = useSubmit(onDone);
  return (
    <FormShell
      title={
        requirement
          ? t('threats.register.editRequirement', { ref: requirement.ref })
          : t('threats.register.addRequirement')
      }
      busy={busy}
      error={error}
      onCancel={onCancel}
      onSubmit={() => {
        const body = { ref, title, text, controlIds };
        submit(() =>
          requirement
            ? threatsApi.updateRequirement(requirement.id, body)
            : threatsApi.createRequirement(productId, body),
        );
      }}
    >
      <div className="field-row">
        <TextField
          name="req-ref"
          label={t('threats.register.ref')}
          required
          value={ref}
          onChange={setRef}
          width="short"
        />
        <TextField
          name="req-title"
          label={t('threats.register.title')}
          required
          value={title}
          onChange={setTitle}
        />
      </div>
      <TextArea name="req-text" label={t('threats.register.text')} rows={3} value={text} onChange={setText} />
      {controls.length > 0 ? (
        <CheckboxGroup
          name="req-controls"
          label={t('threats.register.derivedFrom')}
          values={controlIds}
          onChange={setControlIds}
          options={controls.map((x) => ({ value: x.id, label: `${x.ref} ${x.title}` }))}
        />
      ) : null}
    </FormShell>
  );
}

function TestForm({
  productId,
  test,
  defaultRef,
  requirements,
  threats,
  onDone,
  onCancel,
}: {
  productId: string;
  test: TestT | null;
  defaultRef: string;
  requirements: readonly RequirementT[];
  threats: readonly { id: string; title: string }[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [ref, setRef] = useState(test?.ref ?? defaultRef);
  const [title, setTitle] = useState(test?.title ?? '');
  const [kind, setKind] = useState<TestT['kind']>(test?.kind ?? 'security_requirement');
  const [procedure, setProcedure] = useState(test?.procedure ?? '');
  const [requirementIds, setRequirementIds] = useState<string[]>(test?.requirementIds ?? []);
  const [threatIds, setThreatIds] = useState<string[]>(test?.threatIds ?? []);
  const [result, setResult] = useState<TestT['result']>(test?.result ?? 'not_run');
  const [executedOn, setExecutedOn] = useState(test?.executedOn ?? '');
  const [tester, setTester] = useState(test?.tester ?? '');
  const [independence, setIndependence] = useState<TestT['independence']>(test?.independence ?? 'none');
  const { error, busy, submit } = useSubmit(onDone);
  return (
    <FormShell
      title={test ? t('threats.register.editTest', { ref: test.ref }) : t('threats.register.addTest')}
      busy={busy}
      error={error}
      onCancel={onCancel}
      onSubmit={() => {
        const body = {
          ref,
          title,
          kind,
          procedure,
          requirementIds,
          threatIds,
          result,
          executedOn: executedOn || null,
          tester,
          independence,
        };
        submit(() => (test ? threatsApi.updateTest(test.id, body) : threatsApi.createTest(productId, body)));
      }}
    >
      <div className="field-row">
        <TextField
          name="tst-ref"
          label={t('threats.register.ref')}
          required
          value={ref}
          onChange={setRef}
          width="short"
        />
        <TextField
          name="tst-title"
          label={t('threats.register.title')}
          required
          value={title}
          onChange={setTitle}
        />
      </div>
      <div className="field-row">
        <SelectField
          name="tst-kind"
          label={t('threats.register.kind')}
          value={kind}
          onChange={setKind}
          options={testKinds.map((x) => ({ value: x, label: t(`threats.testKind.${x}`) }))}
        />
        <SelectField
          name="tst-result"
          label={t('threats.register.result')}
          value={result}
          onChange={setResult}
          options={testResults.map((x) => ({ value: x, label: t(`threats.testResult.${x}`) }))}
        />
        <TextField
          name="tst-date"
          type="date"
          label={t('threats.register.executedOn')}
          value={executedOn}
          onChange={setExecutedOn}
          width="short"
        />
      </div>
      <div className="field-row">
        <TextField
          name="tst-tester"
          label={t('threats.register.tester')}
          value={tester}
          onChange={setTester}
          width="medium"
        />
        <SelectField
          name="tst-independence"
          label={t('threats.register.independence')}
          value={independence}
          onChange={setIndependence}
          options={independenceLevels.map((x) => ({ value: x, label: t(`threats.independence.${x}`) }))}
        />
      </div>
      <TextArea
        name="tst-procedure"
        label={t('threats.register.procedure')}
        rows={2}
        value={procedure}
        onChange={setProcedure}
      />
      {requirements.length > 0 ? (
        <CheckboxGroup
          name="tst-reqs"
          label={t('threats.register.verifies')}
          values={requirementIds}
          onChange={setRequirementIds}
          options={requirements.map((x) => ({ value: x.id, label: `${x.ref} ${x.title}` }))}
        />
      ) : null}
      {kind === 'threat_mitigation' && threats.length > 0 ? (
        <CheckboxGroup
          name="tst-threats"
          label={t('threats.register.testsThreats')}
          values={threatIds}
          onChange={setThreatIds}
          options={threats.map((x) => ({ value: x.id, label: x.title }))}
        />
      ) : null}
    </FormShell>
  );
}
