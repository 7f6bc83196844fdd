import { describe, expect, it } from 'vitest';
import { parseGoMod } from './go-mod.js';

describe('parseGoMod', () => {
  it('reads requires, // indirect, replacements and the standard library', () => {
    const r = parseGoMod(`module example.com/app // the module

go 1.21
toolchain go1.21.3

require github.com/BurntSushi/toml v1.0.0

require (
	gopkg.in/yaml.v2 v2.4.0 // indirect
	golang.org/x/net v0.5.6
	example.com/old v1.0.0
	golang.org/x/text v0.3.0
)

replace golang.org/x/net => example.com/fork/net v1.4.5
replace (
	example.com/old v1.0.0 => ./local/old
	example.com/notrequired => example.com/x v1.0.0
)
exclude golang.org/x/text v0.2.0
`);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => [p.name, p.version, p.purl])).toEqual([
      ['github.com/BurntSushi/toml', 'v1.0.0', 'pkg:golang/github.com/BurntSushi/toml@v1.0.0'],
      ['gopkg.in/yaml.v2', 'v2.4.0', 'pkg:golang/gopkg.in/yaml.v2@v2.4.0'],
      ['example.com/fork/net', 'v1.4.5', 'pkg:golang/example.com/fork/net@v1.4.5'],
      ['./local/old', null, null],
      ['golang.org/x/text', 'v0.3.0', 'pkg:golang/golang.org/x/text@v0.3.0'],
      ['stdlib', '1.21.3', 'pkg:golang/stdlib@1.21.3'],
    ]);
    expect(r.value.project?.name).toBe('example.com/app');
    expect(r.value.project?.dependencies).not.toContain('pkg:golang/gopkg.in/yaml.v2@v2.4.0');
    expect(r.value.warnings.map((w) => w.code)).toEqual(['package.local']);
  });

  it('returns a reason for malformed input instead of throwing', () => {
    expect(parseGoMod('This is not a go.mod file!')).toMatchObject({ ok: false, error: { code: 'lockfile.invalid' } });
    const r = parseGoMod('require (\nonlypath\n)\nreplace a =>\n');
    expect(r.ok && r.value.warnings.map((w) => w.code)).toEqual(['gomod.syntax', 'gomod.syntax']);
    expect(parseGoMod('')).toMatchObject({ ok: true, value: { packages: [] } });
  });
});
