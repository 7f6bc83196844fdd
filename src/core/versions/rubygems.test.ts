import { describe, expect, it } from 'vitest';
import { rubygems } from './rubygems.js';

const scheme = rubygems;

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


const src = "rubygems lib/rubygems/version.rb";
const osv = "osv-semantic rubygems-versions.txt";
describe("rubygems", () => {
  check([
    ["1.0.0.pre", "<", "1.0.0", "ORACLES.md Gem::Version one-liner"],
    ["1.0.a.2", "<", "1.0.b1", src + " (prerelease letters in order)"],
    ["1.0.a10", ">", "1.0.a9", osv],
    ["3.10", ">", "3.2", osv],
    ["1.0.0-1", "=", "1.0.0.pre.1", src + " (\"-\" becomes \".pre.\")"],
    ["1.0", "=", "1.0.0", src + " (canonical segments drop trailing zeros)"],
    ["1", ">", "1beta", osv + " (not correct? but ordered)"],
  ]);
  rejects([["", "empty"], ["beta", "no leading digit"], ["1.0;", "bad character"]]);
  it("flags versions Gem::Version.correct? rejects", () => {
    const p = rubygems.parse("1beta");
    expect(p.ok && p.value.correct).toBe(false);
  });
});
