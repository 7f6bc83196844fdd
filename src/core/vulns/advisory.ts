/**
 * The advisory model mamori stores: an OSV record (OSV schema, ossf/osv-schema `docs/schema.md`,
 * `validation/schema.json`), with the OSV field names and enum values kept as they are.
 *
 * `parseOsvRecord` checks the shape by hand (no JSON-schema engine in core). It refuses, with a
 * reason naming the JSON path, what would make matching wrong or impossible: a missing or malformed
 * `id` / `modified`, wrong types, an event object with zero or several keys, an `events` array with
 * no `introduced` (schema "events must contain an introduced object"), `fixed` together with
 * `last_affected` in one range (schema "mutually exclusive"), a range `type` outside
 * SEMVER/ECOSYSTEM/GIT, a GIT range without `repo`, a `package` without `ecosystem` or `name`.
 *
 * It keeps, with a warning, what the JSON schema rejects but does not change matching: an id prefix
 * not in the schema's registered list (local feeds such as `LWA-`, `BREW-`), an ecosystem outside
 * the OSV list (`Homebrew`), a GIT event that is not a full commit hash (GIT ranges are not
 * evaluated anyway), a severity score not matching its CVSS pattern, unknown top-level fields.
 *
 * Untrusted input: counts are capped (`limits`); objects are rebuilt field by field, so no
 * `__proto__` key of the input reaches a stored object as a prototype.
 */
import { osvEcosystems } from '../versions/registry.js';

export type OsvRangeType = 'SEMVER' | 'ECOSYSTEM' | 'GIT';
export const osvRangeTypes: readonly OsvRangeType[] = ['SEMVER', 'ECOSYSTEM', 'GIT'];

/** One event of a range: exactly one of the four keys (OSV `affected[].ranges[].events`). */
export type OsvEvent =
  | { readonly introduced: string }
  | { readonly fixed: string }
  | { readonly last_affected: string }
  | { readonly limit: string };

export type OsvEventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';
export const osvEventKinds: readonly OsvEventKind[] = ['introduced', 'fixed', 'last_affected', 'limit'];
const eventKindSet: ReadonlySet<string> = new Set(osvEventKinds);

export type JsonObject = Readonly<Record<string, unknown>>;

export interface OsvRange {
  readonly type: OsvRangeType;
  readonly repo: string | null;
  readonly events: readonly OsvEvent[];
  readonly database_specific: JsonObject | null;
}

export interface OsvPackage {
  readonly ecosystem: string;
  readonly name: string;
  readonly purl: string | null;
}

export interface OsvSeverity {
  /** `CVSS_V2`, `CVSS_V3`, `CVSS_V4` or `Ubuntu` (kept as given when another type appears). */
  readonly type: string;
  /** The vector string (or the Ubuntu priority word). */
  readonly score: string;
}

export interface OsvAffected {
  /** Absent in records that carry only GIT ranges (e.g. PSF CPython advisories). */
  readonly package: OsvPackage | null;
  readonly severity: readonly OsvSeverity[];
  readonly ranges: readonly OsvRange[];
  readonly versions: readonly string[];
  readonly ecosystem_specific: JsonObject | null;
  readonly database_specific: JsonObject | null;
}

export type OsvReferenceType = 'ADVISORY' | 'ARTICLE' | 'DETECTION' | 'DISCUSSION' | 'REPORT' | 'FIX' | 'INTRODUCED' | 'GIT' | 'PACKAGE' | 'EVIDENCE' | 'WEB';
export const osvReferenceTypes: readonly OsvReferenceType[] = ['ADVISORY', 'ARTICLE', 'DETECTION', 'DISCUSSION', 'REPORT', 'FIX', 'INTRODUCED', 'GIT', 'PACKAGE', 'EVIDENCE', 'WEB'];

export interface OsvReference {
  readonly type: OsvReferenceType;
  readonly url: string;
}

export type OsvCreditType = 'FINDER' | 'REPORTER' | 'ANALYST' | 'COORDINATOR' | 'REMEDIATION_DEVELOPER' | 'REMEDIATION_REVIEWER' | 'REMEDIATION_VERIFIER' | 'TOOL' | 'SPONSOR' | 'OTHER';
export const osvCreditTypes: readonly OsvCreditType[] = ['FINDER', 'REPORTER', 'ANALYST', 'COORDINATOR', 'REMEDIATION_DEVELOPER', 'REMEDIATION_REVIEWER', 'REMEDIATION_VERIFIER', 'TOOL', 'SPONSOR', 'OTHER'];

