import { useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ElementT } from './api.js';
import {
  bounds,
  box,
  isLine,
  isNode,
  labelFrame,
  linePoints,
  translate,
  wrapLabel,
  type Pt,
} from './geometry.js';

/**
 * The data-flow diagram as SVG. Every element is a focusable button in the Tab order: focusing or
 * clicking selects it, arrow keys move it (Shift: 1 px), Delete removes it, Enter completes a flow
 * being drawn. Nodes can also be dragged with the mouse.
 */
export function DiagramCanvas({
  elements,
  threatCounts,
  selectedId,
  connectingFrom,
  readOnly,
  onSelect,
  onChange,
  onDelete,
  onConnect,
}: {
  elements: readonly ElementT[];
  threatCounts: ReadonlyMap<string, number>;
  selectedId: string | null;
  connectingFrom: string | null;
  readOnly: boolean;
  onSelect: (id: string | null) => void;
  onChange: (element: ElementT) => void;
  onDelete: (id: string) => void;
  onConnect: (targetId: string) => void;
}) {
  const { t } = useTranslation();
  const svg = useRef<SVGSVGElement>(null);
  const drag = useRef<{ id: string; start: Pt; origin: ElementT; moved: boolean } | null>(null);
  // The view box follows the content but is held still while dragging (no jumping).
  const [dragView, setDragView] = useState<ReturnType<typeof bounds> | null>(null);
  const byId = useMemo(() => new Map(elements.map((e) => [e.id, e])), [elements]);
  const view = useMemo(() => bounds(elements, byId), [elements, byId]);
  const vb = dragView ?? view;

  const toSvg = (clientX: number, clientY: number): Pt => {
    const el = svg.current;
    const m = el?.getScreenCTM();
    if (!el || !m) return { x: clientX, y: clientY };
    const p = new DOMPoint(clientX, clientY).matrixTransform(m.inverse());
    return { x: p.x, y: p.y };
  };

  const label = (e: ElementT) =>
    t('threats.diagram.elementLabel', {
      kind: t(`threats.kinds.${e.kind}`),
      name: e.name || t('threats.diagram.unnamed'),
      count: threatCounts.get(e.id) ?? 0,
    });

  const activate = (e: ElementT) => {
    if (connectingFrom && connectingFrom !== e.id && isNode(e) && e.kind !== 'boundary') onConnect(e.id);
    else onSelect(e.id);
  };

  const onKey = (ev: KeyboardEvent<SVGGElement>, e: ElementT) => {
    const step = ev.shiftKey ? 1 : 10;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const mv = moves[ev.key];
    if (mv && !readOnly && e.kind !== 'flow') {
      ev.preventDefault();
      onChange(translate(e, mv[0], mv[1]));
    } else if ((ev.key === 'Delete' || ev.key === 'Backspace') && !readOnly) {
      ev.preventDefault();
      onDelete(e.id);
    } else if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      activate(e);
    } else if (ev.key === 'Escape') {
      onSelect(null);
    }
  };

  const pointerDown = (ev: PointerEvent<SVGGElement>, e: ElementT) => {
    if (ev.button !== 0) return;
    if (readOnly || e.kind === 'flow') return;
    (ev.currentTarget as Element).setPointerCapture(ev.pointerId);
    drag.current = { id: e.id, start: toSvg(ev.clientX, ev.clientY), origin: e, moved: false };
  };
  const pointerMove = (ev: PointerEvent<SVGGElement>) => {
    const d = drag.current;
    if (!d) return;
    const p = toSvg(ev.clientX, ev.clientY);
    const dx = p.x - d.start.x;
    const dy = p.y - d.start.y;
    if (!d.moved && Math.abs(dx) + Math.abs(dy) < 3) return;
    if (!d.moved) setDragView(view);
    d.moved = true;
    onChange(translate(d.origin, dx, dy));
  };
  const pointerUp = () => {
    drag.current = null;
    setDragView(null);
  };

  // Boundaries first (behind), then flows, then the other nodes.
  const order = (e: ElementT) => (e.kind === 'boundary' ? 0 : e.kind === 'flow' ? 1 : 2);
  const sorted = [...elements].sort((a, b) => order(a) - order(b));

  const common = (e: ElementT) => ({
    role: 'button' as const,
    tabIndex: 0,
    'aria-label': label(e),
    'aria-pressed': e.id === selectedId,
    'data-element-id': e.id,
    'data-kind': e.kind,
    className: `dfd-el dfd-${e.kind}${e.id === selectedId ? ' is-selected' : ''}${e.outOfScope ? ' is-out' : ''}${
      connectingFrom === e.id ? ' is-source' : ''
    }`,
    onFocus: () => {
      if (!connectingFrom) onSelect(e.id);
    },
    onClick: () => activate(e),
    onKeyDown: (ev: KeyboardEvent<SVGGElement>) => onKey(ev, e),
    onPointerDown: (ev: PointerEvent<SVGGElement>) => pointerDown(ev, e),
    onPointerMove: pointerMove,
    onPointerUp: pointerUp,
    onPointerCancel: pointerUp,
  });

  return (
    <svg
      ref={svg}
      className={`dfd${connectingFrom ? ' is-connecting' : ''}`}
      viewBox={`${vb.x} ${vb.y} ${vb.width} ${vb.height}`}
      role="group"
      aria-label={t('threats.diagram.canvasLabel')}
      aria-describedby="dfd-help"
      onPointerDown={(ev) => {
        if (ev.target === svg.current) onSelect(null);
      }}
    >
      <defs>
        <marker
          id="dfd-arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="8"
          markerHeight="8"
          orient="auto-start-reverse"
        >
          <path d="M0 0L10 5L0 10z" fill="currentColor" />
        </marker>
      </defs>
      <rect
        x={vb.x}
        y={vb.y}
        width={vb.width}
        height={vb.height}
        className="dfd-bg"
        onPointerDown={() => onSelect(null)}
      />
      {sorted.map((e) => {
        const threats = threatCounts.get(e.id) ?? 0;
        if (e.kind === 'flow' || isLine(e)) {
          const pts = linePoints(e, byId);
          if (!pts) return null;
          const d = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
          const mid = pts[Math.floor((pts.length - 1) / 2)]!;
          const next = pts[Math.floor((pts.length - 1) / 2) + 1] ?? mid;
          const lx = (mid.x + next.x) / 2;
          const ly = (mid.y + next.y) / 2;
          return (
            <g key={e.id} {...common(e)}>
              <path d={d} className="dfd-hit" />
              <path
                d={d}
                className="dfd-line"
                markerEnd={e.kind === 'flow' ? 'url(#dfd-arrow)' : undefined}
              />
              <Label
                text={`${e.name}${threats ? ` (${threats})` : ''}`}
                element={e}
                x={lx}
                lastBaseline={ly - 8}
                className="dfd-label dfd-flow-label"
                anchor="middle"
              />
            </g>
          );
        }
        const b = box(e);
        const cx = b.x + b.width / 2;
        const cy = b.y + b.height / 2;
        return (
          <g key={e.id} {...common(e)}>
            {e.kind === 'process' ? (
              <ellipse cx={cx} cy={cy} rx={b.width / 2} ry={b.height / 2} className="dfd-shape" />
            ) : e.kind === 'store' ? (
              <>
                <rect
                  x={b.x}
                  y={b.y}
                  width={b.width}
                  height={b.height}
                  className="dfd-shape dfd-store-fill"
                />
                <path
                  d={`M${b.x} ${b.y}H${b.x + b.width}M${b.x} ${b.y + b.height}H${b.x + b.width}`}
                  className="dfd-store-lines"
                />
              </>
            ) : e.kind === 'boundary' ? (
              <rect x={b.x} y={b.y} width={b.width} height={b.height} rx={10} className="dfd-shape" />
            ) : e.kind === 'text' ? (
              <rect x={b.x} y={b.y} width={b.width} height={b.height} className="dfd-shape dfd-text-box" />
            ) : (
              <rect
                x={b.x}
                y={b.y}
                width={b.width}
                height={b.height}
                rx={e.kind === 'actor' ? 2 : 8}
                className="dfd-shape"
              />
            )}
            {e.kind === 'boundary' ? (
              <Label
                text={e.name || t('threats.diagram.unnamed')}
                element={e}
                x={b.x + 10}
                firstBaseline={b.y + 20}
                className="dfd-label"
                anchor="start"
              />
            ) : (
              <Label
                text={e.name || t('threats.diagram.unnamed')}
                element={e}
                x={cx}
                middle={cy}
                className="dfd-label"
                anchor="middle"
              />
            )}
            {threats > 0 && e.kind !== 'boundary' ? (
              <g className="dfd-badge" aria-hidden="true">
                <circle cx={b.x + b.width - 6} cy={b.y + 6} r={11} />
                <text x={b.x + b.width - 6} y={b.y + 10} textAnchor="middle">
                  {threats}
                </text>
              </g>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

/**
 * A label wrapped to its shape (`labelFrame`, `wrapLabel`): placed by its first baseline, its last
 * baseline (flow labels sit above their line) or its vertical middle. A shortened label keeps the
 * whole text as its tooltip.
 */
function Label({
  text,
  element,
  x,
  firstBaseline,
  lastBaseline,
  middle,
  className,
  anchor,
}: {
  text: string;
  element: ElementT;
  x: number;
  firstBaseline?: number;
  lastBaseline?: number;
  middle?: number;
  className: string;
  anchor: 'start' | 'middle';
}) {
  const frame = labelFrame(element);
  const { lines, truncated } = wrapLabel(text, frame.maxWidth, frame.maxLines, frame.fontSize);
  const lineHeight = Math.round(frame.fontSize * 1.25);
  const first =
    firstBaseline ??
    (lastBaseline !== undefined
      ? lastBaseline - (lines.length - 1) * lineHeight
      : (middle ?? 0) - ((lines.length - 1) * lineHeight) / 2 + frame.fontSize * 0.38);
  return (
    <text x={x} y={first} className={className} textAnchor={anchor} data-lines={lines.length}>
      {truncated ? <title>{text}</title> : null}
      {lines.map((line, i) => (
        <tspan key={i} x={x} dy={i === 0 ? 0 : lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  );
}
