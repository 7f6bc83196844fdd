/**
 * `mamori version compare ECOSYSTEM A B` and `mamori version sort ECOSYSTEM`: the version ordering
 * mamori uses for matching, offline, for checking a single comparison or a list.
 */
import type { Command } from 'commander';
import { osvEcosystems, schemeForEcosystem, type SchemeLookup } from '../../core/versions/registry.js';
import type { VersionScheme } from '../../core/versions/scheme.js';
import type { GlobalOptions } from '../config-from.js';
import { CliFailure, exitCodes } from '../exit-codes.js';
import type { CliIo } from '../io.js';

/** Most lines `version sort` reads (untrusted input has count limits). */
const maxSortLines = 100_000;

function lookup(io: CliIo, ecosystem: string): SchemeLookup {
  const found = schemeForEcosystem(ecosystem);
  if (!found.known)
    throw new CliFailure(
      `Unknown ecosystem "${ecosystem}". Use an OSV ecosystem name, optionally with a suffix (e.g. "Debian:12"): ${osvEcosystems.join(', ')}`,
      exitCodes.usage,
    );
  if (found.fallback) io.stderr(`Warning: ${found.reason}.\n`);
  return found;
}

/**
 * The parsed version, or a failure (exit 2) naming the scheme: for a string the scheme cannot
 * parse, and for one it orders only by a lenient rule outside the ecosystem's grammar (a PyPI
 * string that is not PEP 440, an npm version node-semver refuses such as `1.2` or `1.x`): a
 * comparison answer about it would look like a verdict of the ecosystem's rules. `version sort`
 * still sorts such versions, with a warning.
 */
function parseOrFail<T>(scheme: VersionScheme<T>, ecosystem: string, which: string, version: string): T {
  const p = scheme.parse(version);
  if (!p.ok) throw new CliFailure(`Invalid ${ecosystem} version ${which} "${version}" (scheme ${scheme.name}): ${p.error.reason}.`, exitCodes.usage);
  const outside = scheme.outsideGrammar?.(p.value) ?? null;
  if (outside !== null) throw new CliFailure(`Invalid ${ecosystem} version ${which} "${version}" (scheme ${scheme.name}): ${outside}. \`mamori version sort\` shows that order.`, exitCodes.usage);
  return p.value;
}

export function registerVersion(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const version = program.command('version').description('Compare and sort versions the way mamori matches them (offline)');

  version
    .command('compare')
    .description('Compare two versions of an ecosystem; prints -1 (A < B), 0 (A = B) or 1 (A > B)')
    .argument('<ecosystem>', 'OSV ecosystem name, e.g. npm, PyPI, Maven, Debian:12, Alpine:v3.18')
    .argument('<a>', 'first version')
    .argument('<b>', 'second version')
    .action((ecosystem: string, a: string, b: string) => {
      const found = lookup(io, ecosystem);
      const scheme = found.scheme;
      const result = scheme.compare(parseOrFail(scheme, ecosystem, 'A', a), parseOrFail(scheme, ecosystem, 'B', b));
      if (global().format === 'json')
        io.stdout(`${JSON.stringify({ ecosystem, scheme: scheme.name, fallback: found.fallback, a, b, result }, null, 2)}\n`);
      else io.stdout(`${result}\n`);
    });

  version
    .command('sort')
    .description('Sort versions read from standard input, one per line, in ascending order')
    .argument('<ecosystem>', 'OSV ecosystem name, e.g. npm, PyPI, Maven, Debian:12, Alpine:v3.18')
    .action(async (ecosystem: string) => {
      const found = lookup(io, ecosystem);
      const scheme: VersionScheme = found.scheme;
      const lines = (await io.readStdin()).split(/\r?\n/);
      if (lines.length > maxSortLines) throw new CliFailure(`Too many lines: at most ${maxSortLines} versions can be sorted.`, exitCodes.usage);
      const entries: { text: string; value: unknown }[] = [];
      const problems: string[] = [];
      lines.forEach((line, i) => {
        if (line.trim() === '') return;
        const p = scheme.parse(line);
        if (!p.ok) {
          problems.push(`line ${i + 1}: invalid ${ecosystem} version "${line}" (scheme ${scheme.name}): ${p.error.reason}`);
          return;
        }
        entries.push({ text: line, value: p.value });
        // Sorted all the same (pipelines go on), in the order matching uses, with one warning line.
        const outside = scheme.outsideGrammar?.(p.value) ?? null;
        if (outside !== null) io.stderr(`Warning: line ${i + 1}: invalid ${ecosystem} version "${line}" (scheme ${scheme.name}): ${outside}.\n`);
      });
      if (problems.length > 0) throw new CliFailure(problems.join('\n'), exitCodes.usage);
      // Array.prototype.sort is stable: equal versions keep their input order.
      entries.sort((x, y) => scheme.compare(x.value, y.value));
      if (global().format === 'json')
        io.stdout(`${JSON.stringify({ ecosystem, scheme: scheme.name, fallback: found.fallback, versions: entries.map((e) => e.text) }, null, 2)}\n`);
      else io.stdout(entries.map((e) => `${e.text}\n`).join(''));
    });
}