export interface OsvCredit {
  readonly name: string;
  readonly contact: readonly string[];
  readonly type: OsvCreditType | null;
}

export interface Advisory {
  readonly schema_version: string | null;
  readonly id: string;
  readonly modified: string;
  readonly published: string | null;
  readonly withdrawn: string | null;
  readonly aliases: readonly string[];
  readonly upstream: readonly string[];
  readonly related: readonly string[];
  readonly summary: string | null;
  readonly details: string | null;
  readonly severity: readonly OsvSeverity[];
  readonly affected: readonly OsvAffected[];
  readonly references: readonly OsvReference[];
  readonly credits: readonly OsvCredit[];
  readonly database_specific: JsonObject | null;
}

export interface ParseWarning {
  /** JSON path, e.g. `affected[0].ranges[1].events[2]`. */
  readonly path: string;
  readonly message: string;
}

export type ParseOsvResult =
  | { readonly ok: true; readonly advisory: Advisory; readonly warnings: readonly ParseWarning[] }
  | { readonly ok: false; readonly reason: string };

export const limits = {
  idLength: 256,
  stringLength: 1_000_000,
  aliases: 10_000,
  affected: 10_000,
  ranges: 1_000,
  events: 10_000,
  versions: 200_000,
  references: 10_000,
  credits: 1_000,
  severity: 100,
} as const;

/** Home database prefixes registered in the OSV schema (`$defs.prefix`, validation/schema.json). */
const registeredPrefix =
  /^(x_|(ASB-A|PUB-A|ALPINE|ALSA|ALBA|ALEA|AZL|BELL|BIT|CGA|CLEANSTART|CLSA|CURL|CVE|DEBIAN|DHI|DRUPAL|DSA|DLA|ELA|DTSA|ECHO|EEF|FreeBSD|GHSA|GO|GSD|HSEC|JLSEC|KUBE|LBSEC|LSN|MAL|MINI|MGASA|OESA|OSEC|OSV|openSUSE-SU|PHSA|PSF|PYSEC|RHBA|RHEA|RHSA|RLSA|RXSA|RSEC|ROOT|RUSTSEC|SUSE-[SRFO]U|UBUNTU|USN|V8)-)/;
/** Characters mamori accepts in an id (the schema itself only constrains the prefix). */
const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:+-]*$/;
/** OSV `$defs.timestamp`: RFC 3339 in UTC with `Z`. */
const timestampPattern = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z$/;
const gitCommitPattern = /^(0|[a-f0-9]{40}|[a-f0-9]{64})$/;
const severityPatterns: Readonly<Record<string, RegExp>> = {
  CVSS_V2: /^(AV:[NAL]|AC:[LMH]|Au:[MSN]|[CIA]:[NPC]|E:(U|POC|F|H|ND)|RL:(OF|TF|W|U|ND)|RC:(UC|UR|C|ND)|CDP:(N|L|LM|MH|H|ND)|TD:(N|L|M|H|ND)|[CIA]R:(L|M|H|ND))(\/(AV:[NAL]|AC:[LMH]|Au:[MSN]|[CIA]:[NPC]|E:(U|POC|F|H|ND)|RL:(OF|TF|W|U|ND)|RC:(UC|UR|C|ND)|CDP:(N|L|LM|MH|H|ND)|TD:(N|L|M|H|ND)|[CIA]R:(L|M|H|ND)))*$/,
  CVSS_V3: /^CVSS:3[.][01]\/[A-Z]+:[A-Z](\/[A-Z]+:[A-Z])*$/,
  // Supplemental metrics have word values (U:Clear/Green/Amber/Red).
  CVSS_V4: /^CVSS:4[.]0\/AV:[NALP]\/AC:[LH]\/AT:[NP]\/PR:[NLH]\/UI:[NPA]\/VC:[HLN]\/VI:[HLN]\/VA:[HLN]\/SC:[HLN]\/SI:[HLN]\/SA:[HLN](\/[A-Z]+:[A-Za-z]+)*$/,
  Ubuntu: /^(negligible|low|medium|high|critical)$/,
};
const topLevelFields = new Set(['schema_version', 'id', 'modified', 'published', 'withdrawn', 'aliases', 'upstream', 'related', 'summary', 'details', 'severity', 'affected', 'references', 'credits', 'database_specific']);

