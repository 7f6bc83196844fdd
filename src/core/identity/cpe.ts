/**
 * CPE 2.3 names: the well-formed name (WFN), its formatted-string and URI bindings, and name
 * matching, plus the NVD `cpeMatch` range check.
 *
 * Sources:
 * - NISTIR 7695 "CPE Naming Specification Version 2.3": §5.3 WFN (attributes, logical values ANY
 *   and NA, quoting of non-alphanumeric characters, unquoted `*` and `?` special characters),
 *   §6.1 URI binding (CPE 2.2 `cpe:/…`, percent-encoding, packed edition `~`), §6.2 formatted
 *   string binding (`cpe:2.3:…`, 13 colon-separated fields, `\` escapes; `*` = ANY, `-` = NA).
 * - NISTIR 7696 "CPE Name Matching Specification Version 2.3": §6.1 attribute comparison
 *   (Table 6-2: SUPERSET / SUBSET / EQUAL / DISJOINT), §6.2 name comparison (a source name matches a
 *   target when every attribute is SUPERSET or EQUAL).
 * - NVD CVE API 2.0 `configurations[].nodes[].cpeMatch[]`: `criteria` plus optional
 *   versionStart/End Including/Excluding bounds applied to the target's version.
 *
 * In a WFN string value, every non-alphanumeric character other than `_` is quoted with `\`;
 * unquoted `*` (any run of characters) and `?` (one character) are wildcards (NISTIR 7695 §5.3.2).
 */
import type { Result } from '../result.js';

export const cpeAttributes = [
  'part',
  'vendor',
  'product',
  'version',
  'update',
  'edition',
  'language',
  'sw_edition',
  'target_sw',
  'target_hw',
  'other',
] as const;
export type CpeAttribute = (typeof cpeAttributes)[number];

/** ANY and NA are the logical values of NISTIR 7695 §5.3.1; a string is kept in WFN quoted form. */
export type CpeValue = { readonly kind: 'ANY' } | { readonly kind: 'NA' } | { readonly kind: 'value'; readonly wfn: string };

export type Cpe = Readonly<Record<CpeAttribute, CpeValue>>;

export type CpeErrorCode = 'cpe.too_long' | 'cpe.not_cpe23' | 'cpe.not_cpe22' | 'cpe.field_count' | 'cpe.invalid_part' | 'cpe.invalid_value';

export interface CpeError {
  readonly code: CpeErrorCode;
  readonly message: string;
  readonly attribute?: CpeAttribute;
  /** `cpe.field_count`: how many fields (2.3) or components (2.2 URI) the text has. */
  readonly found?: number;
  /** `cpe.invalid_value`: what is wrong with the value. */
  readonly problem?: CpeValueProblem;
}

/**
 * Why a value is invalid: empty (2.3: `*` is ANY, `-` NA), a `\` with nothing after it, an unquoted
 * `*` or `?` inside the value, a space, control or non-ASCII character, a `%` that is not `%xx` (2.2),
 * a packed edition without five `~` fields (2.2).
 */
export type CpeValueProblem = 'empty' | 'lone_backslash' | 'wildcard' | 'character' | 'percent' | 'packed_edition';

export const maxCpeLength = 1024;
export const ANY: CpeValue = { kind: 'ANY' };
export const NA: CpeValue = { kind: 'NA' };

function fail(code: CpeErrorCode, message: string, attribute?: CpeAttribute): Result<never, CpeError> {
  return { ok: false, error: attribute ? { code, message, attribute } : { code, message } };
}

function valueFail(problem: CpeValueProblem, message: string, attribute: CpeAttribute): Result<never, CpeError> {
  return { ok: false, error: { code: 'cpe.invalid_value', message, attribute, problem } };
}

function countFail(message: string, found: number): Result<never, CpeError> {
  return { ok: false, error: { code: 'cpe.field_count', message, found } };
}

const alnum = /[A-Za-z0-9_]/;

/** Splits on unescaped colons (NISTIR 7695 §6.2.3: "\:" is an escaped colon inside a value). */
function splitFs(text: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length) {
      current += c + (text[i + 1] as string);
      i++;
    } else if (c === ':') {
      fields.push(current);
      current = '';
    } else current += c;
  }
  fields.push(current);
  return fields;
}

/**
 * unbind_value_fs (NISTIR 7695 §6.2.3.2): `*` → ANY, `-` → NA, otherwise quote every
 * non-alphanumeric character except `_`; keep `\`-escapes; `*` / `?` stay unquoted only at the
 * start or end of the value.
 */
