import { describe, expect, it } from 'vitest';
import { maven } from './maven.js';

const scheme = maven;

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


const spec = "maven.apache.org/pom.html#version-order-specification";
const osv = "osv-semantic maven-versions.txt";
describe("maven", () => {
  check([
    ["1", "=", "1.0.0", spec + " (\"1\" = \"1.0\" = \"1.0.0\")"],
    ["1", "<", "1.1", spec + " (padding)"],
    ["1-snapshot", "<", "1", spec + " (qualifier order)"],
    ["1", "<", "1-sp", spec + " (qualifier order)"],
    ["1-foo2", "<", "1-foo10", spec + " (\"1-foo2\" < \"1-foo10\")"],
    ["1.foo", "<", "1-foo", spec + " (.qualifier < -qualifier)"],
    ["1-foo", "<", "1-1", spec + " (-qualifier < -number)"],
    ["1-1", "<", "1.1", spec + " (-number < .number)"],
    ["1.ga", "=", "1-ga", spec + " (\"1.ga\" = \"1-ga\" = \"1-0\" = \"1.0\" = \"1\")"],
    ["1-ga", "=", "1-0", spec],
    ["1-0", "=", "1.0", spec],
    ["1-sp", ">", "1-ga", spec],
    ["1-sp.1", ">", "1-ga.1", spec],
    ["1-a1", "=", "1-alpha-1", spec],
    ["1.0-alpha-1", "<", "1.0-beta-1", osv],
    ["1.0-SNAPSHOT", "<", "1.0", osv],
    ["1cr", "=", "1rc", osv],
    ["1-1", "=", "1-ga-1", osv],
    ["2.0.1-xyz", "<", "2.0.1-123", osv],
  ]);
  rejects([["", "empty"], ["1 0", "whitespace"]]);
});
