/**
 * `mamori triage set FINDING_ID… --state STATE [--justification J] [--response R]… [--detail TEXT] [--scope finding|component]`
 * (several ids: one bulk decision) and `mamori triage show FINDING_ID`, on the local database (show: or on a server, read-source.ts).
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { vexJustifications, vexResponses, vexStates, type VexJustification, type VexResponse, type VexState } from '../../core/vex/model.js';
import { operatorActor } from '../../services/organizations.js';
import { bulkTriage, getFindingTriage, type FindingTriageView } from '../../services/triage.js';
import { readServer, readsLocalOrServer } from './read-source.js';
import { configFrom, operatorName, withLocalStore, type GlobalOptions } from '../context.js';
import { CliFailure, exitCodes } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { renderRecord, renderTable } from '../output.js';
import { failWith } from './threat.js';
import { resolveOrganization } from './user.js';
import { talksToServer } from '../server-option.js';

/**
 * `--response R`, repeatable: one CycloneDX response each time. Not variadic (`--response a b`): a
 * variadic option takes every word after it, so `--response update ID` took the finding id as a
 * response.
 */
function collectResponse(value: string, previous: readonly VexResponse[] = []): VexResponse[] {
  if (!(vexResponses as readonly string[]).includes(value))
    throw new InvalidArgumentError(`Allowed choices are ${vexResponses.join(', ')}.`);
  return [...previous, value as VexResponse];
}

export function registerTriage(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const triage = program.command('triage').description('Triage decisions on findings, in the CycloneDX analysis vocabulary (set: local data folder only; show: also from a server)');

  triage
    .command('set')
    .description('Record a decision on one or more findings (appended to their history). Local data folder only.')
    .argument('<findingIds...>', 'finding id(s)')
    .addOption(new Option('--state <state>', 'analysis state').choices(vexStates).makeOptionMandatory())
    .addOption(new Option('--justification <j>', 'why not affected (not_affected / false_positive)').choices(vexJustifications))
    .addOption(
      new Option('--response <r>', 'a response; repeat the option for several (--response update --response workaround_available)')
        .choices(vexResponses)
        .argParser(collectResponse),
    )
    .option('--detail <text>', 'why: the reasoning behind the decision')
    .option('--action <text>', 'what users should do')
    .addOption(new Option('--scope <scope>', 'finding (carried forward to later releases) or component (this package version everywhere)').choices(['finding', 'component']).default('finding'))
    .option('--org <slug>', 'organisation (needed when there are several)')
    .action(async (ids: string[], opts: { state: VexState; justification?: VexJustification; response?: VexResponse[]; detail?: string; action?: string; scope: 'finding' | 'component'; org?: string }) => {
      // `--response a b ID` was the syntax while the option was variadic: b is now read as a finding id.
      const response = ids.find((id) => (vexResponses as readonly string[]).includes(id));
      if (response !== undefined)
        throw new CliFailure(
          `"${response}" is a response, not a finding id: repeat the option for each response (--response ${opts.response?.[0] ?? 'update'} --response ${response}).`,
          exitCodes.usage,
        );
      await withLocalStore(configFrom(io, global()), async (ctx) => {
        const org = await resolveOrganization(ctx, opts.org);
        const actor = operatorActor(org.id, operatorName(io));
        const result = await bulkTriage(ctx, actor, ids, {
          state: opts.state,
          justification: opts.justification ?? null,
          responses: opts.response ?? [],
          detail: opts.detail ?? null,
          actionStatement: opts.action ?? null,
          scope: opts.scope,
        });
        if (!result.ok) failWith(result.error);
        if (global().format === 'json') io.stdout(`${JSON.stringify(result.value, null, 2)}\n`);
        io.stderr(`Recorded ${opts.state} on ${result.value.decided} finding(s)${opts.scope === 'component' ? ' (component-wide)' : ''}.\n`);
      });
    });

  talksToServer(triage.command('show'))
    .description(`The decision that applies to a finding, its priority with inputs, clocks and history. ${readsLocalOrServer}`)
    .argument('<findingId>', 'finding id')
    .option('--org <slug>', 'organisation in the local data folder (needed when there are several)')
    .action(async (id: string, opts: { org?: string }) => {
      const client = readServer(io, global, opts.org);
      const v: FindingTriageView = client
        ? await client.request<FindingTriageView>('GET', `/findings/${encodeURIComponent(id)}/triage`)
        : await withLocalStore(configFrom(io, global()), async (ctx) => {
            const org = await resolveOrganization(ctx, opts.org);
            const result = await getFindingTriage(ctx, operatorActor(org.id, operatorName(io)), id);
            if (!result.ok) failWith(result.error);
            return result.value;
          });
      if (global().format === 'json') {
        io.stdout(`${JSON.stringify(v, null, 2)}\n`);
        return;
      }
      const d = v.current.decision;
      io.stdout(
        renderRecord([
          ['finding', v.current.finding.id],
          ['vulnerability', v.current.finding.vulnerabilityId],
          ['component', `${v.current.finding.componentName} ${v.current.finding.componentVersion}`],
          ['state', d ? `${d.state} (${v.current.origin})` : 'undecided'],
          ['justification', d?.justification ?? '-'],
          ['responses', d?.responses.join(', ') || '-'],
          ['detail', d?.detail ?? '-'],
          ['priority', `${v.current.priority.score} ${v.current.priority.band}`],
          ['clocks', v.current.clocks.map((c) => `${c.kind} due ${c.dueOn}${c.overdue ? ' OVERDUE' : ''}`).join('; ') || '-'],
        ]),
      );
      io.stdout(`\n${renderTable(['WHEN', 'BY', 'STATE', 'JUSTIFICATION', 'ORIGIN'], v.history.map((h) => [h.createdAt, h.createdBy, h.state, h.justification ?? '-', h.origin]))}`);
    });
}
