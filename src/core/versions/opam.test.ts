import { describe, expect, it } from 'vitest';
import { opam } from './opam.js';

const scheme = opam;

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


const man = "opam manual, Version ordering";
describe("opam", () => {
  check([
    ["1.0~beta", "<", "1.0", man + " (~ before the end)"],
    ["1.0", "<", "1.0a", man],
    ["1.0-1", ">", "1.0", man + " (no revision split)"],
    ["0.9", "<", "0.10", man + " (numbers numerically)"],
  ]);
  rejects([["", "empty"], ["1 0", "whitespace"]]);
});
