/**
 * The commander wiring every `mamori` program shares (global options on every command, output to the
 * io, exit codes), apart from which commands it registers: `run.ts` registers all of them, `light.ts`
 * only the one command a process was started for, so that the process does not load the modules of
 * every other command (Fastify, Kysely, report generators …) before it can start working.
 */
import { Command, CommanderError, Option } from 'commander';
import { version } from '../version.js';
import type { GlobalOptions } from './context.js';
import { CliFailure, exitCodes } from './exit-codes.js';
import type { CliIo } from './io.js';
import { takesServerOptions } from './server-option.js';

export type RegisterCommands = (program: Command, io: CliIo, global: () => GlobalOptions) => void;

/** Offered only on the commands that can talk to a server (server-option.ts). */
const serverOptionNames: ReadonlySet<string> = new Set(['--server', '--token']);

const globalOptions = () => [
  new Option('--format <format>', 'output format for data on stdout').choices(['table', 'json']),
  new Option('--server <url>', 'mamori server for server-backed commands (MAMORI_SERVER)'),
  new Option('--token <token>', 'API token for the server (MAMORI_TOKEN)'),
  new Option('--data-dir <dir>', 'data folder for local commands (MAMORI_DATA_DIR, default ./.mamori)'),
  new Option('--database-url <url>', 'database for local commands (MAMORI_DATABASE_URL)'),
];

/**
 * A command that writes a document (its format is `--to`: sbom generate, sbom convert) prints no data
 * on stdout, so the global `--format` would do nothing there; it is refused rather than ignored, since
 * whoever typed `sbom generate --format json` meant the document's format. (The export commands whose
 * `--to` was once called `--format` keep that name as a deprecated alias of `--to`.)
 */
function refuseFormatOnDocumentCommand(cmd: Command, globalFormat: ReadonlySet<Command>): void {
  const to = cmd.options.find((o) => o.long === '--to');
  if (!to || !globalFormat.has(cmd) || cmd.getOptionValueSource('format') !== 'cli') return;
  const choices = (to as Option & { argChoices?: string[] }).argChoices ?? [];
  const name = cmd.parent && cmd.parent.parent ? `${cmd.parent.name()} ${cmd.name()}` : cmd.name();
  throw new CliFailure(
    `${name} writes a document and prints no data on stdout, so it does not take --format (the format of data printed on stdout). ` +
      `Choose the document's format with --to${choices.length > 0 ? ` (${choices.join(', ')})` : ''}.`,
    exitCodes.usage,
  );
}

export function createProgram(io: CliIo, register: RegisterCommands): Command {
  const program = new Command('mamori');
  let current: Command = program;
  const global = (): GlobalOptions => current.optsWithGlobals<GlobalOptions>();

  program
    .description('mamori — product cybersecurity for medical devices (IEC 81001-5-1, MHLW guidance)')
    .version(version, '-V, --version', 'print the version')
    // Program options only before the command name, so a command's own --version (release create) is its own.
    .enablePositionalOptions()
    .helpCommand('help [command]', 'show help for a command')
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (s, write) => write(s) })
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 check failed, 2 usage or input error, 3 internal error.\n' +
        'Data is printed on stdout (--format json for scripts); messages on stderr.',
    );

  register(program, io, global);

  // Global options are accepted on every command, after the command name as people type them.
  const globalFormat = new Set<Command>();
  const visit = (cmd: Command) => {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (s, write) => write(s) });
    if (cmd !== program && cmd.commands.length === 0)
      // A command's own option of the same name (scan --format with sarif) takes precedence.
      for (const o of globalOptions())
        if (!cmd.options.some((x) => x.long === o.long) && (takesServerOptions(cmd) || !serverOptionNames.has(o.long ?? ''))) {
          cmd.addOption(o);
          if (o.long === '--format') globalFormat.add(cmd);
        }
    cmd.hook('preAction', (_this, actionCommand) => {
      current = actionCommand;
      refuseFormatOnDocumentCommand(actionCommand, globalFormat);
    });
    cmd.commands.forEach(visit);
  };
  visit(program);
  return program;
}

/** Parses `argv` with the program and maps the outcome to an exit code. */
export async function runProgram(program: Command, argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCodes.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
        return exitCodes.ok;
      return exitCodes.usage;
    }
    if (e instanceof CliFailure) {
      if (e.message) io.stderr(`${e.message}\n`);
      return e.exitCode;
    }
    io.stderr(`Internal error: ${(e as Error).stack ?? String(e)}\n`);
    return exitCodes.internal;
  }
}
