/**
 * Fast start for the offline commands CI pipelines run on every build (`mamori scan`, `sbom …`,
 * `version …`, `feeds …`, `vuln …`, `--version`):
 * a program with only that command, so the process loads its modules and not those of every other
 * command (the full program loads ~740 modules, Kysely and Fastify among them, which costs seconds
 * on a busy CI machine). Everything else — and anything unusual in front of the command name, such
 * as a global option — goes through the full program (`run.ts`); the behaviour is the same.
 */
import type { CliIo } from './io.js';
import { createProgram, runProgram, type RegisterCommands } from './program.js';

/** The commands that run in a reduced program, and how to load the one each needs. */
const lightCommands: Readonly<Record<string, () => Promise<RegisterCommands>>> = {
  scan: async () => (await import('./commands/scan.js')).registerScan,
  sbom: async () => (await import('./commands/sbom.js')).registerSbom,
  version: async () => (await import('./commands/version.js')).registerVersion,
  feeds: async () => (await import('./commands/feeds.js')).registerFeeds,
  vuln: async () => (await import('./commands/vuln.js')).registerVulnCommands,
};

/** Runs `argv` with a reduced program when it can; null when the full program must. */
export async function runLight(argv: readonly string[], io: CliIo): Promise<number | null> {
  const first = argv[0];
  if (argv.length === 1 && (first === '--version' || first === '-V'))
    return runProgram(createProgram(io, () => {}), argv, io);
  const load = first !== undefined && Object.hasOwn(lightCommands, first) ? lightCommands[first] : undefined;
  return load ? runProgram(createProgram(io, await load()), argv, io) : null;
}
