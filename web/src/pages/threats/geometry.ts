/** Layout of the data-flow diagram: default sizes, centres, where a flow meets a shape, bounds. */
import { isEastAsianWide } from '../../../../src/core/east-asian-width.js';
import type { ElementT } from './api.js';

export interface Pt {
  readonly x: number;
  readonly y: number;
}

export const defaultSize: Record<string, { width: number; height: number }> = {
  process: { width: 110, height: 110 },
  store: { width: 160, height: 64 },
  actor: { width: 150, height: 64 },
  boundary: { width: 320, height: 220 },
  asset: { width: 150, height: 64 },
  entry_point: { width: 120, height: 50 },
  text: { width: 140, height: 32 },
};

export const isNode = (e: ElementT) => e.kind !== 'flow' && !(e.kind === 'boundary' && isLine(e));

/** A boundary drawn as a curve (Threat Dragon's trust-boundary-curve) rather than a box. */
export function isLine(e: ElementT): boolean {
  return (
    e.kind === 'boundary' &&
    (e.position === null || e.size === null) &&
    e.source !== null &&
    e.target !== null
  );
}

export function box(e: ElementT): { x: number; y: number; width: number; height: number } {
  const size = e.size ?? defaultSize[e.kind] ?? { width: 120, height: 60 };
  const pos = e.position ?? { x: 0, y: 0 };
  return { x: pos.x, y: pos.y, width: size.width, height: size.height };
}

