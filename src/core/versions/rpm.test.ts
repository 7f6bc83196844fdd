import { describe, expect, it } from 'vitest';
import { rpm, rpmvercmp } from './rpm.js';

const scheme = rpm;

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


const osv = "osv-semantic redhat-versions.txt";
const tests = "rpm tests/rpmvercmp.at";
describe("rpm", () => {
  check([
    ["1.0", "<", "2.0", tests],
    ["2.0.1a", ">", "2.0.1", tests],
    ["5.5p1", "<", "5.5p10", tests],
    ["xyz.4", "<", "8", tests + " (numbers beat letters)"],
    ["10.0001", "=", "10.1", tests],
    ["2_0", "=", "2.0", tests + " (separators)"],
    ["1.0~rc1", "<", "1.0", tests + " (tilde)"],
    ["1.0~rc1~git123", "<", "1.0~rc1", tests],
    ["1.0^", ">", "1.0", tests + " (caret)"],
    ["1.0^git1", "<", "1.01", tests],
    ["1.0^git1~pre", "<", "1.0^git1", tests],
    ["1.1.α", "=", "1.1.β", tests + " (non-ASCII is a separator)"],
    ["1:1", ">", "2", osv + " (epoch)"],
    ["a:1", "<", "b:1", osv + " (not an epoch)"],
    ["1", "<", "1-0", osv + " (missing release first)"],
    ["1-123", ">", "1-1.el7", osv],
    ["0:3.10.0-229.el7", "<", "0:3.10.0-229.1.2.ael7b", osv],
  ]);
  rejects([["", "empty"]]);
  it("rpmvercmp on plain strings (ORACLES.md rpm.vercmp one-liner)", () => {
    expect(rpmvercmp("1.0~rc1", "1.0")).toBe(-1);
    expect(rpmvercmp("1.0", "1.0")).toBe(0);
  });
});
