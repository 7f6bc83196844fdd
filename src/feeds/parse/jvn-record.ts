/**
 * The JVN iPedia record as mamori keeps it (parsed by jvn.ts from HND XML or OKA JSON), apart from
 * the parser so that readers of the vulnerability database (`mamori scan`, the alias groups) do not
 * load the XML parser.
 */
export interface JvnCvss {
  readonly version: string;
  readonly vectorString?: string;
  readonly baseScore?: number;
  readonly severity?: string;
}

/**
 * A JVN CVSS entry's vector as a scorer reads it: v3 and v4 vectors get their `CVSS:x.y/` prefix
 * when JVN leaves it out (v2 vectors have none); null when the entry has no vector.
 */
export function jvnVectorString(m: JvnCvss): string | null {
  if (!m.vectorString) return null;
  return m.vectorString.startsWith('CVSS:') || m.version.startsWith('2')
    ? m.vectorString
    : `CVSS:${m.version}/${m.vectorString}`;
}

export interface JvnProduct {
  readonly vendor?: string;
  readonly product?: string;
  /** CPE as published (2.2 URI in HND, 2.3 formatted string in OKA). */
  readonly cpe?: string;
  /** The same CPE as a CPE 2.3 formatted string, when it parses. */
  readonly cpe23?: string;
  readonly versions: readonly string[];
}

export interface JvnRecord {
  /** JVNDB-YYYY-NNNNNN */
  readonly id: string;
  readonly title: string;
  readonly lang?: string;
  readonly description?: string;
  readonly link?: string;
  readonly cves: readonly string[];
  readonly cwes: readonly string[];
  readonly cvss: readonly JvnCvss[];
  readonly products: readonly JvnProduct[];
  /** 公表日 (DatePublic), 登録日 (DateFirstPublished / issued), 最終更新日 (DateLastUpdated / modified). */
  readonly datePublic?: string;
  readonly dateFirstPublished?: string;
  readonly dateLastUpdated?: string;
}
