import { describe, expect, it } from 'vitest';
import { debian } from './debian.js';

const scheme = debian;

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


const policy = "Debian Policy §5.6.12";
const osv = "osv-semantic debian-versions.txt";
describe("dpkg", () => {
  check([
    ["1.0~rc1", "<", "1.0", "ORACLES.md dpkg one-liner; " + policy + " (tilde)"],
    ["1.0~~", "<", "1.0~~a", policy + " example ~~ < ~~a < ~ < (empty) < a"],
    ["1.0~~a", "<", "1.0~", policy],
    ["1.0~", "<", "1.0", policy],
    ["1.0", "<", "1.0a", policy],
    ["1.0a", "<", "1.0+", policy + " (letters before non-letters)"],
    ["1:0.1", ">", "9.9", policy + " (epoch)"],
    ["0.0.0", "=", "0.0.0-0", osv],
    ["1.2.3-1~deb7u1", "<", "1.2.3-1", osv],
    ["2.7.4+reloaded2-13ubuntu1", "<", "2.7.4+reloaded2-13+deb9u1", osv],
    ["2:0.0.44-1", "<", "2:0.0.44-nobin", osv],
    ["1.0-1-1", ">", "1.0-1", policy + " (revision after the last hyphen)"],
  ]);
  rejects([
    ["", "dpkg: version string is empty"],
    ["1 0", "dpkg: embedded spaces"],
    ["a:1.0", "dpkg: epoch is not number"],
    ["1:", "dpkg: nothing after colon"],
    ["1.0-", "dpkg: revision number is empty"],
  ]);
});
