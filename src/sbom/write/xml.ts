/**
 * A tiny, deterministic XML 1.0 serializer for the writers: elements, attributes and text only (no
 * comments, processing instructions, CDATA, DOCTYPE or entities other than the five predefined ones
 * and numeric character references).
 *
 * Escaping rule, for text and attribute values alike:
 * - characters XML 1.0 cannot carry at all (C0 controls other than TAB, LF, CR; U+FFFE, U+FFFF; lone
 *   surrogates) are removed — XML 1.0 forbids them even as character references, so they cannot be
 *   kept, and removing them is the only change made to any text;
 * - `&`, `<`, `>`, `"` and `'` are always written as `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`;
 * - CR is written as `&#13;` (a literal CR would be normalised to LF by every parser); in attribute
 *   values TAB and LF are also written as `&#9;` / `&#10;` (attribute-value normalisation would turn
 *   them into spaces).
 * Output: `<?xml version="1.0" encoding="UTF-8"?>`, two-space indentation, LF line ends, trailing newline.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes?: readonly (readonly [string, string | null | undefined])[];
  readonly children?: readonly (XmlElement | null | undefined)[];
  readonly text?: string;
}

/** Characters that may not appear in an XML 1.0 document in any form. */
const invalidXmlChars = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Remove the characters XML 1.0 cannot carry (see the module header). */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(invalidXmlChars, '');
}

const textEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
};
const attributeEscapes: Record<string, string> = { ...textEscapes, '\t': '&#9;', '\n': '&#10;' };

export function escapeXmlText(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"'\r]/g, (c) => textEscapes[c] ?? c);
}

export function escapeXmlAttribute(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"'\r\n\t]/g, (c) => attributeEscapes[c] ?? c);
}

/** Element with text content, or null when the text is null (so callers can write optional fields inline). */
export function textElement(name: string, text: string | null | undefined): XmlElement | null {
  return text === null || text === undefined ? null : { name, text };
}

function serializeElement(element: XmlElement, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  let open = `${indent}<${element.name}`;
  for (const [key, value] of element.attributes ?? []) {
    if (value !== null && value !== undefined) open += ` ${key}="${escapeXmlAttribute(value)}"`;
  }
  const children = (element.children ?? []).filter((c): c is XmlElement => c !== null && c !== undefined);
  if (element.text !== undefined) {
    out.push(`${open}>${escapeXmlText(element.text)}</${element.name}>`);
  } else if (children.length === 0) {
    out.push(`${open}/>`);
  } else {
    out.push(`${open}>`);
    for (const child of children) serializeElement(child, depth + 1, out);
    out.push(`${indent}</${element.name}>`);
  }
}

/** Serialize a document whose root is `root`. */
export function serializeXml(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  serializeElement(root, 0, out);
  return `${out.join('\n')}\n`;
}
