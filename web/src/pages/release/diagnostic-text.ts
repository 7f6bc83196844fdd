/**
 * A diagnostic's message in the UI language. The reader writes each message in English and, for the
 * kinds a screen translates, the values it was built from (`args`): schema errors by their keyword
 * (`args.keyword`, with ajv's params; `xsd` for libxml2's XSD messages of a known form, with the
 * element and attribute they are about), the mapper's and the SPDX tag-value checks by their code
 * (`args.variant` picks the wording of a code that has several; an SPDX `section` is named in the
 * UI language; an unsupported document's `shape` says what it looked like). A diagnostic without
 * args, or of a kind with no translation, keeps its English message.
 */
import type { TFunction } from 'i18next';
import type { SbomDiagnosticT } from '../../api/types.js';

export function diagnosticText(d: Pick<SbomDiagnosticT, 'code' | 'message' | 'args'>, t: TFunction): string {
  if (!d.args) return d.message;
  const { keyword, variant, count, ...args } = d.args;
  const values: Record<string, string | number> = { ...args };
  if (typeof args.section === 'string')
    values.section = t(`sbomText.section.${args.section}`, { defaultValue: args.section });
  // What an unsupported document looked like, said in the UI language (detect-format.ts `shape`).
  if (typeof args.shape === 'string') {
    const lookedLike = t(`sbomText.lookedLike.${args.shape}`, {
      replace: { value: args.value ?? '' },
      defaultValue: '',
    });
    if (!lookedLike) return d.message;
    values.lookedLike = lookedLike;
  }
  // Where a JSON syntax error is (parse-json.ts): " at line 3, column 5", or nothing when the
  // platform's message gave no position.
  if (d.code === 'json.malformed')
    values.where =
      typeof args.line === 'number' && typeof args.column === 'number'
        ? t('sbomText.where', { line: args.line, column: args.column })
        : '';
  if (keyword === 'xsd' && typeof args.element === 'string')
    values.target =
      typeof args.attribute === 'string'
        ? t('sbomText.xsdTarget.attribute', { element: args.element, attribute: args.attribute })
        : t('sbomText.xsdTarget.element', { element: args.element });
  const key =
    d.code === 'schema' && typeof keyword === 'string'
      ? `sbomText.schema.${keyword}`
      : `sbomText.diagnostic.${d.code}`;
  const text = t(key, {
    // i18next interpolates from `replace` alone when it is given: the count goes there too.
    replace: typeof count === 'number' ? { ...values, count } : values,
    ...(typeof variant === 'string' ? { context: variant } : {}),
    ...(typeof count === 'number' ? { count } : {}),
    defaultValue: '',
  });
  // A translation whose values this diagnostic does not carry (stored by another version) is not shown half-filled.
  return text && !text.includes('{{') ? text : d.message;
}

/**
 * The rule a diagnostic cites, in the UI language where mamori wrote it (by code, e.g. why DOCTYPE
 * is refused); a reference to a standard or a configured limit is shown as the reader gave it.
 */
export function diagnosticRuleText(d: Pick<SbomDiagnosticT, 'code' | 'rule'>, t: TFunction): string | null {
  if (!d.rule) return null;
  return t(`sbomText.rule.${d.code.replaceAll('.', '_')}`, { defaultValue: d.rule });
}
