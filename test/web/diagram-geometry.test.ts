/**
 * The threat-model diagram's layout helpers (web/src/pages/threats/geometry.ts): labels wrapped to
 * their shapes instead of running out of them, and new elements placed where nothing is drawn.
 */
import { describe, expect, it } from 'vitest';
import type { ElementT } from '../../web/src/pages/threats/api.js';
import { box, defaultSize, freeSpot, labelFrame, wrapLabel } from '../../web/src/pages/threats/geometry.js';

const element = (id: string, kind: ElementT['kind'], x: number, y: number, name = id): ElementT => ({
  id,
  kind,
  diagramId: 'd',
  name,
  description: '',
  position: { x, y },
  size: defaultSize[kind] ?? null,
  source: null,
  target: null,
  vertices: [],
  outOfScope: false,
  reasonOutOfScope: '',
  properties: {},
  raw: null,
});

const overlaps = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) =>
  a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;

describe('wrapLabel', () => {
  it('keeps a short label on one line', () => {
    expect(wrapLabel('Pump control', 90, 3, 13)).toEqual({ lines: ['Pump control'], truncated: false });
  });

  it('breaks English at spaces and never makes a line wider than asked', () => {
    const { lines, truncated } = wrapLabel('Infusion pump dose calculation service', 86, 4, 13);
    expect(truncated).toBe(false);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('Infusion pump dose calculation service');
    for (const line of lines) expect(line).not.toMatch(/^\s|\s$/);
  });

  it('breaks Japanese between characters, not before closing punctuation', () => {
    const { lines } = wrapLabel('投与量パラメータ、設定値の検証', 6 * 13, 4, 13);
    expect(lines.join('')).toBe('投与量パラメータ、設定値の検証');
    for (const line of lines) {
      expect([...line].length).toBeLessThanOrEqual(6);
      expect(line.startsWith('、')).toBe(false);
    }
  });

  it('splits a word longer than a line', () => {
    const { lines } = wrapLabel('x'.repeat(40), 60, 10, 13);
    expect(lines.join('')).toBe('x'.repeat(40));
    expect(lines.length).toBeGreaterThan(2);
  });

  it('cuts what does not fit in the lines allowed, with an ellipsis', () => {
    const { lines, truncated } = wrapLabel(
      '病院ネットワーク上の輸液ポンプ管理サーバと通信する投与指示ゲートウェイ',
      5 * 13,
      2,
      13,
    );
    expect(truncated).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect([...lines[1]!].length).toBeLessThanOrEqual(5);
  });

  it('fits a node label inside its shape', () => {
    const process = element('p', 'process', 0, 0);
    const frame = labelFrame(process);
    expect(frame.maxWidth).toBeLessThan(box(process).width);
    expect(frame.maxLines).toBeGreaterThanOrEqual(2);
    expect(labelFrame(element('b', 'boundary', 0, 0)).maxLines).toBe(1);
  });
});

describe('freeSpot', () => {
  it('places a new node clear of the nodes already drawn', () => {
    const elements = [
      element('a', 'process', 40, 40),
      element('b', 'store', 240, 40),
      element('c', 'actor', 440, 40),
    ];
    const p = freeSpot(elements, defaultSize.store);
    const placed = { ...p, ...defaultSize.store! };
    for (const e of elements) expect(overlaps(placed, box(e))).toBe(false);
  });

  it('places a new trust boundary where it covers nothing (it used to land on the top left)', () => {
    const elements = [
      element('a', 'process', 40, 40),
      element('b', 'actor', 300, 60),
      element('z', 'boundary', 20, 20),
    ];
    const p = freeSpot(elements, defaultSize.boundary);
    const placed = { ...p, ...defaultSize.boundary! };
    for (const e of elements) expect(overlaps(placed, box(e))).toBe(false);
  });

  it('starts at the top left of an empty diagram', () => {
    expect(freeSpot([], defaultSize.boundary)).toEqual({ x: 40, y: 40 });
    expect(freeSpot([])).toEqual({ x: 40, y: 40 });
  });
});
