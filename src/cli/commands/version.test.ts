import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import type { GlobalOptions } from '../context.js';
import { CliFailure } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { registerVersion } from './version.js';

/** Runs `version …` on a fresh program, as run.ts does; returns exit code and output. */
async function cli(args: string[], stdin = '', format?: 'json') {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    env: {},
    cwd: '/',
    readStdin: async () => stdin,
    fetch: globalThis.fetch,
    takeStop: () => new AbortController().signal,
  };
  const program = new Command('mamori').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerVersion(program, io, (): GlobalOptions => (format ? { format } : {}));
  for (const c of program.commands) {
    c.exitOverride();
    for (const s of c.commands) s.exitOverride();
  }
  let code = 0;
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (e) {
    if (e instanceof CliFailure) {
      err += `${e.message}\n`;
      code = e.exitCode;
    } else if (e instanceof CommanderError) code = 2;
    else throw e;
  }
  return { code, out, err };
}

describe('mamori version compare', () => {
  it.each([
    ['npm', '1.0.0-rc.1', '1.0.0', '-1'],
    ['PyPI', '1.0', '1.0.0', '0'],
    ['Debian:12', '1:1.0', '2.0', '1'],
    ['Ubuntu:22.04:LTS', '1.0~rc1', '1.0', '-1'],
    ['Maven', '1.0-SNAPSHOT', '1.0', '-1'],
    ['Red Hat:enterprise_linux:9', '1.0-2.el9', '1.0-10.el9', '-1'],
    ['Alpine:v3.18', '1.2_rc1', '1.2', '-1'],
  ])('%s: %s vs %s prints %s', async (eco, a, b, want) => {
    const r = await cli(['version', 'compare', eco, a, b]);
    expect(r).toEqual({ code: 0, out: `${want}\n`, err: '' });
  });

  it('prints JSON with --format json', async () => {
    const r = await cli(['version', 'compare', 'npm', '1.0.0', '2.0.0'], '', 'json');
    expect(JSON.parse(r.out)).toEqual({ ecosystem: 'npm', scheme: 'semver', fallback: false, a: '1.0.0', b: '2.0.0', result: -1 });
  });

  it('warns when an OSV ecosystem has no scheme and the fallback is used', async () => {
    const r = await cli(['version', 'compare', 'Android', '1.0', '1.1']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('-1\n');
    expect(r.err).toMatch(/generic/);
  });

  it('exits 2 for an unknown ecosystem, naming it', async () => {
    const r = await cli(['version', 'compare', 'pypi', '1', '2']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown ecosystem "pypi"/);
    expect(r.out).toBe('');
  });

  it('exits 2 for an unparseable version, saying which', async () => {
    const r = await cli(['version', 'compare', 'Debian', '1.0', '1.0-']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Invalid Debian version B "1.0-" \(scheme dpkg\): the revision is empty/);
  });

  it('exits 2 for a PyPI string that is not PEP 440, though matching orders it as a legacy version', async () => {
    // QA PSIRT L1: `version compare PyPI 1.0 'garbage^^'` printed 1 with exit 0.
    const r = await cli(['version', 'compare', 'PyPI', '1.0', 'garbage^^']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      'Invalid PyPI version B "garbage^^" (scheme pep440): it is not a PEP 440 version; matching orders it as a legacy version, before every PEP 440 version, as OSV does. `mamori version sort` shows that order.\n',
    );
    expect((await cli(['version', 'compare', 'PyPI', 'not a version', '1.0'], '', 'json')).code).toBe(2);
    expect(await cli(['version', 'compare', 'PyPI', '1.0.post1', 'v1.0'])).toEqual({ code: 0, out: '1\n', err: '' });
  });

  it('exits 2 for an npm version node-semver refuses (1.x, 1.2), though matching orders it leniently as OSV does (QA secops 19)', async () => {
    const why =
      'it is not a valid npm (SemVer 2.0.0) version, which node-semver refuses; matching still orders it leniently, as OSV does (missing numbers as 0, text after the numbers as a pre-release: 1.2 as 1.2.0, 1.x as 1.0.0-x)';
    expect(await cli(['version', 'compare', 'npm', '1.x', '2'])).toEqual({
      code: 2,
      out: '',
      err: `Invalid npm version A "1.x" (scheme semver): ${why}. \`mamori version sort\` shows that order.\n`,
    });
    const b = await cli(['version', 'compare', 'npm', '1.2.0', '1.2'], '', 'json');
    expect([b.code, b.out]).toEqual([2, '']);
    expect(b.err).toMatch(/^Invalid npm version B "1\.2" \(scheme semver\)/);
    for (const v of ['01.2.3', '1.2.3-01', '1.0.0rc1', '1.1.3.4', '9007199254740992.0.0', '=1.2.3'])
      expect((await cli(['version', 'compare', 'npm', v, '1.0.0'])).code, v).toBe(2);
    // What node-semver accepts, a leading v included.
    expect(await cli(['version', 'compare', 'npm', 'v1.2.3', '1.2.3-rc.1+build.5'])).toEqual({ code: 0, out: '1\n', err: '' });
    expect(await cli(['version', 'compare', 'npm', '9007199254740991.0.0-0A.x-1', '1.0.0'])).toEqual({ code: 0, out: '1\n', err: '' });
    // Other SemVer ecosystems keep OSV's lenient reading (GitHub Actions tags such as v4).
    expect(await cli(['version', 'compare', 'GitHub Actions', 'v4', '4.0.0'])).toEqual({ code: 0, out: '0\n', err: '' });
  });
});

describe('mamori version sort', () => {
  it('sorts ascending, keeping equal versions in input order', async () => {
    const r = await cli(['version', 'sort', 'PyPI'], '1.0\n1.0rc1\n0.9\n1.0.0\n1.0.dev1\n\n');
    expect(r).toEqual({ code: 0, out: '0.9\n1.0.dev1\n1.0rc1\n1.0\n1.0.0\n', err: '' });
  });

  it('reports every invalid line with its number and exits 2', async () => {
    const r = await cli(['version', 'sort', 'CRAN'], '1.0\nabc\n1.2\n1.x\n');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 2: invalid CRAN version "abc" \(scheme cran\)/);
    expect(r.err).toMatch(/line 4: invalid CRAN version "1.x" \(scheme cran\)/);
    expect(r.out).toBe('');
  });

  it('sorts PyPI strings that are not PEP 440 as matching does (legacy, first), with a warning line each', async () => {
    const r = await cli(['version', 'sort', 'PyPI'], '1.0\nnot a version!!\n0.9\ngarbage^^\n');
    expect(r.code).toBe(0);
    expect(r.out).toBe('garbage^^\nnot a version!!\n0.9\n1.0\n');
    const why = 'it is not a PEP 440 version; matching orders it as a legacy version, before every PEP 440 version, as OSV does';
    expect(r.err).toBe(
      `Warning: line 2: invalid PyPI version "not a version!!" (scheme pep440): ${why}.\n` +
        `Warning: line 4: invalid PyPI version "garbage^^" (scheme pep440): ${why}.\n`,
    );
    const json = await cli(['version', 'sort', 'PyPI'], '1.0\nnot a version!!\n', 'json');
    expect([json.code, (JSON.parse(json.out) as { versions: string[] }).versions]).toEqual([0, ['not a version!!', '1.0']]);
    expect(json.err).toMatch(/^Warning: line 2: invalid PyPI version "not a version!!"/);
  });

  it('sorts npm versions node-semver refuses as matching does, with a warning line each (QA secops 19)', async () => {
    const r = await cli(['version', 'sort', 'npm'], '2.0.0\n1.x\n1.2\n1.0.0\n');
    expect(r.code).toBe(0);
    // 1.x is read as the pre-release 1.0.0-x, before 1.0.0.
    expect(r.out).toBe('1.x\n1.0.0\n1.2\n2.0.0\n');
    expect(r.err.split('\n').filter(Boolean).map((l) => l.slice(0, l.indexOf(' (scheme')))).toEqual(['Warning: line 2: invalid npm version "1.x"', 'Warning: line 3: invalid npm version "1.2"']);
  });

  it('exits 2 for an unknown ecosystem', async () => {
    const r = await cli(['version', 'sort', 'Nope'], '1\n');
    expect(r.code).toBe(2);
  });
});
