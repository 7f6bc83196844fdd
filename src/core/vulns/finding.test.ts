import { describe, expect, it } from 'vitest';
import { componentMatchKey, cpeMatchingModes, cpeSwitches } from './finding.js';

describe('cpeSwitches', () => {
  const withPurl = { purl: 'pkg:npm/x@1', cpe: 'cpe:2.3:a:x:x:1:*:*:*:*:*:*:*' };
  const cpeOnly = { purl: null, cpe: 'cpe:2.3:o:amazon:freertos:10.4.3:*:*:*:*:*:*:*' };
  const neither = { purl: 'pkg:npm/x@1', cpe: null };

  it('off: never', () => {
    for (const c of [withPurl, cpeOnly, neither])
      expect(cpeSwitches('off', c)).toEqual({ cpeMatching: false, cpeWithPurl: false });
  });
  it('without_purl: on for a component with a CPE (used when its purl is missing or unusable), never beside a usable purl', () => {
    expect(cpeSwitches('without_purl', cpeOnly)).toEqual({ cpeMatching: true, cpeWithPurl: false });
    expect(cpeSwitches('without_purl', withPurl)).toEqual({ cpeMatching: true, cpeWithPurl: false });
    expect(cpeSwitches('without_purl', neither)).toEqual({ cpeMatching: false, cpeWithPurl: false });
  });
  it('all: also beside a purl; nothing without a CPE', () => {
    expect(cpeSwitches('all', withPurl)).toEqual({ cpeMatching: true, cpeWithPurl: true });
    expect(cpeSwitches('all', neither)).toEqual({ cpeMatching: false, cpeWithPurl: false });
  });
  it('a component override wins over every product mode: on matches by CPE also beside a purl, off never', () => {
    for (const mode of cpeMatchingModes) {
      expect(cpeSwitches(mode, withPurl, 'on')).toEqual({ cpeMatching: true, cpeWithPurl: true });
      expect(cpeSwitches(mode, cpeOnly, 'on')).toEqual({ cpeMatching: true, cpeWithPurl: true });
      expect(cpeSwitches(mode, neither, 'on')).toEqual({ cpeMatching: false, cpeWithPurl: false });
      for (const c of [withPurl, cpeOnly, neither])
        expect(cpeSwitches(mode, c, 'off')).toEqual({ cpeMatching: false, cpeWithPurl: false });
    }
  });
  it('overrides are kept under group/name, without the version', () => {
    expect(componentMatchKey({ group: 'org.example', name: 'lib' })).toBe('org.example/lib');
    expect(componentMatchKey({ group: null, name: 'FreeRTOS' })).toBe('FreeRTOS');
    expect(componentMatchKey({ group: '', name: 'x' })).toBe('x');
  });
});
