import { describe, expect, it } from 'vitest';
import { parseComposerLock } from './composer-lock.js';

describe('parseComposerLock', () => {
  it('reads packages and packages-dev with commits and requires', () => {
    const r = parseComposerLock(
      JSON.stringify({
        packages: [
          { name: 'symfony/console', version: 'v5.4.3', source: { type: 'git', reference: 'a2a86ec353d825c75856c6fd14fac416a7bdb6b8' }, require: { php: '>=7.2', 'psr/log': '^1' } },
          { name: 'psr/log', version: '1.1.4' },
        ],
        'packages-dev': [{ name: 'phpunit/phpunit', version: '9.5.0' }],
      }),
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => [p.purl, p.dev])).toEqual([
      ['pkg:composer/symfony/console@v5.4.3', false],
      ['pkg:composer/psr/log@1.1.4', false],
      ['pkg:composer/phpunit/phpunit@9.5.0', true],
    ]);
    expect(r.value.packages[0]).toMatchObject({ commit: 'a2a86ec353d825c75856c6fd14fac416a7bdb6b8', dependencies: ['pkg:composer/psr/log@1.1.4'] });
  });

  it('reads dist.shasum (SHA-1) and the licence; several licences are a choice (OR)', () => {
    const r = parseComposerLock(
      JSON.stringify({
        packages: [
          { name: 'monolog/monolog', version: '3.5.0', dist: { type: 'zip', shasum: '2C7DD5B9F83E73B3FF3692F4D0849EFF15F2564F' }, license: ['MIT'] },
          { name: 'a/dual', version: '1.0.0', dist: { type: 'zip', shasum: '' }, license: ['LGPL-2.1-only', 'GPL-3.0-or-later'] },
          { name: 'a/none', version: '1.0.0' },
        ],
      }),
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => [p.name, p.hashes, p.license])).toEqual([
      ['monolog/monolog', [{ alg: 'SHA-1', content: '2c7dd5b9f83e73b3ff3692f4d0849eff15f2564f' }], 'MIT'],
      ['a/dual', [], 'LGPL-2.1-only OR GPL-3.0-or-later'],
      ['a/none', [], null],
    ]);
  });

  it('returns a reason for malformed input instead of throwing', () => {
    expect(parseComposerLock('<xml/>')).toMatchObject({ ok: false, error: { code: 'lockfile.invalid' } });
    const r = parseComposerLock('{"packages": [{"version": "1"}, 3]}');
    expect(r.ok && r.value.warnings.map((w) => w.code)).toEqual(['package.unresolved']);
  });
});
