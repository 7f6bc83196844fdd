import { describe, expect, it } from 'vitest';
import { parseApkInstalled } from './apk-installed.js';

describe('parseApkInstalled', () => {
  it('reads packages with arch, origin, commit and provided dependencies', () => {
    const r = parseApkInstalled(
      `C:Q1abc=
P:musl
V:1.2.3-r4
A:x86_64
o:musl
c:f93af038c3de7146121c2ea8124ba5ce29b4b058
p:so:libc.musl-x86_64.so.1=1

P:busybox
V:1.35.0-r29
A:x86_64
o:busybox
D:so:libc.musl-x86_64.so.1 !conflict
`,
      'installed',
      { distro: 'alpine-3.20' },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => [p.purl, p.commit, p.sourcePackage?.name])).toEqual([
      ['pkg:apk/alpine/musl@1.2.3-r4?arch=x86_64&distro=alpine-3.20', 'f93af038c3de7146121c2ea8124ba5ce29b4b058', 'musl'],
      ['pkg:apk/alpine/busybox@1.35.0-r29?arch=x86_64&distro=alpine-3.20', null, 'busybox'],
    ]);
    expect(r.value.packages[1]!.dependencies).toEqual(['pkg:apk/alpine/musl@1.2.3-r4?arch=x86_64&distro=alpine-3.20']);
  });

  it('keeps what it can from malformed input and says why', () => {
    const r = parseApkInstalled('This is not an installed file\n\nF:etc\nR:x\n\nP:busybox\nA:x86_64\n');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.packages.map((p) => [p.name, p.version])).toEqual([['busybox', null]]);
    expect(r.value.warnings.map((w) => w.code)).toEqual(['package.incomplete']);
  });
});
