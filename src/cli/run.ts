/**
 * The CLI entry point as a function: `run(argv, io)` resolves to the exit code. The bin shim calls it
 * with the real process; tests call it directly.
 */
import { Command, CommanderError, Option } from 'commander';
import { version } from '../version.js';
import { registerAudit } from './commands/audit.js';
import { registerDb } from './commands/db.js';
import { registerOpenApiCommand } from './commands/openapi.js';
import { registerOrg } from './commands/org.js';
import { registerProduct } from './commands/product.js';
import { registerRelease } from './commands/release.js';
import { registerServe } from './commands/serve.js';
import { registerToken } from './commands/token.js';
import { registerUser } from './commands/user.js';
import { registerVersion } from './commands/version.js';
import { registerSbom } from './commands/sbom.js';
import { registerCompliance } from './commands/compliance.js';
import type { GlobalOptions } from './context.js';
import { CliFailure, exitCodes } from './exit-codes.js';
import type { CliIo } from './io.js';

const globalOptions = () => [
  new Option('--format <format>', 'output format for data on stdout').choices(['table', 'json']),
  new Option('--server <url>', 'mamori server for server-backed commands (MAMORI_SERVER)'),
  new Option('--token <token>', 'API token for the server (MAMORI_TOKEN)'),
  new Option('--data-dir <dir>', 'data folder for local commands (MAMORI_DATA_DIR, default ./.mamori)'),
  new Option('--database-url <url>', 'database for local commands (MAMORI_DATABASE_URL)'),
];

export function buildProgram(io: CliIo): Command {
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

  registerServe(program, io, global);
  registerDb(program, io, global);
  registerOrg(program, io, global);
  registerUser(program, io, global);
  registerToken(program, io, global);
  registerAudit(program, io, global);
  registerProduct(program, io, global);
  registerRelease(program, io, global);
  registerSbom(program, io, global);
  registerVersion(program, io, global);
  registerCompliance(program, io, global);
  registerOpenApiCommand(program, io, global);

  // Global options are accepted on every command, after the command name as people type them.
  const visit = (cmd: Command) => {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (s, write) => write(s) });
    if (cmd !== program && cmd.commands.length === 0) for (const o of globalOptions()) cmd.addOption(o);
    cmd.hook('preAction', (_this, actionCommand) => {
      current = actionCommand;
    });
    cmd.commands.forEach(visit);
  };
  visit(program);
  return program;
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
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
