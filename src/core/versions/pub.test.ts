import { describe, expect, it } from 'vitest';
import { pub } from './pub.js';

const scheme = pub;

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


const osv = "osv-semantic pub-versions.txt";
describe("pub", () => {
  check([
    ["1.0.0-pre", "<", "1.0.0-pre+build", osv],
    ["1.0.0", "<", "1.0.0+build", osv + "; pub_semver Version.compareTo"],
    ["1.2.3+1", "<", "1.2.3+2", osv],
    ["1.2.3+9", "<", "1.2.3+10", "pub_semver: build parts compared like pre-release parts"],
    ["1.2.3+900", "<", "1.2.3+a", osv],
    ["1.2.3+9a", ">", "1.2.3+1z", osv],
    ["1.0.0-beta.2", "<", "1.0.0-beta.11", "SemVer 2.0.0 §11"],
  ]);
  rejects([["", "empty"], ["x", "no number"]]);
});