export function center(e: ElementT): Pt {
  const b = box(e);
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

type Endpoint = ElementT['source'];

export function endpointElement(ep: Endpoint, byId: ReadonlyMap<string, ElementT>): ElementT | null {
  return ep && 'elementId' in ep ? (byId.get(ep.elementId) ?? null) : null;
}

export function endpointPoint(ep: Endpoint, byId: ReadonlyMap<string, ElementT>): Pt | null {
  if (!ep) return null;
  if ('elementId' in ep) {
    const e = byId.get(ep.elementId);
    return e ? center(e) : null;
  }
  return { x: ep.x, y: ep.y };
}

/** Where the ray from the element's centre towards `toward` leaves its shape (ellipse for processes). */
export function clip(e: ElementT, toward: Pt): Pt {
  const b = box(e);
  const c = center(e);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const rx = b.width / 2;
  const ry = b.height / 2;
  const t =
    e.kind === 'process'
      ? 1 / Math.sqrt((dx / rx) ** 2 + (dy / ry) ** 2)
      : Math.min(dx === 0 ? Infinity : rx / Math.abs(dx), dy === 0 ? Infinity : ry / Math.abs(dy));
  return { x: c.x + dx * Math.min(t, 1), y: c.y + dy * Math.min(t, 1) };
}

/** The polyline of a flow or line boundary, ends clipped at the shapes they attach to. */
export function linePoints(e: ElementT, byId: ReadonlyMap<string, ElementT>): Pt[] | null {
  const s = endpointPoint(e.source, byId);
  const t = endpointPoint(e.target, byId);
  if (!s || !t) return null;
  const mids = e.vertices.map((v) => ({ x: v.x, y: v.y }));
  const first = mids[0] ?? t;
  const last = mids[mids.length - 1] ?? s;
  const se = endpointElement(e.source, byId);
  const te = endpointElement(e.target, byId);
  return [se ? clip(se, first) : s, ...mids, te ? clip(te, last) : t];
}

/** The element moved by (dx, dy): its box, or its free end points and bends. */
export function translate(e: ElementT, dx: number, dy: number): ElementT {
  const move = (p: Pt) => ({ x: Math.round(p.x + dx), y: Math.round(p.y + dy) });
  const moveEnd = (ep: Endpoint): Endpoint => (ep && !('elementId' in ep) ? move(ep) : ep);
  return {
    ...e,
    position: e.position ? move(e.position) : e.position,
    source: moveEnd(e.source),
    target: moveEnd(e.target),
    vertices: e.kind === 'boundary' || e.kind === 'flow' ? e.vertices.map(move) : e.vertices,
  };
}

export function bounds(elements: readonly ElementT[], byId: ReadonlyMap<string, ElementT>) {
  let minX = 0;
  let minY = 0;
  let maxX = 800;
  let maxY = 480;
  const add = (p: Pt) => {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  };
  for (const e of elements) {
    if (isNode(e)) {
      const b = box(e);
      add({ x: b.x, y: b.y });
      add({ x: b.x + b.width, y: b.y + b.height });
    } else {
      for (const p of linePoints(e, byId) ?? []) add(p);
    }
  }
  return { x: minX - 40, y: minY - 40, width: maxX - minX + 80, height: maxY - minY + 80 };
}

/**
 * A free spot for a new element of `size`: the first cell of a grid (as many columns as fit in the
 * canvas's initial 800 px, at least one) where the element overlaps no other node, boundary box or
 * flow label, with a 20 px margin. Nodes use cells of 200 × 160 (rows of four); a boundary uses
 * cells of its own size, so a new boundary never lands on top of what is already drawn.
 */
export function freeSpot(
  elements: readonly ElementT[],
  size: { width: number; height: number } = { width: 150, height: 100 },
): Pt {
  const byId = new Map(elements.map((e) => [e.id, e]));
  const boxes = elements.filter(isNode).map(box);
  for (const e of elements) {
    const pts = e.kind === 'flow' ? linePoints(e, byId) : null;
    if (!pts) continue;
    const a = pts[Math.floor((pts.length - 1) / 2)]!;
    const b = pts[Math.floor((pts.length - 1) / 2) + 1] ?? a;
    boxes.push({ x: (a.x + b.x) / 2 - 50, y: (a.y + b.y) / 2 - 24, width: 100, height: 28 });
  }
  const cellW = Math.max(200, size.width + 40);
  const cellH = Math.max(160, size.height + 40);
  const cols = Math.max(1, Math.floor(800 / cellW));
  const w = Math.max(170, size.width + 20);
  const h = Math.max(120, size.height + 20);
  for (let n = 0; n < 400; n++) {
    const p = { x: 40 + (n % cols) * cellW, y: 40 + Math.floor(n / cols) * cellH };
    const clash = boxes.some(
      (b) => p.x < b.x + b.width + 20 && p.x + w > b.x && p.y < b.y + b.height + 20 && p.y + h > b.y,
    );
    if (!clash) return p;
  }
  return { x: 40, y: 40 };
}

/** Estimated advance of one character at `fontSize` px: full width for CJK and full-width forms. */
function charWidth(ch: string, fontSize: number): number {
  const c = ch.codePointAt(0)!;
  if (c >= 0xff61 && c <= 0xff9f) return fontSize * 0.5; // half-width katakana
  if (isEastAsianWide(c)) return fontSize;
  if (ch === ' ') return fontSize * 0.3;
  if (/[A-Z0-9MWmw@%&]/.test(ch)) return fontSize * 0.68;
  if (/[iljtf.,:;'!|()[\]]/.test(ch)) return fontSize * 0.32;
  return fontSize * 0.56;
}

const isWide = (ch: string) => isEastAsianWide(ch.codePointAt(0)!);
// A line does not begin with closing punctuation or a prolonged sound mark (Japanese line breaking).
const noLineStart = new Set([
  ...'、。，．・：；？！ー）」』】〉》〕］｝ぁぃぅぇぉっゃゅょァィゥェォッャュョ,.;:!?)]}',
]);

/**
 * A label split into at most `maxLines` lines of at most `maxWidth` px (estimated), breaking at
 * spaces, between CJK characters (not before closing punctuation) and, for a word longer than a
 * line, inside the word. `truncated` says whether the last line was cut short with "…".
 */
export function wrapLabel(
  text: string,
  maxWidth: number,
  maxLines: number,
  fontSize: number,
): { lines: string[]; truncated: boolean } {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  // Break opportunities: after a space, between two characters when either is wide (unless the
  // next one may not start a line).
  const tokens: string[] = [];
  let cur = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    cur += ch;
    const next = chars[i + 1];
    const breakAfter =
      next === undefined ||
      ch === ' ' ||
      ((isWide(ch) || isWide(next)) && next !== ' ' && !noLineStart.has(next));
    if (breakAfter) {
      tokens.push(cur);
      cur = '';
    }
  }
  const width = (s: string) => [...s].reduce((w, ch) => w + charWidth(ch, fontSize), 0);
  const lines: string[] = [];
  let line = '';
  const push = () => {
    lines.push(line.trimEnd());
    line = '';
  };
  for (const token of tokens) {
    if (width(line + token.trimEnd()) <= maxWidth) {
      line += token;
      continue;
    }
    if (line.trim() !== '') push();
    // A token wider than a whole line is split where it must be.
    let rest = token;
    while (width(rest.trimEnd()) > maxWidth) {
      let part = '';
      for (const ch of rest) {
        if (part !== '' && width(part + ch) > maxWidth) break;
        part += ch;
      }
      line = part;
      push();
      rest = rest.slice(part.length);
    }
    line = rest;
  }
  if (line.trim() !== '') push();
  if (lines.length <= maxLines) return { lines, truncated: false };
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  const ellipsis = '…';
  while (last !== '' && width(last + ellipsis) > maxWidth) last = [...last].slice(0, -1).join('');
  kept[maxLines - 1] = last.trimEnd() + ellipsis;
  return { lines: kept, truncated: true };
}

/** Width, line count and font size a node's label is wrapped to, by the kind and size of its shape. */
export function labelFrame(e: ElementT): { maxWidth: number; maxLines: number; fontSize: number } {
  const b = box(e);
  if (e.kind === 'boundary') return { maxWidth: Math.max(40, b.width - 20), maxLines: 1, fontSize: 12 };
  if (e.kind === 'flow') return { maxWidth: 160, maxLines: 2, fontSize: 12 };
  // An ellipse is narrower away from its middle: keep the text inside its central band.
  const maxWidth = Math.max(40, e.kind === 'process' ? b.width * 0.78 : b.width - 16);
  const maxLines = Math.max(
    1,
    Math.min(4, Math.floor((b.height * (e.kind === 'process' ? 0.7 : 1) - 8) / 16)),
  );
  return { maxWidth, maxLines, fontSize: 13 };
}