function unbindValueFs(field: string, attribute: CpeAttribute): Result<CpeValue, CpeError> {
  if (field === '*') return { ok: true, value: ANY };
  if (field === '-') return { ok: true, value: NA };
  if (field === '') return valueFail('empty', `${attribute} is empty`, attribute);
  let out = '';
  for (let i = 0; i < field.length; i++) {
    const c = field[i] as string;
    if (alnum.test(c)) out += c;
    else if (c === '\\') {
      const next = field[i + 1];
      if (next === undefined) return valueFail('lone_backslash', `${attribute} ends with a lone backslash`, attribute);
      out += alnum.test(next) ? next : `\\${next}`;
      i++;
    } else if (c === '*' || c === '?') {
      const atStart = /^[*?]*$/.test(field.slice(0, i));
      const atEnd = /^[*?]*$/.test(field.slice(i + 1));
      if (!atStart && !atEnd) {
        return valueFail('wildcard', `unquoted "${c}" inside ${attribute} "${field}" (only allowed at the start or end)`, attribute);
      }
      out += c;
    } else if (c.charCodeAt(0) < 0x21 || c.charCodeAt(0) > 0x7e) {
      return valueFail('character', `${attribute} contains a non-printable or non-ASCII character`, attribute);
    } else out += `\\${c}`;
  }
  return { ok: true, value: { kind: 'value', wfn: out } };
}

function buildCpe(values: CpeValue[]): Cpe {
  const cpe = {} as Record<CpeAttribute, CpeValue>;
  cpeAttributes.forEach((a, i) => {
    cpe[a] = values[i] ?? ANY;
  });
  return cpe;
}

function checkPart(value: CpeValue): boolean {
  return value.kind !== 'value' || value.wfn === 'a' || value.wfn === 'o' || value.wfn === 'h';
}

/** Parses (unbinds) a CPE 2.3 formatted string, e.g. `cpe:2.3:a:acme\:labs:widget:1.0:*:*:*:*:*:*:*`. */
export function parseCpe23(text: string): Result<Cpe, CpeError> {
  if (text.length > maxCpeLength) return fail('cpe.too_long', `longer than ${maxCpeLength} characters`);
  const fields = splitFs(text);
  if (fields[0] !== 'cpe' || fields[1] !== '2.3') return fail('cpe.not_cpe23', 'a CPE 2.3 formatted string starts with "cpe:2.3:"');
  if (fields.length !== 13) return countFail(`expected 13 colon-separated fields, found ${fields.length}`, fields.length);
  const values: CpeValue[] = [];
  for (let i = 0; i < cpeAttributes.length; i++) {
    const attribute = cpeAttributes[i] as CpeAttribute;
    const v = unbindValueFs(fields[i + 2] as string, attribute);
    if (!v.ok) return v;
    values.push(v.value);
  }
  if (!checkPart(values[0] as CpeValue)) return fail('cpe.invalid_part', 'part must be a, o or h (NISTIR 7695 §5.3.3.1)', 'part');
  return { ok: true, value: buildCpe(values) };
}

/** bind_value_for_fs (NISTIR 7695 §6.2.2.2): `.`, `-`, `_` are written unescaped. */
function bindValueFs(value: CpeValue): string {
  if (value.kind === 'ANY') return '*';
  if (value.kind === 'NA') return '-';
  return value.wfn.replace(/\\([.\-_])/g, '$1');
}

/** Binds a WFN to a CPE 2.3 formatted string (NISTIR 7695 §6.2.2). */
export function formatCpe23(cpe: Cpe): string {
  return ['cpe', '2.3', ...cpeAttributes.map((a) => bindValueFs(cpe[a]))].join(':');
}

/**
 * Unbinds a CPE 2.2 URI (`cpe:/h:corega:cg-wgr1200`), as MyJVN HND still uses (NISTIR 7695
 * §6.1.3): empty or missing components are ANY, `-` is NA, `%xx` is decoded (`%01` = `?`,
 * `%02` = `*`), and an edition beginning with `~` is unpacked into edition, sw_edition, target_sw,
 * target_hw and other.
 */
