import type { Command } from 'commander';
import { describeAuditProblem } from '../../core/domain/audit.js';
import { verifyAuditChain } from '../../services/audit.js';
import { configFrom, withLocalStore, type GlobalOptions } from '../context.js';
import { CliFailure, exitCodes } from '../exit-codes.js';
import type { CliIo } from '../io.js';

export function registerAudit(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const audit = program.command('audit').description('The hash-chained audit log');
  audit
    .command('verify')
    .description('Check every entry of the audit log against its hash chain. Exit 1 names the first bad entry.')
    .action(async () => {
      const config = configFrom(io, global());
      await withLocalStore(config, async (ctx) => {
        const result = await verifyAuditChain(ctx, (n) => io.stderr(`checked ${n} entries …\n`));
        if (global().format === 'json')
          io.stdout(
            `${JSON.stringify({ ok: result.problem === null, checked: result.checked, problem: result.problem && { ...result.problem, message: describeAuditProblem(result.problem) } }, null, 2)}\n`,
          );
        if (result.problem)
          throw new CliFailure(
            `Audit log is NOT intact: ${describeAuditProblem(result.problem)}. (${result.checked} entries before it are intact.)`,
            exitCodes.checkFailed,
          );
        io.stderr(`Audit log intact: ${result.checked} entries verified.\n`);
      });
    });
}
