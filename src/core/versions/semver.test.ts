import { describe, expect, it } from 'vitest';
import { semver } from './semver.js';

const scheme = semver;

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


const spec = "SemVer 2.0.0 §11";
const osv = "osv-semantic semver-versions.txt";
describe("semver", () => {
  check([
    ["1.0.0-alpha", "<", "1.0.0-alpha.1", spec],
    ["1.0.0-alpha.1", "<", "1.0.0-alpha.beta", spec],
    ["1.0.0-alpha.beta", "<", "1.0.0-beta", spec],
    ["1.0.0-beta", "<", "1.0.0-beta.2", spec],
    ["1.0.0-beta.2", "<", "1.0.0-beta.11", spec],
    ["1.0.0-beta.11", "<", "1.0.0-rc.1", spec],
    ["1.0.0-rc.1", "<", "1.0.0", spec],
    ["1.0.0", "<", "2.0.0", "SemVer 2.0.0 §11.2"],
    ["2.0.0", "<", "2.1.0", "SemVer 2.0.0 §11.2"],
    ["2.1.0", "<", "2.1.1", "SemVer 2.0.0 §11.2"],
    ["1.0.0+build.1", "=", "1.0.0+build.2", "SemVer 2.0.0 §10 (build metadata ignored)"],
    ["v1.2.3", "=", "1.2.3", osv],
    ["1.2.3-a.b.c.5.d.100", "<", "1.2.3-a.b.c.10.d.5", osv],
    ["1.2.3-R2", "<", "1.2.3-r100", osv + " (ASCII order)"],
    ["999999999999999999999999999991", "<", "999999999999999999999999999999", osv + " (no size limit)"],
    ["1.1.3.4.5", "=", "1.1.3.4.5", osv],
    ["1.1.3.4", "<", "1.1.3", "osv-scalibr version-semver-like.go (extra numbers join the pre-release)"],
  ]);
  rejects([
    ["", "empty"],
    ["abc", "no leading number"],
    ["v", "no number"],
    ["1.0.0\n", "control character"],
  ]);
});