class Refusal {
  constructor(readonly reason: string) {}
}

function refuse(path: string, message: string): never {
  throw new Refusal(`${path}: ${message}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown, path: string, max: number = limits.stringLength): string {
  if (typeof v !== 'string') refuse(path, 'must be a string');
  if (v.length > max) refuse(path, `is longer than ${max} characters`);
  return v;
}

function optStr(obj: Record<string, unknown>, key: string, path: string): string | null {
  const v = obj[key];
  return v === undefined || v === null ? null : str(v, `${path}${key}`);
}

function timestamp(obj: Record<string, unknown>, key: string, path: string, required: boolean): string | null {
  const v = obj[key];
  if (v === undefined || v === null) {
    if (required) refuse(`${path}${key}`, 'is required');
    return null;
  }
  const s = str(v, `${path}${key}`, 64);
  if (!timestampPattern.test(s)) refuse(`${path}${key}`, `"${s}" is not an RFC 3339 UTC timestamp (YYYY-MM-DDTHH:MM:SS[.frac]Z)`);
  return s;
}

function arr(v: unknown, path: string, max: number): readonly unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) refuse(path, 'must be an array');
  if (v.length > max) refuse(path, `has more than ${max} entries`);
  return v as unknown[];
}

/**
 * A list of strings. The path of an element is only built for a refusal: lists of enumerated
 * versions run to thousands of entries, and a path string per entry cost more than the check.
 */
function strings(v: unknown, path: string, max: number): string[] {
  const list = arr(v, path, max);
  const out = new Array<string>(list.length);
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    if (typeof x !== 'string' || x.length > limits.stringLength) str(x, `${path}[${i}]`);
    out[i] = x as string;
  }
  return out;
}

/** Copies a free-form JSON object (`database_specific`, `ecosystem_specific`) without prototype keys. */
function freeObject(v: unknown, path: string): JsonObject | null {
  if (v === undefined || v === null) return null;
  if (!isObject(v)) refuse(path, 'must be a JSON object');
  return cloneJson(v, 0, path) as JsonObject;
}

function cloneJson(v: unknown, depth: number, path: string): unknown {
  if (depth > 64) refuse(path, 'is nested deeper than 64 levels');
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = cloneJson(v[i], depth + 1, path);
    return out;
  }
  // A plain object with own data properties only (JSON.parse made it). Assigning `__proto__` would
  // set the copy's prototype: that key is left out.
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    if (k === '__proto__') continue;
    out[k] = cloneJson((v as Record<string, unknown>)[k], depth + 1, path);
  }
  return out;
}

function parseSeverity(v: unknown, path: string, warnings: ParseWarning[]): OsvSeverity[] {
  return arr(v, path, limits.severity).map((s, i) => {
    const p = `${path}[${i}]`;
    if (!isObject(s)) refuse(p, 'must be an object');
    const type = str(s['type'], `${p}.type`, 64);
    const score = str(s['score'], `${p}.score`, 1024);
    const pattern = severityPatterns[type];
    if (!pattern) warnings.push({ path: `${p}.type`, message: `"${type}" is not an OSV severity type (CVSS_V2, CVSS_V3, CVSS_V4, Ubuntu)` });
    else if (!pattern.test(score)) warnings.push({ path: `${p}.score`, message: `"${score}" does not match the ${type} vector syntax` });
    return { type, score };
  });
}

/** The kind of an event (its only key). */
export function eventKind(event: OsvEvent): OsvEventKind {
  return Object.keys(event)[0] as OsvEventKind;
}

/** The version string of an event. */
export function eventVersion(event: OsvEvent): string {
  return (event as Record<string, string>)[eventKind(event)]!;
}

function parseEvent(e: unknown, base: string, i: number, type: OsvRangeType, warnings: ParseWarning[]): OsvEvent {
  // The event's path (`…events[i]`) is only built for a refusal or a warning.
  if (!isObject(e)) refuse(`${base}[${i}]`, 'must be an object');
  const keys = Object.keys(e);
  let kind: OsvEventKind | null = null;
  let known = 0;
  for (const k of keys)
    if (eventKindSet.has(k)) {
      known += 1;
      kind = k as OsvEventKind;
    }
  if (known !== 1 || kind === null) refuse(`${base}[${i}]`, `must have exactly one of introduced, fixed, last_affected, limit (has ${keys.length === 0 ? 'none' : keys.join(', ')})`);
  if (keys.length > 1) warnings.push({ path: `${base}[${i}]`, message: `unknown keys beside "${kind}" are ignored: ${keys.filter((k) => k !== kind).join(', ')}` });
  const raw = e[kind];
  const version = typeof raw === 'string' && raw.length <= 1024 ? raw : str(raw, `${base}[${i}].${kind}`, 1024);
  if (version === '') refuse(`${base}[${i}].${kind}`, 'must not be empty');
  if (type === 'GIT' && !gitCommitPattern.test(version)) warnings.push({ path: `${base}[${i}].${kind}`, message: `"${version}" is not a full-length commit hash` });
  switch (kind) {
    case 'introduced':
      return { introduced: version };
    case 'fixed':
      return { fixed: version };
    case 'last_affected':
      return { last_affected: version };
    case 'limit':
      return { limit: version };
  }
}

function parseRange(r: unknown, p: string, warnings: ParseWarning[]): OsvRange {
  if (!isObject(r)) refuse(p, 'must be an object');
  const type = str(r['type'], `${p}.type`, 64);
  if (!(osvRangeTypes as readonly string[]).includes(type)) refuse(`${p}.type`, `"${type}" is not one of SEMVER, ECOSYSTEM, GIT`);
  const rangeType = type as OsvRangeType;
  const repo = optStr(r, 'repo', `${p}.`);
  if (rangeType === 'GIT' && repo === null) refuse(`${p}.repo`, 'is required for a GIT range');
  const rawEvents = arr(r['events'], `${p}.events`, limits.events);
  if (r['events'] === undefined || r['events'] === null) refuse(`${p}.events`, 'is required');
  if (rawEvents.length === 0) refuse(`${p}.events`, 'must not be empty');
  const eventsPath = `${p}.events`;
  const events = rawEvents.map((e, i) => parseEvent(e, eventsPath, i, rangeType, warnings));
  const kinds = new Set(events.map(eventKind));
  if (!kinds.has('introduced')) refuse(`${p}.events`, 'must contain an introduced event (OSV schema: "There must be at least one introduced object")');
  if (kinds.has('fixed') && kinds.has('last_affected')) refuse(`${p}.events`, 'has both fixed and last_affected events (OSV schema: mutually exclusive)');
  return { type: rangeType, repo, events, database_specific: freeObject(r['database_specific'], `${p}.database_specific`) };
}

function ecosystemBase(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon === -1 ? ecosystem : ecosystem.slice(0, colon);
}

function parseAffected(a: unknown, p: string, warnings: ParseWarning[]): OsvAffected {
  if (!isObject(a)) refuse(p, 'must be an object');
  let pkg: OsvPackage | null = null;
  const rawPkg = a['package'];
  if (rawPkg !== undefined && rawPkg !== null) {
    if (!isObject(rawPkg)) refuse(`${p}.package`, 'must be an object');
    const ecosystem = str(rawPkg['ecosystem'], `${p}.package.ecosystem`, 256);
    const name = str(rawPkg['name'], `${p}.package.name`, 1024);
    if (ecosystem === '') refuse(`${p}.package.ecosystem`, 'must not be empty');
    if (name === '') refuse(`${p}.package.name`, 'must not be empty');
    if (!(osvEcosystems as readonly string[]).includes(ecosystemBase(ecosystem))) {
      warnings.push({ path: `${p}.package.ecosystem`, message: `"${ecosystem}" is not an OSV ecosystem; its versions are ordered by the generic fallback scheme` });
    }
    const purl = rawPkg['purl'] === undefined || rawPkg['purl'] === null ? null : str(rawPkg['purl'], `${p}.package.purl`, 4096);
    pkg = { ecosystem, name, purl };
  }
  const ranges = arr(a['ranges'], `${p}.ranges`, limits.ranges).map((r, i) => parseRange(r, `${p}.ranges[${i}]`, warnings));
  const versions = strings(a['versions'], `${p}.versions`, limits.versions);
  if (pkg === null && ranges.some((r) => r.type !== 'GIT')) refuse(`${p}.package`, 'is required for SEMVER and ECOSYSTEM ranges');
  return {
    package: pkg,
    severity: parseSeverity(a['severity'], `${p}.severity`, warnings),
    ranges,
    versions,
    ecosystem_specific: freeObject(a['ecosystem_specific'], `${p}.ecosystem_specific`),
    database_specific: freeObject(a['database_specific'], `${p}.database_specific`),
  };
}

const referenceTypeSet: ReadonlySet<string> = new Set(osvReferenceTypes);
const absoluteUri = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

/** One reference; its path (`references[i]`) is only built for a refusal or a warning. */
function parseReference(r: unknown, i: number, warnings: ParseWarning[]): OsvReference {
  if (!isObject(r)) refuse(`references[${i}]`, 'must be an object');
  const rawType = r['type'];
  const type = typeof rawType === 'string' && referenceTypeSet.has(rawType) ? rawType : str(rawType, `references[${i}].type`, 64);
  if (!referenceTypeSet.has(type)) refuse(`references[${i}].type`, `"${type}" is not an OSV reference type`);
  const rawUrl = r['url'];
  const url = typeof rawUrl === 'string' && rawUrl.length <= 8192 ? rawUrl : str(rawUrl, `references[${i}].url`, 8192);
  if (!absoluteUri.test(url)) warnings.push({ path: `references[${i}].url`, message: `"${url}" is not an absolute URI` });
  return { type: type as OsvReferenceType, url };
}

function parseCredit(c: unknown, p: string): OsvCredit {
  if (!isObject(c)) refuse(p, 'must be an object');
  const name = str(c['name'], `${p}.name`, 4096);
  const contact = strings(c['contact'], `${p}.contact`, 100);
  const rawType = c['type'];
  let type: OsvCreditType | null = null;
  if (rawType !== undefined && rawType !== null) {
    const t = str(rawType, `${p}.type`, 64);
    if (!(osvCreditTypes as readonly string[]).includes(t)) refuse(`${p}.type`, `"${t}" is not an OSV credit type`);
    type = t as OsvCreditType;
  }
  return { name, contact, type };
}

/** Validates an OSV record (already JSON-parsed) and converts it to the stored advisory model. */
export function parseOsvRecord(json: unknown): ParseOsvResult {
  const warnings: ParseWarning[] = [];
  try {
    if (!isObject(json)) refuse('$', 'an OSV record is a JSON object');
    const id = str(json['id'], 'id', limits.idLength);
    if (!idPattern.test(id)) refuse('id', `"${id}" is not an identifier (letters, digits, ".", "_", ":", "+", "-")`);
    if (!registeredPrefix.test(id)) warnings.push({ path: 'id', message: `"${id}" does not start with a home database prefix registered in the OSV schema` });
    const modified = timestamp(json, 'modified', '', true)!;
    for (const key of Object.keys(json)) if (!topLevelFields.has(key)) warnings.push({ path: key, message: 'is not an OSV field; ignored' });
    const severity = parseSeverity(json['severity'], 'severity', warnings);
    const affected = arr(json['affected'], 'affected', limits.affected).map((a, i) => parseAffected(a, `affected[${i}]`, warnings));
    if (severity.length > 0 && affected.some((a) => a.severity.length > 0)) {
      warnings.push({ path: 'severity', message: 'top-level severity and affected[].severity are both present (the OSV schema allows only one)' });
    }
    const advisory: Advisory = {
      schema_version: optStr(json, 'schema_version', ''),
      id,
      modified,
      published: timestamp(json, 'published', '', false),
      withdrawn: timestamp(json, 'withdrawn', '', false),
      aliases: strings(json['aliases'], 'aliases', limits.aliases),
      upstream: strings(json['upstream'], 'upstream', limits.aliases),
      related: strings(json['related'], 'related', limits.aliases),
      summary: optStr(json, 'summary', ''),
      details: optStr(json, 'details', ''),
      severity,
      affected,
      references: arr(json['references'], 'references', limits.references).map((r, i) => parseReference(r, i, warnings)),
      credits: arr(json['credits'], 'credits', limits.credits).map((c, i) => parseCredit(c, `credits[${i}]`)),
      database_specific: freeObject(json['database_specific'], 'database_specific'),
    };
    return { ok: true, advisory, warnings };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, reason: e.reason };
    throw e;
  }
}
