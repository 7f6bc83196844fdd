/**
 * Which commands take the global --server and --token: only those that can talk to a server
 * (marked here when they are registered; a marked group marks its subcommands). Every other command
 * works on local files or the local data folder, so offering the server options there would only
 * suggest that they are used (QA: `risk list --server … --token …` read the local folder anyway).
 */
import type { Command } from 'commander';

const serverCommands = new WeakSet<Command>();

/** Marks a command (or a command group) as able to use --server and --token. */
export function talksToServer<C extends Command>(cmd: C): C {
  serverCommands.add(cmd);
  return cmd;
}

export function takesServerOptions(cmd: Command): boolean {
  for (let c: Command | null = cmd; c; c = c.parent) if (serverCommands.has(c)) return true;
  return false;
}
