import { describe, expect, it } from 'vitest';
import { pep440 } from './pep440.js';

const scheme = pep440;

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


const pep = "PEP 440 §Summary of permitted suffixes and relative ordering";
const norm = "PEP 440 §Normalization";
const osv = "osv-semantic pypi-versions.txt";
describe("pep440", () => {
  check([
    ["1.0.dev456", "<", "1.0a1", pep],
    ["1.0a1", "<", "1.0a2.dev456", pep],
    ["1.0a2.dev456", "<", "1.0a12.dev456", pep],
    ["1.0a12", "<", "1.0b1.dev456", pep],
    ["1.0b2.post345.dev456", "<", "1.0b2.post345", pep],
    ["1.0rc1.dev456", "<", "1.0rc1", pep],
    ["1.0", "<", "1.0+abc.5", pep],
    ["1.0+abc.7", "<", "1.0+5", pep + " (numeric local segment above text)"],
    ["1.0+5", "<", "1.0.post456.dev34", pep],
    ["1.0.post456.dev34", "<", "1.0.post456", pep],
    ["1.1.dev1", ">", "1.0.post456", pep],
    ["1.0", "=", "1.0.0", "PEP 440 §Release segment (zero padding)"],
    ["1!1.0", ">", "2.0", "PEP 440 §Version epochs"],
    ["1.0ALPHA1", "=", "1.0a1", norm],
    ["1.0-c1", "=", "1.0rc1", norm],
    ["1.0-1", "=", "1.0.post1", norm + " (implicit post release)"],
    ["1.0.r", "=", "1.0.post0", norm],
    ["v1.0", "=", "1.0", norm + " (preceding v)"],
    [" 1.0 ", "=", "1.0", norm + " (leading and trailing whitespace)"],
    ["0.1-bulbasaur", "<", "0.1-charmander", osv + " (legacy versions)"],
    ["0.9-ivysaur", "<", "0.0.1", osv + " (legacy before every PEP 440 version)"],
  ]);
  rejects([["", "empty"], ["   ", "blank"]]);
  it("marks legacy versions (packaging < 22 LegacyVersion)", () => {
    const p = pep440.parse("0.1-bulbasaur");
    expect(p.ok && p.value.legacy !== null).toBe(true);
  });

  it("says a legacy version is outside the PEP 440 grammar, and a PEP 440 version is not (ADR 0009)", () => {
    const reason = (v: string) => {
      const p = pep440.parse(v);
      if (!p.ok) throw new Error(v);
      return pep440.outsideGrammar!(p.value);
    };
    for (const v of ["garbage^^", "not a version!!", "0.1-bulbasaur"]) expect(reason(v), v).toMatch(/^it is not a PEP 440 version/);
    for (const v of ["1.0", "v1.0.post1", " 1!2.0rc1.dev3+local.7 ", "1.0-1"]) expect(reason(v), v).toBeNull();
  });
});
