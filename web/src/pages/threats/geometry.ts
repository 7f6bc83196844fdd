/** Layout of the data-flow diagram: default sizes, centres, where a flow meets a shape, bounds. */
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

/** A free spot for a new node: the first grid cell (rows of four) that no other node overlaps. */
export function freeSpot(elements: readonly ElementT[]): Pt {
  // Avoid other nodes, boundary boxes (a new node should not land inside one by accident) and flow labels.
  const byId = new Map(elements.map((e) => [e.id, e]));
  const boxes = elements.filter(isNode).map(box);
  for (const e of elements) {
    const pts = e.kind === 'flow' ? linePoints(e, byId) : null;
    if (!pts) continue;
    const a = pts[Math.floor((pts.length - 1) / 2)]!;
    const b = pts[Math.floor((pts.length - 1) / 2) + 1] ?? a;
    boxes.push({ x: (a.x + b.x) / 2 - 50, y: (a.y + b.y) / 2 - 24, width: 100, height: 28 });
  }
  for (let n = 0; n < 400; n++) {
    const p = { x: 40 + (n % 4) * 200, y: 40 + Math.floor(n / 4) * 160 };
    const clash = boxes.some(
      (b) => p.x < b.x + b.width + 20 && p.x + 170 > b.x && p.y < b.y + b.height + 20 && p.y + 120 > b.y,
    );
    if (!clash) return p;
  }
  return { x: 40, y: 40 };
}
