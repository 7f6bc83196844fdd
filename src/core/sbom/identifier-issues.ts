/**
 * Why a typed purl or CPE is refused, as a field issue with a stable code and the values it was
 * built from: the server refuses a manual component with these (services/sboms.ts), the web form
 * checks the same before sending, and both screens say them in the UI language by code
 * (web/src/i18n `issueText.*`, English `message` as the reference).
 *
 * The rules are the ones the quality check "purl and CPE are well-formed" applies
 * (quality/common-checks.ts): purls by `purlProblem` (quality/purl-syntax.ts), CPEs by `parseCpe`
 * (identity/cpe.ts, which the vulnerability matcher reads CPEs with). One rule each, so that what
 * the form accepts the Quality tab does not fail.
 */
import { maxCpeLength, parseCpe, type CpeValueProblem } from '../identity/cpe.js';
import type { Issue } from '../result.js';
import { purlMaxLength, purlProblem, type PurlProblem } from './quality/purl-syntax.js';

const purlMessages: Readonly<Record<PurlProblem, string>> = {
  'purl.too-long': `A package URL has at most ${purlMaxLength} characters.`,
  'purl.whitespace': 'A package URL has no spaces or control characters: write a space as %20.',
  'purl.escape':
    'A % in a package URL starts a percent-escape of two hex digits (%20, %40): write a % itself as %25.',
  'purl.scheme': 'A package URL starts with pkg: (pkg:type/namespace/name@version).',
  'purl.type':
    'A package URL has a type after pkg: and then a /; the type is letters, digits, ".", "+" or "-" and does not start with a digit (pkg:npm/…).',
  'purl.name': 'A package URL has a name after the type (pkg:type/name@version).',
  'purl.namespace':
    'The namespace of this package URL has an empty segment, or its type needs one (pkg:maven/groupId/artifactId@version).',
  'purl.version': 'An @ in a package URL is followed by the version (pkg:type/name@1.0.0).',
  'purl.qualifier':
    'Qualifiers come after ? as key=value pairs joined by &, each key once (?arch=x86_64&distro=debian-12).',
};

/** The codes `purlIssue` answers with. */
export const purlIssueCodes = Object.keys(purlMessages) as readonly PurlProblem[];

/** The purl's problem as an issue of the field `path`, or null when it is well-formed. */
export function purlIssue(purl: string, path = 'purl'): Issue | null {
  const problem = purlProblem(purl);
  if (problem === null) return null;
  return {
    path,
    code: problem,
    message: purlMessages[problem],
    ...(problem === 'purl.too-long' ? { args: { max: purlMaxLength } } : {}),
  };
}

const cpeValueMessages: Readonly<Record<CpeValueProblem, string>> = {
  empty: 'is empty; write * when it is not known',
  lone_backslash: 'ends with a \\ that escapes nothing',
  wildcard: 'has a * or ? inside the value; only its start or end may have one, else write \\* or \\?',
  character: 'has a space, a control character or a character outside ASCII',
  percent: 'has a % that is not followed by two hex digits',
  packed_edition: 'is a packed edition (~…) without five ~-separated fields',
};

/** The codes `cpeIssue` answers with, with the variants (`args.variant`) of each. */
export const cpeIssueCodes: Readonly<Record<string, readonly string[]>> = {
  'cpe.too_long': [],
  'cpe.not_cpe23': [],
  'cpe.not_cpe22': [],
  'cpe.field_count': ['uri'],
  'cpe.invalid_part': [],
  'cpe.invalid_value': Object.keys(cpeValueMessages),
};

/**
 * The CPE's problem as an issue of the field `path`, or null when it is a well-formed CPE 2.3
 * formatted string (`\:` is a colon inside a field) or CPE 2.2 URI.
 */
export function cpeIssue(cpe: string, path = 'cpe'): Issue | null {
  const parsed = parseCpe(cpe);
  if (parsed.ok) return null;
  const e = parsed.error;
  const uri = /^cpe:\//i.test(cpe);
  switch (e.code) {
    case 'cpe.too_long':
      return {
        path,
        code: e.code,
        args: { max: maxCpeLength },
        message: `A CPE has at most ${maxCpeLength} characters.`,
      };
    case 'cpe.not_cpe23':
      return {
        path,
        code: e.code,
        message: 'A CPE starts with cpe:2.3: (a CPE 2.3 name) or cpe:/ (a CPE 2.2 URI).',
      };
    case 'cpe.not_cpe22':
      return {
        path,
        code: e.code,
        message: 'A CPE 2.2 URI starts with cpe:/ and the part a, o or h (cpe:/o:vendor:product:version).',
      };
    case 'cpe.field_count': {
      const found = e.found ?? 0;
      return uri
        ? {
            path,
            code: e.code,
            args: { found, variant: 'uri' },
            message: `A CPE 2.2 URI has at most 7 colon-separated components after cpe:/; this one has ${found}.`,
          }
        : {
            path,
            code: e.code,
            args: { found },
            message: `A CPE 2.3 name has 13 colon-separated fields (cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other); this one has ${found}. Write * for a field that is not known, and \\: for a colon inside a field.`,
          };
    }
    case 'cpe.invalid_part':
      return {
        path,
        code: e.code,
        message: 'The part of a CPE is a (application), o (operating system) or h (hardware).',
      };
    case 'cpe.invalid_value': {
      const attribute = e.attribute ?? 'part';
      const problem = e.problem ?? 'character';
      return {
        path,
        code: e.code,
        args: { attribute, variant: problem },
        message: `The ${attribute} field of this CPE ${cpeValueMessages[problem]}.`,
      };
    }
  }
}
