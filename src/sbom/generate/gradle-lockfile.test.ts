import { describe, expect, it } from 'vitest';
import { parseGradleLockfile } from './gradle-lockfile.js';

describe('parseGradleLockfile', () => {
  it('reads group:artifact:version lines and marks test-only modules dev', () => {
    const r = parseGradleLockfile(`# comment
org.springframework.boot:spring-boot:2.7.4=compileClasspath,runtimeClasspath
junit:junit:4.13.2=testCompileClasspath,testRuntimeClasspath
empty=annotationProcessor
`);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => [p.name, p.purl, p.dev])).toEqual([
      ['org.springframework.boot:spring-boot', 'pkg:maven/org.springframework.boot/spring-boot@2.7.4', false],
      ['junit:junit', 'pkg:maven/junit/junit@4.13.2', true],
    ]);
    const b = parseGradleLockfile('a:b:1=classpath', 'buildscript-gradle.lockfile');
    expect(b.ok && b.value.packages[0]!.dev).toBe(true);
  });

  it('warns about lines it cannot read', () => {
    const r = parseGradleLockfile('>>>\n////\n  a\nx:y:1=c\n');
    expect(r.ok && r.value.packages.length).toBe(1);
    expect(r.ok && r.value.warnings.length).toBe(3);
  });
});
