import { describe, expect, it } from 'vitest';
import { go } from './go.js';

const scheme = go;

function check(rows: readonly (readonly [string, "<" | "=" | ">", string, string])[]) {
  it.each(rows)("%s %s %s  (%s)", (a, op, b) => {
    const pa = scheme.parse(a);
    const pb = scheme.parse(b);
    if (!pa.ok || !pb.ok) throw new Error(`invalid: ${JSON.stringify(!pa.ok ? pa.error : pb)}`);
    const want = op === "<" ? -1 : op === "=" ? 0 : 1;
    expect(scheme.compare(pa.value, pb.value)).toBe(want);
    expect(scheme.compare(pb.value, pa.value)).toBe(-want || 0);
  });
}
function rejects(rows: readonly (readonly [string, string])[]) {
  it.each(rows)("rejects %j (%s)", (v) => {
    const r = scheme.parse(v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).not.toBe("");
  });
}


describe("go", () => {
  check([
    ["v1.2.3-pre", "<", "v1.2.3", "ORACLES.md x/mod/semver one-liner"],
    ["v2.0.0+incompatible", "=", "v2.0.0", "go.dev/ref/mod#incompatible-versions (build metadata)"],
    ["v0.0.0-20191109021931-daa7c04131f5", "<", "v0.0.0-20200101000000-aaaaaaaaaaaa", "go.dev/ref/mod#pseudo-versions (ordered by time)"],
    ["v1.2.4-0.20191109021931-daa7c04131f5", "<", "v1.2.4", "go.dev/ref/mod#pseudo-versions (before the next release)"],
    ["v1.2.3", "<", "v1.2.4-0.20191109021931-daa7c04131f5", "go.dev/ref/mod#pseudo-versions (after the base release v1.2.3)"],
    ["1.2.3", "=", "v1.2.3", "OSV Go versions have no v (osv-semantic semver-versions.txt)"],
  ]);
  rejects([["", "empty"], ["master", "not a version"]]);
  it("describes pseudo-versions and +incompatible (go.dev/ref/mod#pseudo-versions)", () => {
    const p = go.parse("v0.0.0-20191109021931-daa7c04131f5");
    expect(p.ok && p.value.pseudo).toEqual({ timestamp: "20191109021931", revision: "daa7c04131f5" });
    const i = go.parse("v2.0.0+incompatible");
    expect(i.ok && i.value.incompatible).toBe(true);
    const r = go.parse("v1.2.3");
    expect(r.ok && r.value.pseudo).toBe(null);
  });
});
