import { describe, expect, it } from 'vitest';
import { purlProblem } from './purl-syntax.js';

// Source for every row: purl-spec PURL-SPECIFICATION.rst (github.com/package-url/purl-spec),
// "A purl is a URL composed of seven components" and the rules for each component.
describe('purlProblem', () => {
  it.each([
    ['pkg:npm/lodash@4.17.21', 'type/name@version'],
    ['pkg:npm/%40angular/core@17.0.0', 'percent-encoded @ in namespace'],
    ['pkg:maven/org.apache.commons/commons-lang3@3.12.0?type=jar', 'qualifiers'],
    ['pkg:golang/github.com/gorilla/mux@v1.8.0#subdir', 'subpath'],
    ['pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie', 'several qualifiers'],
    ['pkg:generic/openssl', 'version is optional'],
    ['PKG:NPM/lodash', 'scheme and type are case-insensitive'],
    ['pkg://npm/lodash', 'slashes after the scheme are ignored'],
  ])('accepts %s (%s)', (purl) => {
    expect(purlProblem(purl)).toBeNull();
  });

  it.each([
    ['npm/lodash@1.0.0', 'purl.scheme', 'scheme pkg: is required'],
    ['pkg:lodash', 'purl.type', 'type is required'],
    ['pkg:1npm/lodash', 'purl.type', 'type must not start with a digit'],
    ['pkg:np m/lodash', 'purl.whitespace', 'spaces must be percent-encoded'],
    ['pkg:npm/', 'purl.name', 'name is required'],
    ['pkg:npm/lodash@', 'purl.version', 'an @ needs a version'],
    ['pkg:npm/lodash?arch', 'purl.qualifier', 'qualifiers are key=value'],
    ['pkg:npm/lodash?a=1&a=2', 'purl.qualifier', 'qualifier keys are unique'],
    ['pkg:npm/lo%zzdash', 'purl.escape', 'percent-escapes are two hex digits'],
    ['pkg:maven/commons-lang3@3.12.0', 'purl.namespace', 'maven needs a namespace (groupId)'],
  ])('rejects %s with %s (%s)', (purl, problem) => {
    expect(purlProblem(purl)).toBe(problem);
  });
});
