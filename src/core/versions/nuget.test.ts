import { describe, expect, it } from 'vitest';
import { nuget } from './nuget.js';

const scheme = nuget;

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


const docs = "learn.microsoft.com/nuget/concepts/package-versioning";
const osv = "osv-semantic nuget-versions.txt";
describe("nuget", () => {
  check([
    ["1.0", "=", "1.0.0.0", docs + " #normalized-version-numbers"],
    ["1.0.0-BETA", "=", "1.0.0-beta", docs + " #pre-release-versions (case-insensitive)"],
    ["1.0.0-alpha.9", "<", "1.0.0-alpha.10", "ORACLES.md NuGet.Versioning one-liner"],
    ["1.0.0", "<", "1.0.0.1", osv],
    ["1.0.0-pre", "<", "1.0.0.1-alpha", osv],
    ["1.0.0+AA", ">", "1.0.0-beta+aa", osv],
    ["1.0.01", "=", "1.0.1.0", osv],
  ]);
  rejects([["", "empty"], ["beta", "no number"]]);
});
