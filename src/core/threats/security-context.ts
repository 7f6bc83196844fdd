/**
 * The product security context (IEC 81001-5-1 clause 7.1.2): where the product runs, its interfaces,
 * who uses it, what data it handles, what degraded security does to safety, and its security
 * capabilities keyed to the MDS2 (ANSI/NEMA HN 1-2019) capability sections.
 */
import type { Issue } from '../result.js';

/** The 22 security-capability sections of the MDS2 form, in the form's order (DOC is the cover section). */
export const mds2Capabilities = [
  'MPII', 'ALOF', 'AUDT', 'AUTH', 'CSUP', 'DIDT', 'DTBK', 'EMRG', 'IGAU', 'MLDP', 'NAUT',
  'CONN', 'PAUT', 'PLOK', 'RDMP', 'SBOM', 'SAHD', 'SGUD', 'STCF', 'TXCF', 'TXIG', 'RMOT',
] as const;
export type Mds2Capability = (typeof mds2Capabilities)[number];

export const mds2CapabilityTitles: Record<Mds2Capability, string> = {
  MPII: 'Management of Personally Identifiable Information',
  ALOF: 'Automatic Logoff',
  AUDT: 'Audit Controls',
  AUTH: 'Authorization',
  CSUP: 'Cyber Security Product Upgrades',
  DIDT: 'Health Data De-Identification',
  DTBK: 'Data Backup and Disaster Recovery',
  EMRG: 'Emergency Access',
  IGAU: 'Health Data Integrity and Authenticity',
  MLDP: 'Malware Detection/Protection',
  NAUT: 'Node Authentication',
  CONN: 'Connectivity Capabilities',
  PAUT: 'Person Authentication',
  PLOK: 'Physical Locks',
  RDMP: 'Roadmap for Third Party Components in Device Life Cycle',
  SBOM: 'Software Bill of Materials',
  SAHD: 'System and Application Hardening',
  SGUD: 'Security Guidance',
  STCF: 'Health Data Storage Confidentiality',
  TXCF: 'Transmission Confidentiality',
  TXIG: 'Transmission Integrity',
  RMOT: 'Remote Service',
};

export const mds2Answers = ['yes', 'no', 'n_a', 'see_notes'] as const;
export type Mds2Answer = (typeof mds2Answers)[number];

export const patientDataKinds = ['none', 'de_identified', 'identifiable'] as const;

export interface SecurityInterface {
  readonly name: string;
  /** e.g. ethernet, wifi, bluetooth, usb, serial, debug, cloud_api */
  readonly kind: string;
  readonly external: boolean;
  readonly crossesTrustBoundary: boolean;
  readonly description: string;
}

export interface SecurityUserRole {
  readonly role: string;
  readonly description: string;
  readonly privileges: string;
}

export interface SecurityDataItem {
  readonly name: string;
  readonly patientData: (typeof patientDataKinds)[number];
  readonly atRest: boolean;
  readonly inTransit: boolean;
  readonly description: string;
}

export interface SecurityCapability {
  readonly answer: Mds2Answer;
  readonly note: string;
}

export interface SecurityContext {
  readonly networkEnvironment: string;
  readonly physicalEnvironment: string;
  readonly isolation: string;
  readonly interfaces: readonly SecurityInterface[];
  readonly users: readonly SecurityUserRole[];
  readonly data: readonly SecurityDataItem[];
  /** What loss of confidentiality, integrity or availability does to patient safety and essential performance. */
  readonly safetyImpact: string;
  readonly hardwareControls: string;
  readonly capabilities: Readonly<Partial<Record<Mds2Capability, SecurityCapability>>>;
}

export function emptySecurityContext(): SecurityContext {
  return {
    networkEnvironment: '',
    physicalEnvironment: '',
    isolation: '',
    interfaces: [],
    users: [],
    data: [],
    safetyImpact: '',
    hardwareControls: '',
    capabilities: {},
  };
}

export function securityContextIssues(c: SecurityContext): Issue[] {
  const issues: Issue[] = [];
  for (const key of Object.keys(c.capabilities))
    if (!(mds2Capabilities as readonly string[]).includes(key))
      issues.push({ path: `capabilities.${key}`, message: `Not an MDS2 capability section; use one of ${mds2Capabilities.join(', ')}.` });
  c.interfaces.forEach((i, n) => {
    if (!i.name.trim()) issues.push({ path: `interfaces.${n}.name`, message: 'An interface needs a name.' });
  });
  return issues;
}
