/**
 * CVSS v3.0 / v3.1 base and environmental scores (FIRST specification, section 7 formulas), enough
 * to turn a finding's base vector plus the clinical-impact modifiers into an environmental score.
 * Temporal metrics are left at X (not defined). Pure.
 *
 * API
 *   parseCvss3(vector): Cvss3 | null
 *   cvss3BaseScore(v), cvss3EnvironmentalScore(v, modifiers): number
 *   roundUp(x, version)
 */

export type Requirement = 'L' | 'M' | 'H';
export type AttackVector = 'N' | 'A' | 'L' | 'P';

export interface Cvss3 {
  readonly version: '3.0' | '3.1';
  readonly AV: AttackVector;
  readonly AC: 'L' | 'H';
  readonly PR: 'N' | 'L' | 'H';
  readonly UI: 'N' | 'R';
  readonly S: 'U' | 'C';
  readonly C: 'N' | 'L' | 'H';
  readonly I: 'N' | 'L' | 'H';
  readonly A: 'N' | 'L' | 'H';
}

export interface EnvironmentalModifiers {
  readonly CR: Requirement;
  readonly IR: Requirement;
  readonly AR: Requirement;
  /** Modified attack vector; null keeps the base value. */
  readonly MAV: AttackVector | null;
}

const allowed: Record<string, readonly string[]> = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'R'],
  S: ['U', 'C'],
  C: ['N', 'L', 'H'],
  I: ['N', 'L', 'H'],
  A: ['N', 'L', 'H'],
};

export function parseCvss3(vector: string): Cvss3 | null {
  const parts = vector.trim().split('/');
  const head = /^CVSS:(3\.[01])$/.exec(parts[0] ?? '');
  if (!head) return null;
  const m: Record<string, string> = {};
  for (const p of parts.slice(1)) {
    const [k, v] = p.split(':');
    if (k === undefined || v === undefined) return null;
    m[k] = v;
  }
  for (const [k, values] of Object.entries(allowed)) if (!values.includes(m[k] ?? '')) return null;
  return { version: head[1] as '3.0' | '3.1', ...(m as unknown as Omit<Cvss3, 'version'>) };
}

const av: Record<AttackVector, number> = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const ac = { L: 0.77, H: 0.44 };
const ui = { N: 0.85, R: 0.62 };
const cia = { H: 0.56, L: 0.22, N: 0 };
const req: Record<Requirement, number> = { L: 0.5, M: 1, H: 1.5 };
const pr = (v: Cvss3['PR'], changed: boolean): number =>
  v === 'N' ? 0.85 : v === 'L' ? (changed ? 0.68 : 0.62) : changed ? 0.5 : 0.27;

/** CVSS 3.1 Roundup (Appendix A, avoids floating-point artefacts); 3.0 uses the plain ceiling. */
export function roundUp(x: number, version: '3.0' | '3.1' = '3.1'): number {
  if (version === '3.0') return Math.ceil(x * 10) / 10;
  const i = Math.round(x * 100000);
  return i % 10000 === 0 ? i / 100000 : (Math.floor(i / 10000) + 1) / 10;
}

export function cvss3BaseScore(v: Cvss3): number {
  const changed = v.S === 'C';
  const iss = 1 - (1 - cia[v.C]) * (1 - cia[v.I]) * (1 - cia[v.A]);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability = 8.22 * av[v.AV] * ac[v.AC] * pr(v.PR, changed) * ui[v.UI];
  if (impact <= 0) return 0;
  return changed
    ? roundUp(Math.min(1.08 * (impact + exploitability), 10), v.version)
    : roundUp(Math.min(impact + exploitability, 10), v.version);
}

export function cvss3EnvironmentalScore(v: Cvss3, m: EnvironmentalModifiers): number {
  const changed = v.S === 'C';
  const mav = m.MAV ?? v.AV;
  const miss = Math.min(
    1 - (1 - req[m.CR] * cia[v.C]) * (1 - req[m.IR] * cia[v.I]) * (1 - req[m.AR] * cia[v.A]),
    0.915,
  );
  const impact = changed
    ? v.version === '3.1'
      ? 7.52 * (miss - 0.029) - 3.25 * (miss * 0.9731 - 0.02) ** 13
      : 7.52 * (miss - 0.029) - 3.25 * (miss - 0.02) ** 15
    : 6.42 * miss;
  const exploitability = 8.22 * av[mav] * ac[v.AC] * pr(v.PR, changed) * ui[v.UI];
  if (impact <= 0) return 0;
  return changed
    ? roundUp(Math.min(1.08 * (impact + exploitability), 10), v.version)
    : roundUp(Math.min(impact + exploitability, 10), v.version);
}

/** The vector with the environmental metrics appended (for display and audit). */
export function environmentalVector(vector: string, m: EnvironmentalModifiers): string {
  const extra = [`CR:${m.CR}`, `IR:${m.IR}`, `AR:${m.AR}`, ...(m.MAV ? [`MAV:${m.MAV}`] : [])];
  return `${vector.trim()}/${extra.join('/')}`;
}
