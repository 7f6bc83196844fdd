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

  it('reads the outer checksum (SHA-256 of the tarball), not the inner one', () => {
    // osv-scanner fixture mix/two-packages.lock.
    const r = parseMixLock(`%{
  "plug_crypto": {:hex, :plug_crypto, "1.2.2", "05654514ac717ff3a1843204b424477d9e60c143406aa94daf2274fdd280794d", [:mix], [], "hexpm", "87631c7ad914a5a445f0a3809f99b079113ae4ed4b867348dd9eec288cecb6db"},
  "old": {:hex, :old, "0.1.0", "05654514ac717ff3a1843204b424477d9e60c143406aa94daf2274fdd280794d", [:mix], [], "hexpm"},
}
`);
    expect(r.ok && r.value.packages.map((p) => p.hashes)).toEqual([[{ alg: 'SHA-256', content: '87631c7ad914a5a445f0a3809f99b079113ae4ed4b867348dd9eec288cecb6db' }], []]);
  });

  it('warns about entries it cannot read', () => {
    const r = parseMixLock('%{\n  "odd": {:path, "../x"},\n}');
    expect(r.ok && r.value.warnings.map((w) => w.code)).toEqual(['mix.unrecognised']);
  });
});
