/**
 * A threat model diagram as inline SVG, drawn from the element positions (Threat Dragon layout):
 * boxes for processes/stores/actors, dashed boxes for trust boundaries, arrows for data flows.
 * Flows start and end at the edge of their elements (not their centres, where the labels are), labels
 * wrap to the width of their shape and have a white halo, so no line strikes through a name.
 * Returns '' when the diagram has no positioned elements (nothing sensible to draw).
 */
import type { Diagram, Element, Endpoint, Point } from '../../core/threats/model.js';
import { esc } from '../compliance/parts.js';

const isPoint = (e: Endpoint): e is Point => 'x' in e;
const dims = (e: Element) => e.size ?? { width: 100, height: 60 };

function centre(e: Element): Point | null {
  if (!e.position) return null;
  const s = dims(e);
  return { x: e.position.x + s.width / 2, y: e.position.y + s.height / 2 };
}

function endpoint(ep: Endpoint | null, byId: ReadonlyMap<string, Element>): Point | null {
  if (!ep) return null;
  if (isPoint(ep)) return ep;
  const el = byId.get(ep.elementId);
  return el ? centre(el) : null;
}

const elementOf = (ep: Endpoint | null, byId: ReadonlyMap<string, Element>): Element | null => (ep && !isPoint(ep) ? (byId.get(ep.elementId) ?? null) : null);

/** Where the line from the element's centre towards `toward` leaves the element's shape (ellipse for a process, else its box). */
export function edgePoint(e: Element, toward: Point): Point {
  const c = centre(e)!;
  const s = dims(e);
  const dx = toward.x - c.x;
  const dy = toward.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const rx = s.width / 2;
  const ry = s.height / 2;
  const k = e.kind === 'process' ? 1 / Math.sqrt((dx * dx) / (rx * rx) + (dy * dy) / (ry * ry)) : Math.min(dx === 0 ? Infinity : rx / Math.abs(dx), dy === 0 ? Infinity : ry / Math.abs(dy));
  return k >= 1 ? c : { x: Math.round((c.x + dx * k) * 10) / 10, y: Math.round((c.y + dy * k) * 10) / 10 };
}

/** Rough text width at a font size: CJK characters are square, Latin ones about 0.56 em. */
const textWidth = (s: string, size: number) => [...s].reduce((w, ch) => w + (ch.codePointAt(0)! >= 0x2e80 ? size : size * 0.56), 0);

/** A name in lines no wider than `max` (broken at spaces, or between CJK characters). */
export function wrapLabel(name: string, max: number, size: number): string[] {
  const tokens = name.match(/[\u2e80-\uffff]|[^\s\u2e80-\uffff]+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const tok of tokens) {
    const cjk = tok.codePointAt(0)! >= 0x2e80;
    const joined = line === '' ? tok : cjk || /[\u2e80-\uffff]$/.test(line) ? line + tok : `${line} ${tok}`;
    if (line !== '' && textWidth(joined, size) > max) {
      lines.push(line);
      line = tok;
    } else line = joined;
  }
  if (line !== '') lines.push(line);
  return lines;
}

const halo = 'paint-order="stroke" stroke="#fff" stroke-width="3" stroke-linejoin="round"';