export function parseCpe22Uri(text: string): Result<Cpe, CpeError> {
  if (text.length > maxCpeLength) return fail('cpe.too_long', `longer than ${maxCpeLength} characters`);
  if (!/^cpe:\/[aoh]?(:|$)/i.test(text)) return fail('cpe.not_cpe22', 'a CPE 2.2 URI starts with "cpe:/" and a part a, o or h');
  const components = text.slice(5).split(':');
  if (components.length > 7) return countFail(`a CPE URI has at most 7 components, found ${components.length}`, components.length);
  const decode = (raw: string, attribute: CpeAttribute): Result<CpeValue, CpeError> => {
    if (raw === '') return { ok: true, value: ANY };
    if (raw === '-') return { ok: true, value: NA };
    let out = '';
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i] as string;
      if (c === '%') {
        const hex = raw.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) return valueFail('percent', `bad percent-encoding in ${attribute}`, attribute);
        i += 2;
        if (hex === '01') out += '?';
        else if (hex === '02') out += '*';
        else {
          const d = String.fromCharCode(parseInt(hex, 16));
          out += alnum.test(d) ? d : `\\${d}`;
        }
      } else if (alnum.test(c)) out += c.toLowerCase();
      else if (c.charCodeAt(0) < 0x21 || c.charCodeAt(0) > 0x7e) {
        return valueFail('character', `${attribute} contains a non-printable or non-ASCII character`, attribute);
      } else out += `\\${c}`;
    }
    return { ok: true, value: { kind: 'value', wfn: out } };
  };
  const values: CpeValue[] = [];
  const uriAttributes: CpeAttribute[] = ['part', 'vendor', 'product', 'version', 'update', 'edition', 'language'];
  for (let i = 0; i < uriAttributes.length; i++) {
    const attribute = uriAttributes[i] as CpeAttribute;
    const raw = components[i] ?? '';
    if (attribute === 'edition' && raw.startsWith('~')) {
      const packed = raw.slice(1).split('~');
      if (packed.length !== 5) return valueFail('packed_edition', 'a packed edition has five ~-separated fields', 'edition');
      for (const [j, a] of (['edition', 'sw_edition', 'target_sw', 'target_hw', 'other'] as const).entries()) {
        const v = decode(packed[j] as string, a);
        if (!v.ok) return v;
        values[cpeAttributes.indexOf(a)] = v.value;
      }
      continue;
    }
    const v = decode(raw, attribute);
    if (!v.ok) return v;
    values[cpeAttributes.indexOf(attribute)] = v.value;
  }
  for (let i = 0; i < cpeAttributes.length; i++) values[i] ??= ANY;
  if (!checkPart(values[0] as CpeValue)) return fail('cpe.invalid_part', 'part must be a, o or h', 'part');
  return { ok: true, value: buildCpe(values) };
}

/**
 * Parses a CPE name in either binding: a CPE 2.2 URI when it starts with `cpe:/` (any case), else a
 * CPE 2.3 formatted string. The one CPE rule of mamori: the vulnerability matcher reads CPEs with
 * it, the quality check "purl and CPE are well-formed" asks it (quality/fields.ts), and manual
 * components are refused when it fails (services/sboms.ts), so a CPE accepted anywhere is one the
 * matcher can use.
 */
export function parseCpe(text: string): Result<Cpe, CpeError> {
  return /^cpe:\//i.test(text) ? parseCpe22Uri(text) : parseCpe23(text);
}

/** The text of a value with WFN quoting removed (`1\.2\.3` → `1.2.3`); undefined for ANY / NA. */
export function cpeValueText(value: CpeValue): string | undefined {
  return value.kind === 'value' ? value.wfn.replace(/\\(.)/g, '$1') : undefined;
}

