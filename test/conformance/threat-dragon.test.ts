/**
 * Threat Dragon v2 models in ../shared/conformance/formats/threat-dragon (v2/ and v2-demo/, the models
 * the Threat Dragon project ships): reading and writing keeps every diagram, element, flow, boundary and
 * threat. Checked two ways: import → export → import gives the same model, and the export equals the
 * original file as JSON (key order aside). v1 models (v1/) read, write as v2 and read back with every
 * element, flow, boundary and threat.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readThreatDragon, writeThreatDragon } from '../../src/core/threats/threat-dragon.js';
import { canonicalJson } from '../../src/core/canonical-json.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = path.resolve(repoRoot, '..', 'shared', 'conformance', 'formats', 'threat-dragon');

function files(sub: string): string[] {
  if (!existsSync(path.join(dir, sub))) return [];
  return readdirSync(path.join(dir, sub))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(sub, f));
}

describe('Threat Dragon conformance models', () => {
  if (!existsSync(dir)) {
    it('needs ../shared/conformance', (ctx) => {
      if (process.env.CI === 'true') throw new Error(`conformance data missing in CI: ${dir}`);
      console.warn(`skipping: ${dir} not found (run with ../shared present, or CI=true to fail)`);
      ctx.skip();
    });
    return;
  }
  const v2 = [...files('v2'), ...files('v2-demo')];
  it('finds the v2 models', () => expect(v2.length).toBeGreaterThanOrEqual(10));

  for (const file of v2) {
    it(`${file}: import → export → import keeps the model; export equals the original`, () => {
      const original: unknown = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      const first = readThreatDragon(original);
      if (!first.ok) throw new Error(JSON.stringify(first.issues));
      const exported = writeThreatDragon(first.model);
      const second = readThreatDragon(JSON.parse(JSON.stringify(exported)));
      if (!second.ok) throw new Error(JSON.stringify(second.issues));
      expect(second.model).toEqual(first.model);
      // Every cell and threat of the file is in the model.
      const doc = original as { detail: { diagrams: { cells: { data?: { threats?: unknown[] } }[] }[] } };
      const cells = doc.detail.diagrams.flatMap((d) => d.cells);
      expect(first.model.elements).toHaveLength(cells.length);
      expect(first.model.threats).toHaveLength(cells.reduce((n, c) => n + (c.data?.threats?.length ?? 0), 0));
      expect(canonicalJson(exported)).toBe(canonicalJson(original));
    });
  }

  const strip = <T extends { raw: unknown }>(xs: readonly T[]) => xs.map((x) => ({ ...x, raw: null }));
  for (const file of files('v1')) {
    it(`${file}: a v1 model reads, writes as v2 and reads back with every element, flow, boundary and threat`, () => {
      const original = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
        detail: { diagrams: { diagramJson: { cells: { type: string; threats?: unknown[] }[] } }[] };
      };
      const first = readThreatDragon(original);
      if (!first.ok) throw new Error(JSON.stringify(first.issues));
      expect(first.warnings[0]).toMatch(/v1/);
      const cells = original.detail.diagrams.flatMap((d) => d.diagramJson.cells);
      expect(first.model.elements).toHaveLength(cells.length);
      expect(first.model.elements.filter((e) => e.kind === 'flow')).toHaveLength(cells.filter((c) => c.type === 'tm.Flow').length);
      expect(first.model.elements.filter((e) => e.kind === 'boundary')).toHaveLength(cells.filter((c) => c.type === 'tm.Boundary').length);
      expect(first.model.threats).toHaveLength(cells.reduce((n, c) => n + (c.threats?.length ?? 0), 0));
      const v2 = writeThreatDragon(first.model);
      const second = readThreatDragon(JSON.parse(JSON.stringify(v2)));
      if (!second.ok) throw new Error(JSON.stringify(second.issues));
      expect(strip(second.model.elements)).toEqual(strip(first.model.elements));
      expect(strip(second.model.threats)).toEqual(strip(first.model.threats));
      expect(second.model.title).toBe(first.model.title);
      const third = readThreatDragon(JSON.parse(JSON.stringify(writeThreatDragon(second.model))));
      if (!third.ok) throw new Error('third read failed');
      expect(third.model).toEqual(second.model);
    });
  }
});
