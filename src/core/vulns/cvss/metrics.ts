/**
 * The CVSS metrics of each version, in the order each specification lists them, with the value
 * abbreviations allowed in a vector string. Sources:
 * - v2.0: "A Complete Guide to the Common Vulnerability Scoring System Version 2.0" §2.4 (Table 13),
 *   and the FIRST JSON schema cvss-v2.0.json `vectorString` pattern.
 * - v3.0 / v3.1: CVSS v3.x Specification Document §6 (Table 15), FIRST cvss-v3.x.json.
 * - v4.0: CVSS v4.0 Specification Document §7 (Table 23), FIRST cvss-v4.0.json.
 */

export type CvssVersion = '2.0' | '3.0' | '3.1' | '4.0';

export const cvssVersions: readonly CvssVersion[] = ['2.0', '3.0', '3.1', '4.0'];

/** The metric groups named by the specifications. */
export type CvssMetricGroup = 'base' | 'temporal' | 'threat' | 'environmental' | 'supplemental';

export interface CvssMetricDefinition {
  /** Abbreviated metric name as written in the vector string, e.g. `AV`. */
  readonly name: string;
  readonly group: CvssMetricGroup;
  /** Allowed value abbreviations. `ND` (v2) and `X` (v3, v4) mean "Not Defined". */
  readonly values: readonly string[];
}

function m(name: string, group: CvssMetricGroup, values: string): CvssMetricDefinition {
  return { name, group, values: values.split(',') };
}

const cia2 = 'N,P,C';
const req2 = 'L,M,H,ND';
const v2: readonly CvssMetricDefinition[] = [
  m('AV', 'base', 'L,A,N'),
  m('AC', 'base', 'H,M,L'),
  m('Au', 'base', 'M,S,N'),
  m('C', 'base', cia2),
  m('I', 'base', cia2),
  m('A', 'base', cia2),
  m('E', 'temporal', 'U,POC,F,H,ND'),
  m('RL', 'temporal', 'OF,TF,W,U,ND'),
  m('RC', 'temporal', 'UC,UR,C,ND'),
  m('CDP', 'environmental', 'N,L,LM,MH,H,ND'),
  m('TD', 'environmental', 'N,L,M,H,ND'),
  m('CR', 'environmental', req2),
  m('IR', 'environmental', req2),
  m('AR', 'environmental', req2),
];

const cia3 = 'H,L,N';
const req3 = 'X,H,M,L';
const mcia3 = 'X,H,L,N';
const v3: readonly CvssMetricDefinition[] = [
  m('AV', 'base', 'N,A,L,P'),
  m('AC', 'base', 'L,H'),
  m('PR', 'base', 'N,L,H'),
  m('UI', 'base', 'N,R'),
  m('S', 'base', 'U,C'),
  m('C', 'base', cia3),
  m('I', 'base', cia3),
  m('A', 'base', cia3),
  m('E', 'temporal', 'X,H,F,P,U'),
  m('RL', 'temporal', 'X,U,W,T,O'),
  m('RC', 'temporal', 'X,C,R,U'),
  m('CR', 'environmental', req3),
  m('IR', 'environmental', req3),
  m('AR', 'environmental', req3),
  m('MAV', 'environmental', 'X,N,A,L,P'),
  m('MAC', 'environmental', 'X,L,H'),
  m('MPR', 'environmental', 'X,N,L,H'),
  m('MUI', 'environmental', 'X,N,R'),
  m('MS', 'environmental', 'X,U,C'),
  m('MC', 'environmental', mcia3),
  m('MI', 'environmental', mcia3),
  m('MA', 'environmental', mcia3),
];

const cia4 = 'H,L,N';
const v4: readonly CvssMetricDefinition[] = [
  m('AV', 'base', 'N,A,L,P'),
  m('AC', 'base', 'L,H'),
  m('AT', 'base', 'N,P'),
  m('PR', 'base', 'N,L,H'),
  m('UI', 'base', 'N,P,A'),
  m('VC', 'base', cia4),
  m('VI', 'base', cia4),
  m('VA', 'base', cia4),
  m('SC', 'base', cia4),
  m('SI', 'base', cia4),
  m('SA', 'base', cia4),
  m('E', 'threat', 'X,A,P,U'),
  m('CR', 'environmental', 'X,H,M,L'),
  m('IR', 'environmental', 'X,H,M,L'),
  m('AR', 'environmental', 'X,H,M,L'),
  m('MAV', 'environmental', 'X,N,A,L,P'),
  m('MAC', 'environmental', 'X,L,H'),
  m('MAT', 'environmental', 'X,N,P'),
  m('MPR', 'environmental', 'X,N,L,H'),
  m('MUI', 'environmental', 'X,N,P,A'),
  m('MVC', 'environmental', 'X,H,L,N'),
  m('MVI', 'environmental', 'X,H,L,N'),
  m('MVA', 'environmental', 'X,H,L,N'),
  m('MSC', 'environmental', 'X,H,L,N'),
  m('MSI', 'environmental', 'X,S,H,L,N'),
  m('MSA', 'environmental', 'X,S,H,L,N'),
  m('S', 'supplemental', 'X,N,P'),
  m('AU', 'supplemental', 'X,N,Y'),
  m('R', 'supplemental', 'X,A,U,I'),
  m('V', 'supplemental', 'X,D,C'),
  m('RE', 'supplemental', 'X,L,M,H'),
  m('U', 'supplemental', 'X,Clear,Green,Amber,Red'),
];

export const cvssMetricDefinitions: Readonly<Record<CvssVersion, readonly CvssMetricDefinition[]>> = {
  '2.0': v2,
  '3.0': v3,
  '3.1': v3,
  '4.0': v4,
};

/** The value that means "Not Defined" in each version (v2 `ND`, v3/v4 `X`). */
export function notDefinedValue(version: CvssVersion): string {
  return version === '2.0' ? 'ND' : 'X';
}
