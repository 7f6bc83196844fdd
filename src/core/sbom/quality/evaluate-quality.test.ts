import { describe, expect, it } from 'vitest';
import { component } from '../model.js';
import { evaluateQuality } from './evaluate-quality.js';
import { compliantComponent, compliantContext, compliantDocument } from './quality-fixture.js';

describe('evaluateQuality score and fix-it list', () => {
  // NTIA 2021 profile weights: 5 required document checks (×2) + 2 recommended (×1) + 5 required
  // component checks (×2) + 1 recommended (×1) = 23.
  const four = [
    compliantComponent('a', 'a', '1.0.0'),
    compliantComponent('b', 'b', '1.0.0', { supplier: null }),
    compliantComponent('c', 'c', '1.0.0', { version: null }),
    compliantComponent('d', 'd', '1.0.0', { version: null }),
  ];

  it('computes the weighted score: 100 × Σ(weight × ratio) / Σ weight', () => {
    const r = evaluateQuality(compliantDocument(four), 'ntia-2021', compliantContext);
    // supplier 3/4, version 2/4: 100 × (23 − 2×0.25 − 2×0.5) / 23 = 93.478…
    expect(r.score.overall).toBe(93.5);
    expect(r.score.document).toBe(100);
    // component part: weight 11, lost 1.5 → 100 × 9.5 / 11 = 86.36…
    expect(r.score.components).toBe(86.4);
    expect(r.verdict).toBe('fail');
    expect(r.counts).toMatchObject({
      components: 4,
      componentsFailing: 3,
      requiredFailed: 2,
      recommendedFailed: 0,
    });
    const version = r.checks.find((c) => c.id === 'component.version')!;
    expect(version).toMatchObject({ status: 'fail', evaluated: 4, passed: 2, failed: 2, score: 50 });
    expect(version.failingComponents.map((f) => f.bomRef)).toEqual(['c', 'd']);
  });

  it('orders fixes by components repaired, with score gain', () => {
    const r = evaluateQuality(compliantDocument(four), 'ntia-2021', compliantContext);
    expect(r.fixes.map((f) => [f.checkId, f.componentsRepaired, f.scoreGain])).toEqual([
      ['component.version', 2, 4.3],
      ['component.supplier', 1, 2.2],
    ]);
  });

  it('puts required before recommended and counts a document fix as touching every component', () => {
    const d = compliantDocument(four);
    const broken = {
      ...d,
      metadata: { ...d.metadata, authors: [], supplier: null, component: null },
    };
    const r = evaluateQuality(broken, 'ntia-2021', compliantContext);
    expect(r.fixes.map((f) => f.checkId)).toEqual([
      'document.author', // required, document-level: impact = 4 components
      'component.version', // required, 2 components
      'component.supplier', // required, 1 component
      'document.primary-component', // recommended
      'document.dependencies.resolve', // recommended (the dependency on 'product' no longer resolves)
    ]);
  });

  it('caps the failing-component list but keeps the full count', () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      compliantComponent(`c${String(i).padStart(2, '0')}`, `n${i}`, '1.0.0', { supplier: null }),
    );
    const r = evaluateQuality(compliantDocument(many), 'ntia-2021', compliantContext);
    const supplier = r.checks.find((c) => c.id === 'component.supplier')!;
    expect(supplier.failed).toBe(30);
    expect(supplier.failingComponents).toHaveLength(20);
    expect(supplier.failingComponents[0]).toEqual({
      bomRef: 'c00',
      group: null,
      name: 'n0',
      version: '1.0.0',
      detail: 'supplier',
    });
    const r5 = evaluateQuality(compliantDocument(many), 'ntia-2021', compliantContext, {
      maxListedComponents: 5,
    });
    expect(r5.checks.find((c) => c.id === 'component.supplier')!.failingComponents).toHaveLength(5);
  });

  it('reports per-component results for every check, nested components included', () => {
    const inner = compliantComponent('inner', 'inner', '1.0.0', { supplier: null });
    const outer = compliantComponent('outer', 'outer', '1.0.0', { components: [inner] });
    const r = evaluateQuality(compliantDocument([outer]), 'ntia-2021', compliantContext);
    expect(r.components.map((c) => [c.bomRef, c.depth, c.status, c.failedRequired])).toEqual([
      ['outer', 0, 'pass', []],
      ['inner', 1, 'fail', ['component.supplier']],
    ]);
    expect(r.components[1]!.results.map((x) => x.checkId)).toEqual([
      'component.supplier',
      'component.name',
      'component.version',
      'component.identifier',
      'component.relationship',
      'component.identifier.syntax',
    ]);
  });

  it('leaves not-applicable checks out of the score', () => {
    const plain = component({
      bomRef: 'x',
      name: 'x',
      version: '1',
      supplier: { name: 'S', url: [], contact: [] },
      swid: { tagId: 'tag', name: 'x', version: '1' },
    });
    const r = evaluateQuality(compliantDocument([plain]), 'ntia-2021', compliantContext);
    const syntax = r.checks.find((c) => c.id === 'component.identifier.syntax')!;
    expect(syntax).toMatchObject({ status: 'not-applicable', score: null, evaluated: 0 });
    expect(r.score.overall).toBe(100);
  });

  it('gives no component score for an SBOM without components (and fails it)', () => {
    const r = evaluateQuality({ ...compliantDocument([]), dependencies: [] }, 'ntia-2021', compliantContext);
    expect(r.score.components).toBeNull();
    expect(r.verdict).toBe('fail');
  });

  it('is deterministic', () => {
    const a = JSON.stringify(evaluateQuality(compliantDocument(four), 'fda'));
    const b = JSON.stringify(evaluateQuality(compliantDocument(four), 'fda'));
    expect(a).toBe(b);
  });
});
