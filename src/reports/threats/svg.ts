/**
 * A threat model diagram as inline SVG, drawn from the element positions (Threat Dragon layout):
 * boxes for processes/stores/actors, dashed boxes for trust boundaries, arrows for data flows.
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

export function diagramSvg(diagram: Diagram, elements: readonly Element[], title: string): string {
  const mine = elements.filter((e) => e.diagramId === diagram.id);
  const byId = new Map(mine.map((e) => [e.id, e]));
  const boxes = mine.filter((e) => e.kind !== 'flow' && e.position);
  const flows = mine
    .filter((e) => e.kind === 'flow' || (e.kind === 'boundary' && !e.position))
    .map((e) => ({ e, from: endpoint(e.source, byId), to: endpoint(e.target, byId) }))
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
      const label = `<text x="${c.x}" y="${c.y}" text-anchor="middle" dominant-baseline="middle" font-size="11">${esc(b.name)}</text>`;
      if (b.kind === 'boundary') return `<rect x="${x}" y="${y}" width="${s.width}" height="${s.height}" fill="none" stroke="#c00" stroke-dasharray="6 4"/><text x="${x + 4}" y="${y + 12}" font-size="10" fill="#c00">${esc(b.name)}</text>`;
      if (b.kind === 'process') return `<ellipse cx="${c.x}" cy="${c.y}" rx="${s.width / 2}" ry="${s.height / 2}" fill="#eef4ff" stroke="#333"/>${label}`;
      if (b.kind === 'store') return `<line x1="${x}" y1="${y}" x2="${x + s.width}" y2="${y}" stroke="#333"/><line x1="${x}" y1="${y + s.height}" x2="${x + s.width}" y2="${y + s.height}" stroke="#333"/>${label}`;
      if (b.kind === 'text') return label;
      return `<rect x="${x}" y="${y}" width="${s.width}" height="${s.height}" fill="#fff" stroke="#333"/>${label}`;
    })
    .join('');
  const lines = flows
    .map(({ e, from, to }) => {
      const pts = [from, ...e.vertices, to];
      const mid = pts[Math.floor(pts.length / 2)]!;
      const prev = pts[Math.floor(pts.length / 2) - 1] ?? from;
      const lx = (mid.x + prev.x) / 2;
      const ly = (mid.y + prev.y) / 2;
      const boundary = e.kind === 'boundary';
      return `<polyline points="${pts.map((p) => `${p.x},${p.y}`).join(' ')}" fill="none" stroke="${boundary ? '#c00' : '#333'}"${boundary ? ' stroke-dasharray="6 4"' : ' marker-end="url(#arrow)"'}/>${e.name ? `<text x="${lx}" y="${ly - 3}" text-anchor="middle" font-size="10" fill="${boundary ? '#c00' : '#06c'}">${esc(e.name)}</text>` : ''}`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" viewBox="${minX} ${minY} ${w} ${h}" style="max-width:100%;max-height:110mm;border:1px solid #ccc"><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>${shapes}${lines}</svg>`;
}
