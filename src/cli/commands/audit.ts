import type { Command } from 'commander';
import { describeAuditProblem } from '../../core/domain/audit.js';
import { auditHeadRecord, verifyAuditChain } from '../../services/audit.js';
import { configFrom, withLocalStore, type GlobalOptions } from '../context.js';
import { CliFailure, exitCodes } from '../exit-codes.js';
import type { CliIo } from '../io.js';

function parseAnchor(value: string): { seq: number; hash: string } {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(value.trim());
  if (!m) throw new CliFailure('--anchor takes SEQ:HASH as printed by `mamori audit head`.', exitCodes.usage);
  return { seq: Number(m[1]), hash: m[2]! };
}

export function registerAudit(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const audit = program.command('audit').description('The hash-chained audit log (local: works on the database directly)');
  audit
    .command('verify')
    .description('Check every entry of the audit log against its hash chain. Exit 1 names the first bad entry.')
    .option('--anchor <seq:hash>', 'also require entry SEQ to have HASH (recorded earlier with `mamori audit head`)')
    .addHelpText(
      'after',
      '\nThe chain shows any altered or removed entry. Someone with full database access could rebuild the\n' +
        'whole chain; record `mamori audit head` somewhere outside mamori (a signed report, a ticket) and\n' +
        'pass it as --anchor to rule that out.',
    )
    .action(async (opts: { anchor?: string }) => {
      const anchor = opts.anchor ? parseAnchor(opts.anchor) : undefined;
      const config = configFrom(io, global());
      await withLocalStore(config, async (ctx) => {
        const result = await verifyAuditChain(ctx, {
          onProgress: (n) => io.stderr(`checked ${n} entries …\n`),
          ...(anchor ? { anchor } : {}),
        });
        const problem = result.problem
          ? describeAuditProblem(result.problem)
          : result.anchorMismatch
            ? `entry ${anchor!.seq} does not have the anchored hash: the log was rewritten after the anchor was recorded`
            : null;
        if (global().format === 'json')
          io.stdout(`${JSON.stringify({ ok: problem === null, checked: result.checked, problem: result.problem, message: problem }, null, 2)}\n`);
        if (problem)
          throw new CliFailure(`Audit log is NOT intact: ${problem}. (${result.checked} entries before it are intact.)`, exitCodes.checkFailed);
        io.stderr(`Audit log intact: ${result.checked} entries verified${anchor ? `, anchor ${anchor.seq} matches` : ''}.\n`);
      });
    });
  audit
    .command('head')
    .description('Print the newest entry’s sequence number and hash (SEQ:HASH), to record outside mamori as an anchor')
    .action(async () => {
      const config = configFrom(io, global());
      await withLocalStore(config, async (ctx) => {
        const head = await auditHeadRecord(ctx);
        if (global().format === 'json') io.stdout(`${JSON.stringify(head, null, 2)}\n`);
        else io.stdout(`${head?.seq ?? 0}:${head?.hash ?? ''}\n`);
      });
    });
}
