/**
 * Fast start for the offline commands CI pipelines run on every build (`mamori scan`, `sbom …`,
 * `version …`, `feeds …`, `vuln …`, `--version`):
 * a program with only that command, so the process loads its modules and not those of every other
 * command (the full program loads ~740 modules, Kysely and Fastify among them, which costs seconds
 * on a busy CI machine). Everything else — and anything unusual in front of the command name, such
 * as a global option — goes through the full program (`run.ts`); the behaviour is the same.
 */
import type { CliIo } from './io.js';
import { createProgram, runProgram } from './program.js';

/** Runs `argv` with a reduced program when it can; null when the full program must. */
export async function runLight(argv: readonly string[], io: CliIo): Promise<number | null> {
  const first = argv[0];
  if (argv.length === 1 && (first === '--version' || first === '-V'))
    return runProgram(createProgram(io, () => {}), argv, io);
  if (first === 'scan') {
    const { registerScan } = await import('./commands/scan.js');
    return runProgram(createProgram(io, registerScan), argv, io);
  }
  if (first === 'sbom') {
    const { registerSbom } = await import('./commands/sbom.js');
    return runProgram(createProgram(io, registerSbom), argv, io);
  }
  if (first === 'version') {
    const { registerVersion } = await import('./commands/version.js');
    return runProgram(createProgram(io, registerVersion), argv, io);
  }
  if (first === 'feeds') {
    const { registerFeeds } = await import('./commands/feeds.js');
    return runProgram(createProgram(io, registerFeeds), argv, io);
  }
  if (first === 'vuln') {
    const [{ registerVuln }, { registerVulnAffected }] = await Promise.all([import('./commands/vuln.js'), import('./commands/findings.js')]);
    return runProgram(
      createProgram(io, (program, cliIo, global) => registerVulnAffected(registerVuln(program, cliIo, global), cliIo, global)),
      argv,
      io,
    );
  }
  return null;
}
