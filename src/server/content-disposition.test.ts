import { describe, expect, it } from 'vitest';
import { attachment } from './content-disposition.js';

/** What a browser saves under: RFC 6266 says filename* wins over filename when both are given. */
function savedAs(header: string): { fallback: string; name: string } {
  const fallback = /filename="([^"]*)"/.exec(header)?.[1] ?? '';
  const ext = /filename\*=UTF-8''([^;]*)/.exec(header)?.[1] ?? '';
  return { fallback, name: decodeURIComponent(ext) };
}

describe('attachment', () => {
  it('sends a Japanese name in full as filename* and an ASCII fallback as filename', () => {
    const header = attachment('vex-輸液ポンプ IP-300-1.0.0.cdx.json');
    expect(header).toBe(
      `attachment; filename="vex-_ IP-300-1.0.0.cdx.json"; filename*=UTF-8''vex-%E8%BC%B8%E6%B6%B2%E3%83%9D%E3%83%B3%E3%83%97%20IP-300-1.0.0.cdx.json`,
    );
    expect(savedAs(header)).toEqual({
      fallback: 'vex-_ IP-300-1.0.0.cdx.json',
      name: 'vex-輸液ポンプ IP-300-1.0.0.cdx.json',
    });
  });

  it("percent-encodes what RFC 8187's attr-char leaves out, including ' ( ) *", () => {
    const header = attachment("O'Brien (v1) 100%.csv");
    const ext = /filename\*=UTF-8''(.*)$/.exec(header)![1]!;
    expect(ext).toBe('O%27Brien%20%28v1%29%20100%25.csv');
    expect(ext).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    // The quoted fallback has no percent sign a client might decode, no quote and no backslash.
    expect(savedAs(header).fallback).toBe("O'Brien (v1) 100_.csv");
  });

  it('makes the name safe before sending it (path, controls, NFC)', () => {
    expect(savedAs(attachment('../secret\r\n.txt')).name).toBe('_secret_.txt');
    expect(savedAs(attachment('\u304b\u3099.json')).name).toBe('が.json');
    expect(attachment('a\r\nSet-Cookie: x')).not.toMatch(/[\r\n]/);
  });

  it('falls back to "download" when nothing ASCII is left of the name', () => {
    expect(savedAs(attachment('輸液ポンプ.pdf'))).toEqual({
      fallback: 'download.pdf',
      name: '輸液ポンプ.pdf',
    });
  });
});
