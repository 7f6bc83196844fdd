import { describe, expect, it } from 'vitest';
import { parseMixLock } from './mix-lock.js';

describe('parseMixLock', () => {
  it('reads hex and git entries and hex dependencies', () => {
    const r = parseMixLock(`%{
  "plug": {:hex, :plug, "1.11.1", "f299", [:mix], [{:mime, "~> 1.0", [hex: :mime, repo: "hexpm", optional: false]}], "hexpm", "2352"},
  "mime": {:hex, :mime, "1.6.0", "dabd", [:mix], [], "hexpm", "31a1"},
  "foe": {:git, "https://github.com/my-org/foe.git", "a9574ab75d6ed01e1288c453ae1d943d7a964595", []},
}
`);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => [p.purl, p.commit])).toEqual([
      ['pkg:hex/plug@1.11.1', null],
      ['pkg:hex/mime@1.6.0', null],
      ['pkg:hex/foe', 'a9574ab75d6ed01e1288c453ae1d943d7a964595'],
    ]);
    expect(r.value.packages[0]!.dependencies).toEqual(['pkg:hex/mime@1.6.0']);
  });

  it('warns about entries it cannot read', () => {
    const r = parseMixLock('%{\n  "odd": {:path, "../x"},\n}');
    expect(r.ok && r.value.warnings.map((w) => w.code)).toEqual(['mix.unrecognised']);
  });
});
