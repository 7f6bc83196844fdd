/**
 * One pass over XML text before any XML parser sees it. Refuses DOCTYPE and every other markup
 * declaration (`<!ENTITY`, `<!ELEMENT`, …: no DTD, so no entity can be declared, let alone
 * expanded — billion laughs and XXE are impossible by construction), measures element depth,
 * counts `component` elements (the component limit applies before the document is built) and
 * returns the root element's start tag for format detection. Comments, CDATA sections and
 * processing instructions are skipped; quoted attribute values may contain `>`.
 */
export type XmlScan =
  | { readonly ok: true; readonly rootName: string | null; readonly rootTag: string | null; readonly componentElements: number }
  | { readonly ok: false; readonly reason: 'doctype' | 'depth' | 'components' | 'malformed'; readonly offset: number; readonly detail: string };

export function scanXml(text: string, limits: { maxDepth: number; maxComponents: number }): XmlScan {
  let depth = 0;
  let components = 0;
  let rootName: string | null = null;
  let rootTag: string | null = null;
  const n = text.length;
  let i = text.indexOf('<');
  while (i !== -1 && i < n) {
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) return { ok: false, reason: 'malformed', offset: i, detail: 'unterminated comment' };
      i = text.indexOf('<', end + 3);
      continue;
    }
    if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end === -1) return { ok: false, reason: 'malformed', offset: i, detail: 'unterminated CDATA section' };
      i = text.indexOf('<', end + 3);
      continue;
    }
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end === -1) return { ok: false, reason: 'malformed', offset: i, detail: 'unterminated processing instruction' };
      i = text.indexOf('<', end + 2);
      continue;
    }
    if (text.startsWith('<!', i)) {
      const word = /^<!([A-Za-z]*)/.exec(text.slice(i, i + 16))?.[1] ?? '';
      return { ok: false, reason: 'doctype', offset: i, detail: `<!${word}` };
    }
    // Element tag: find its end, honouring quoted attribute values.
    let j = i + 1;
    let quote = 0;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) {
        quote = c;
      } else if (c === 0x3e) {
        break;
      }
      j += 1;
    }
    if (j >= n) return { ok: false, reason: 'malformed', offset: i, detail: 'unterminated tag' };
    if (text.charCodeAt(i + 1) === 0x2f) {
      depth -= 1;
    } else {
      const selfClosing = text.charCodeAt(j - 1) === 0x2f;
      const name = /^<([^\s/>]+)/.exec(text.slice(i, Math.min(j + 1, i + 256)))?.[1] ?? '';
      if (rootName === null) {
        rootName = name;
        rootTag = text.slice(i, Math.min(j + 1, i + 4096));
      }
      const colon = name.indexOf(':');
      if ((colon === -1 ? name : name.slice(colon + 1)) === 'component') {
        components += 1;
        if (components > limits.maxComponents) return { ok: false, reason: 'components', offset: i, detail: `more than ${limits.maxComponents} component elements` };
      }
      if (!selfClosing) {
        depth += 1;
        if (depth > limits.maxDepth) return { ok: false, reason: 'depth', offset: i, detail: `element nesting deeper than ${limits.maxDepth}` };
      }
    }
    i = text.indexOf('<', j + 1);
  }
  return { ok: true, rootName, rootTag, componentElements: components };
}
