/**
 * Old option names kept working after a rename (docs/user-guide, "Command-line conventions"): the
 * old spelling is a hidden option that hands its value to the new one — through the new option's
 * own parsing, so its choices, default and "required" check apply — and prints one line on stderr
 * saying which name to use. Giving both is a usage error (exit 2).
 */
import type { EventEmitter } from 'node:events';
import { Option, type Command } from 'commander';
import type { CliIo } from './io.js';

/** The path of a command as typed, e.g. "release show". */
function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c && c.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * Adds `oldFlags` (e.g. '--db <file>') to `cmd` as a deprecated, hidden alias of its option
 * `newLong` (e.g. '--vuln-db'), which must already be defined.
 */
export function deprecatedAlias(cmd: Command, io: CliIo, oldFlags: string, newLong: string): Command {
  const target = cmd.options.find((o) => o.long === newLong);
  if (!target) throw new Error(`${cmd.name()} has no option ${newLong} to alias`);
  const alias = new Option(oldFlags, `deprecated spelling of ${newLong}`).hideHelp();
  cmd.addOption(alias);
  const oldLong = alias.long ?? oldFlags;
  let given: 'old' | 'new' | null = null;
  let forwarding = false;
  const both = () =>
    cmd.error(`error: ${oldLong} is the old name of ${newLong}; give only ${newLong}.`, { exitCode: 2, code: 'commander.conflictingOption' });
  cmd.on(`option:${target.name()}`, () => {
    if (forwarding) return;
    if (given === 'old') both();
    given = 'new';
  });
  cmd.on(`option:${alias.name()}`, (value: unknown) => {
    if (given === 'new') both();
    given = 'old';
    io.stderr(`Warning: "mamori ${commandPath(cmd)} ${oldLong}" is deprecated; use ${newLong} (the old name will be removed in a later version).\n`);
    forwarding = true;
    try {
      // A Command is an EventEmitter (its typings declare only on()).
      (cmd as unknown as EventEmitter).emit(`option:${target.name()}`, value);
    } finally {
      forwarding = false;
    }
  });
  return cmd;
}