function hasUnquotedWildcard(wfn: string): boolean {
  for (let i = 0; i < wfn.length; i++) {
    const c = wfn[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
  }
  return false;
}

/** Source value with wildcards as an anchored, case-insensitive regular expression. */
function wildcardPattern(wfn: string): RegExp {
  let pattern = '';
  for (let i = 0; i < wfn.length; i++) {
    const c = wfn[i] as string;
    if (c === '\\') {
      const next = wfn[i + 1] ?? '';
      pattern += next.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      i++;
    } else if (c === '*') pattern += '.*';
    else if (c === '?') pattern += '.';
    else pattern += c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`, 'is');
}

/** Set relation of NISTIR 7696 §6.1 Table 6-2; UNDEFINED when the target holds a wildcard. */
export type CpeRelation = 'SUPERSET' | 'SUBSET' | 'EQUAL' | 'DISJOINT' | 'UNDEFINED';

/** compare(source, target) of NISTIR 7696 §6.1.2 for one attribute. */
export function compareCpeValues(source: CpeValue, target: CpeValue): CpeRelation {
  if (target.kind === 'value' && hasUnquotedWildcard(target.wfn)) return 'UNDEFINED';
  if (source.kind === 'ANY') return target.kind === 'ANY' ? 'EQUAL' : 'SUPERSET';
  if (source.kind === 'NA') return target.kind === 'ANY' ? 'SUBSET' : target.kind === 'NA' ? 'EQUAL' : 'DISJOINT';
  if (target.kind === 'ANY') return 'SUBSET';
  if (target.kind === 'NA') return 'DISJOINT';
  if (source.wfn.toLowerCase() === target.wfn.toLowerCase()) return 'EQUAL';
  if (hasUnquotedWildcard(source.wfn)) {
    return wildcardPattern(source.wfn).test(cpeValueText(target) ?? '') ? 'SUPERSET' : 'DISJOINT';
  }
  return 'DISJOINT';
}

/** NISTIR 7696 §6.2: `source` matches `target` when every attribute is SUPERSET or EQUAL. */
export function cpeNameMatches(source: Cpe, target: Cpe): boolean {
  return cpeAttributes.every((a) => {
    const r = compareCpeValues(source[a], target[a]);
    return r === 'SUPERSET' || r === 'EQUAL';
  });
}

/** The version bounds of an NVD `cpeMatch` object. */
export interface CpeVersionRange {
  readonly versionStartIncluding?: string;
  readonly versionStartExcluding?: string;
  readonly versionEndIncluding?: string;
  readonly versionEndExcluding?: string;
}

/** Negative, zero or positive like `Array.prototype.sort`; undefined when the two cannot be compared. */
export type CompareVersions = (a: string, b: string) => number | undefined;

export interface CpeMatchVerdict {
  readonly matches: boolean;
  /** Why, in words: which attribute differed, which bound failed, or what matched. */
  readonly reason: string;
  readonly attribute?: CpeAttribute;
  readonly relation?: CpeRelation;
}

function asCpe(input: string | Cpe, what: string): Result<Cpe, string> {
  if (typeof input !== 'string') return { ok: true, value: input };
  const parsed = parseCpe(input);
  return parsed.ok ? parsed : { ok: false, error: `${what} is not a valid CPE: ${parsed.error.message}` };
}

/**
 * Does the NVD `cpeMatch` (its `criteria` and version bounds) match a candidate CPE?
 * Every attribute is compared as NISTIR 7696 §6.2 says; when the criteria carries bounds and its
 * version is ANY, the version attribute is instead checked against the bounds (`>=`, `>`, `<=`,
 * `<`) using the ecosystem's `compareVersions`, which needs a concrete candidate version.
 */
export function cpeMatches(
  criteria: string | Cpe,
  range: CpeVersionRange,
  candidate: string | Cpe,
  compareVersions: CompareVersions,
): CpeMatchVerdict {
  const source = asCpe(criteria, 'criteria');
  if (!source.ok) return { matches: false, reason: source.error };
  const target = asCpe(candidate, 'candidate');
  if (!target.ok) return { matches: false, reason: target.error };
  const bounds: [keyof CpeVersionRange, string, (c: number) => boolean][] = [];
  if (range.versionStartIncluding !== undefined) bounds.push(['versionStartIncluding', '>=', (c) => c >= 0]);
  if (range.versionStartExcluding !== undefined) bounds.push(['versionStartExcluding', '>', (c) => c > 0]);
  if (range.versionEndIncluding !== undefined) bounds.push(['versionEndIncluding', '<=', (c) => c <= 0]);
  if (range.versionEndExcluding !== undefined) bounds.push(['versionEndExcluding', '<', (c) => c < 0]);
  const rangeOnVersion = bounds.length > 0 && source.value.version.kind === 'ANY';

  for (const attribute of cpeAttributes) {
    if (attribute === 'version' && rangeOnVersion) continue;
    const relation = compareCpeValues(source.value[attribute], target.value[attribute]);
    if (relation !== 'SUPERSET' && relation !== 'EQUAL') {
      return {
        matches: false,
        attribute,
        relation,
        reason: `${attribute}: criteria ${bindValueFs(source.value[attribute])} is ${relation} of candidate ${bindValueFs(target.value[attribute])}`,
      };
    }
  }
  if (!rangeOnVersion) return { matches: true, reason: `every attribute of the criteria is a superset of or equal to the candidate` };

  const version = target.value.version;
  const text = cpeValueText(version);
  if (text === undefined || (version.kind === 'value' && hasUnquotedWildcard(version.wfn))) {
    return { matches: false, attribute: 'version', reason: `candidate version ${bindValueFs(version)} is not a concrete version; the range needs one` };
  }
  const passed: string[] = [];
  for (const [key, op, holds] of bounds) {
    const bound = range[key] as string;
    const c = compareVersions(text, bound);
    if (c === undefined || Number.isNaN(c)) {
      return { matches: false, attribute: 'version', reason: `version ${text} cannot be compared with ${key} ${bound}` };
    }
    if (!holds(c)) return { matches: false, attribute: 'version', reason: `version ${text} is not ${op} ${bound} (${key})` };
    passed.push(`${op} ${bound}`);
  }
  return { matches: true, reason: `attributes match and version ${text} is ${passed.join(' and ')}` };
}
