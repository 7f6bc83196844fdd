import { Command, CommanderError, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../catalogs/index.js';
import type { GlobalOptions } from '../context.js';
import { CliFailure, exitCodes } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { registerCompliance } from './compliance.js';

/** A program wired like `buildProgram` in run.ts, with only the compliance command registered. */
function harness() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: {},
    cwd: '/nonexistent',
    readStdin: async () => '',
    fetch: () => Promise.reject(new Error('no network in tests')),
    takeStop: () => new AbortController().signal,
  };
  const program = new Command('mamori');
  let current: Command = program;
  const global = (): GlobalOptions => current.optsWithGlobals<GlobalOptions>();
  registerCompliance(program, io, global);
  const visit = (cmd: Command) => {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (s, write) => write(s) });
    if (cmd !== program && cmd.commands.length === 0 && !cmd.options.some((x) => x.long === '--format'))
      cmd.addOption(new Option('--format <format>', 'output format').choices(['table', 'json']));
    cmd.hook('preAction', (_this, action) => {
      current = action;
    });
    cmd.commands.forEach(visit);
  };
  visit(program);
  const run = async (...argv: string[]) => {
    out.length = 0;
    err.length = 0;
    await program.parseAsync(argv, { from: 'user' });
    return out.join('');
  };
  return { run, err };
}

interface ClauseRow {
  id: string;
  parent: string | null;
  depth: number;
  title: { ja: string; en: string };
  description: { ja: string; en: string };
  expectedEvidence: string[];
  provenance: string;
}

describe('mamori compliance catalogs', () => {
  it('prints every catalog with id, version, titles and entry count as JSON', async () => {
    const rows = JSON.parse(await harness().run('compliance', 'catalogs', '--format', 'json')) as {
      id: string;
      version: string;
      title: { ja: string; en: string };
      entries: number;
    }[];
    expect(rows).toHaveLength(catalogs.length);
    const iec = rows.find((r) => r.id === 'iec-81001-5-1');
    expect(iec?.version).toBe('2021');
    expect(iec?.entries).toBe(catalogs.find((c) => c.id === 'iec-81001-5-1')!.entries.length);
    expect(iec?.title.ja).toMatch(/JIS T 81001-5-1/);
    for (const r of rows) expect(r.title.ja && r.title.en && r.entries > 0).toBeTruthy();
  });

  it('prints a table by default', async () => {
    const text = await harness().run('compliance', 'catalogs');
    expect(text.split('\n')[0]).toMatch(/^ID\s+VERSION\s+ENTRIES\s+TITLE \(JA\)\s+TITLE \(EN\)$/);
    expect(text).toContain('mhlw-cybersecurity-guidance');
  });
});

describe('mamori compliance clauses', () => {
  it('prints every entry with id, parent and both titles as JSON', async () => {
    const data = JSON.parse(
      await harness().run('compliance', 'clauses', 'iec-81001-5-1', '--format', 'json'),
    ) as {
      catalog: { id: string; version: string };
      entries: ClauseRow[];
    };
    expect(data.catalog).toMatchObject({ id: 'iec-81001-5-1', version: '2021' });
    const source = catalogs.find((c) => c.id === 'iec-81001-5-1')!;
    expect(data.entries.map((e) => e.id).sort()).toEqual(source.entries.map((e) => e.id).sort());
    const e = data.entries.find((x) => x.id === '5.1.2')!;
    expect(e).toMatchObject({ parent: '5.1', depth: 2, provenance: 'interpretation' });
    expect(e.title.ja).toBe('開発環境のセキュリティ');
    expect(e.title.en).toBe('Development environment security');
    expect(e.expectedEvidence.length).toBeGreaterThan(0);
    expect(data.entries.find((x) => x.id === '4')).toMatchObject({ parent: null, depth: 0 });
  });

  it('accepts id@version', async () => {
    const data = JSON.parse(
      await harness().run('compliance', 'clauses', 'mhlw-0523-confirmation@2023-05-23', '--format', 'json'),
    ) as { entries: ClauseRow[] };
    expect(data.entries.map((e) => e.id)).toContain('jis.1');
  });

  it('shows an indented tree in table format', async () => {
    const lines = (await harness().run('compliance', 'clauses', 'iec-81001-5-1')).split('\n');
    expect(lines[0]).toMatch(/^ID\s+PROVENANCE\s+TITLE \(JA\)\s+TITLE \(EN\)$/);
    expect(lines.find((l) => l.startsWith('4 '))).toContain('一般要求事項');
    expect(lines.find((l) => l.startsWith('  4.1 '))).toBeDefined();
    expect(lines.find((l) => l.startsWith('    4.1.1 '))).toContain('Quality management system');
    expect(lines.find((l) => l.startsWith('    4.3.MAINTAINED '))).toBeDefined();
  });

  it('fails with exit code 2 and lists the known catalogs for an unknown id', async () => {
    const h = harness();
    const failure = await h.run('compliance', 'clauses', 'iso-27001').then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(CliFailure);
    expect((failure as CliFailure).exitCode).toBe(exitCodes.usage);
    expect((failure as CliFailure).message).toContain('iec-81001-5-1@2021');
    expect((failure as CliFailure).message).toContain('mhlw-cybersecurity-guidance@2023');
    const wrongVersion = await h.run('compliance', 'clauses', 'iec-81001-5-1@1999').catch((e: unknown) => e);
    expect(wrongVersion).toBeInstanceOf(CliFailure);
  });

  it('is a usage error without the catalog argument', async () => {
    const e = await harness()
      .run('compliance', 'clauses')
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CommanderError);
  });
});
