import { describe, expect, it } from 'vitest';
import { parseCargoLock } from './cargo-lock.js';

describe('parseCargoLock', () => {
  it('reads packages, git commits and the three dependency spellings', () => {
    const r = parseCargoLock(`version = 3

[[package]]
name = "app"
version = "0.1.0"
dependencies = ["serde", "rand 0.8.5", "rand 0.7.3 (registry+https://github.com/rust-lang/crates.io-index)"]

[[package]]
name = "serde"
version = "1.0.0+build"
source = "git+https://github.com/serde-rs/serde?rev=1#0123456789abcdef0123456789abcdef01234567"

[[package]]
name = "rand"
version = "0.8.5"

[[package]]
name = "rand"
version = "0.7.3"
`);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages[0]!.dependencies).toEqual(['pkg:cargo/serde@1.0.0%2Bbuild', 'pkg:cargo/rand@0.8.5', 'pkg:cargo/rand@0.7.3']);
    expect(r.value.packages[1]!.commit).toBe('0123456789abcdef0123456789abcdef01234567');
  });

  it('reads checksum as the SHA-256 of the crate (v2+ per package, v1 in [metadata])', () => {
    const sum = 'be2ed6d8b1d0a0ed2d6d4c5b2f3c8a1f5e9f3b8e6c8b8d7f1a2b3c4d5e6f7a8b';
    const v3 = parseCargoLock(`version = 3

[[package]]
name = "serde"
version = "1.0.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "${sum}"

[[package]]
name = "local"
version = "0.1.0"
`);
    expect(v3.ok && v3.value.packages.map((p) => p.hashes)).toEqual([[{ alg: 'SHA-256', content: sum }], []]);
    const v1 = parseCargoLock(`[[package]]
name = "serde"
version = "1.0.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[metadata]
"checksum serde 1.0.0 (registry+https://github.com/rust-lang/crates.io-index)" = "${sum}"
`);
    expect(v1.ok && v1.value.packages.map((p) => p.hashes)).toEqual([[{ alg: 'SHA-256', content: sum }]]);
    // Not a SHA-256 digest: dropped.
    const bad = parseCargoLock('[[package]]\nname = "x"\nversion = "1"\nchecksum = "abc"\n');
    expect(bad.ok && bad.value.packages[0]!.hashes).toEqual([]);
  });

  it('returns a reason for malformed input instead of throwing', () => {
    expect(parseCargoLock('this is not toml')).toMatchObject({ ok: false, error: { code: 'lockfile.invalid' } });
    expect(parseCargoLock('[[package]]\nversion = "1"')).toMatchObject({ ok: true, value: { packages: [] } });
    expect(parseCargoLock('a = ' + '['.repeat(80) + ']'.repeat(80))).toMatchObject({ ok: false });
  });
});