export function diagramSvg(diagram: Diagram, elements: readonly Element[], title: string): string {
  const mine = elements.filter((e) => e.diagramId === diagram.id);
  const byId = new Map(mine.map((e) => [e.id, e]));
  const boxes = mine.filter((e) => e.kind !== 'flow' && e.position);
  const flows = mine
    .filter((e) => e.kind === 'flow' || (e.kind === 'boundary' && !e.position))
    .map((e) => {
      const from = endpoint(e.source, byId);
      const to = endpoint(e.target, byId);
      if (!from || !to) return { e, from, to };
      // Clip each end to the edge of its element, aiming at the neighbouring point of the line.
      const src = elementOf(e.source, byId);
      const dst = elementOf(e.target, byId);
      const next = e.vertices[0] ?? to;
      const prev = e.vertices[e.vertices.length - 1] ?? from;
      return { e, from: src ? edgePoint(src, next) : from, to: dst ? edgePoint(dst, prev) : to };
    })
    .filter((f): f is { e: Element; from: Point; to: Point } => f.from !== null && f.to !== null);
  if (boxes.length === 0) return '';
  const xs: number[] = [];
  const ys: number[] = [];
  for (const b of boxes) {
    const s = dims(b);
    xs.push(b.position!.x, b.position!.x + s.width);
    ys.push(b.position!.y, b.position!.y + s.height);
  }
  for (const f of flows)
    for (const p of [f.from, f.to, ...f.e.vertices]) {
      xs.push(p.x);
      ys.push(p.y);
    }
  const pad = 20;
  const minX = Math.min(...xs) - pad;
  const minY = Math.min(...ys) - pad;
  const w = Math.max(...xs) - minX + pad;
  const h = Math.max(...ys) - minY + pad;
  const shapes = boxes
    .map((b) => {
      const { x, y } = b.position!;
      const s = dims(b);
      const c = centre(b)!;
      const lines = wrapLabel(b.name, b.kind === 'process' ? s.width * 0.72 : s.width - 8, 11);
      const first = c.y - ((lines.length - 1) * 13) / 2;
      const label = `<text x="${c.x}" y="${first}" text-anchor="middle" dominant-baseline="middle" font-size="11" ${halo}>${lines.map((l, i) => `<tspan x="${c.x}" y="${first + i * 13}">${esc(l)}</tspan>`).join('')}</text>`;
      // Shapes first, then the flows, then the names on top of both.
      if (b.kind === 'boundary') return { shape: `<rect x="${x}" y="${y}" width="${s.width}" height="${s.height}" fill="none" stroke="#c00" stroke-dasharray="6 4"/>`, label: `<text x="${x + 4}" y="${y + 12}" font-size="10" fill="#c00" ${halo}>${esc(b.name)}</text>` };
      if (b.kind === 'process') return { shape: `<ellipse cx="${c.x}" cy="${c.y}" rx="${s.width / 2}" ry="${s.height / 2}" fill="#eef4ff" stroke="#333"/>`, label };
      if (b.kind === 'store') return { shape: `<line x1="${x}" y1="${y}" x2="${x + s.width}" y2="${y}" stroke="#333"/><line x1="${x}" y1="${y + s.height}" x2="${x + s.width}" y2="${y + s.height}" stroke="#333"/>`, label };
      if (b.kind === 'text') return { shape: '', label };
      return { shape: `<rect x="${x}" y="${y}" width="${s.width}" height="${s.height}" fill="#fff" stroke="#333"/>`, label };
    });
  const lines = flows
    .map(({ e, from, to }) => {
      const pts = [from, ...e.vertices, to];
      const mid = pts[Math.floor(pts.length / 2)]!;
      const prev = pts[Math.floor(pts.length / 2) - 1] ?? from;
      const lx = (mid.x + prev.x) / 2;
      const ly = (mid.y + prev.y) / 2;
      const boundary = e.kind === 'boundary';
      return `<polyline points="${pts.map((p) => `${p.x},${p.y}`).join(' ')}" fill="none" stroke="${boundary ? '#c00' : '#333'}"${boundary ? ' stroke-dasharray="6 4"' : ' marker-end="url(#arrow)"'}/>${e.name ? `<text x="${lx}" y="${ly - 3}" text-anchor="middle" font-size="10" fill="${boundary ? '#c00' : '#06c'}" ${halo}>${esc(e.name)}</text>` : ''}`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" viewBox="${minX} ${minY} ${w} ${h}" style="max-width:100%;max-height:110mm;border:1px solid #ccc"><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>${shapes.map((x) => x.shape).join('')}${lines}${shapes.map((x) => x.label).join('')}</svg>`;
}
