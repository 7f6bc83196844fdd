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

  it('returns a reason for malformed input instead of throwing', () => {
    expect(parseCargoLock('this is not toml')).toMatchObject({ ok: false, error: { code: 'lockfile.invalid' } });
    expect(parseCargoLock('[[package]]\nversion = "1"')).toMatchObject({ ok: true, value: { packages: [] } });
    expect(parseCargoLock('a = ' + '['.repeat(80) + ']'.repeat(80))).toMatchObject({ ok: false });
  });
});
