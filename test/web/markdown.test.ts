/**
 * OSV `details` (CommonMark) on the vulnerability page (web/src/components/Markdown.tsx): rendered
 * as elements, with hostile input kept inert: no markup from the input, links only to http(s),
 * opened with rel="noopener noreferrer", headings below the page's own.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown, maxMarkdownLength, safeLinkUrl } from '../../web/src/components/Markdown.js';

const html = (source: string, headingLevel?: number) =>
  renderToStaticMarkup(createElement(Markdown, { source, headingLevel }));

describe('Markdown', () => {
  it('renders an OSV description: demoted headings, emphasis, code, links and lists', () => {
    // PYSEC-2026-1806 (CVE-2025-4565), conformance/advisories/pypa-advisory-db.jsonl.gz, shortened.
    const details =
      '### Summary\nAny project that parses data containing **recursive groups** or a series of ' +
      '[`SGROUP`](https://protobuf.dev/programming-guides/encoding/#groups) tags can be corrupted.\n\n' +
      'Reporter: Alexis Challande\n[ecosystem@trailofbits.com](mailto:ecosystem@trailofbits.com)\n\n' +
      '### Remediation and Mitigation\nPlease update:\n* protobuf-python(4.25.8, 5.29.5, 6.31.1)';
    expect(html(details)).toBe(
      '<div><h4>Summary</h4>' +
        '<p>Any project that parses data containing <strong>recursive groups</strong> or a series of ' +
        '<a href="https://protobuf.dev/programming-guides/encoding/#groups" target="_blank" rel="noopener noreferrer"><code>SGROUP</code></a> tags can be corrupted.</p>' +
        '<p>Reporter: Alexis Challande\necosystem@trailofbits.com</p>' +
        '<h4>Remediation and Mitigation</h4><p>Please update:</p>' +
        '<ul><li>protobuf-python(4.25.8, 5.29.5, 6.31.1)</li></ul></div>',
    );
  });

  it('demotes headings from the shallowest one, never past h6', () => {
    expect(html('# A\n\n## B\n\n###### C')).toBe('<div><h4>A</h4><h5>B</h5><h6>C</h6></div>');
    expect(html('## B\n\n### C', 3)).toBe('<div><h3>B</h3><h4>C</h4></div>');
  });

  it('shows raw HTML as text, whatever its attributes', () => {
    const out = html(
      '<script>alert(1)</script>\n\nText <img src=x onerror="alert(2)"> and <a href="javascript:alert(3)">x</a>\n\n<div onclick="alert(4)">block</div>',
    );
    expect(out).not.toMatch(/<script|<img|<div onclick|<a href/);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
    expect(out).toContain('&lt;div onclick=&quot;alert(4)&quot;&gt;block&lt;/div&gt;');
  });

  it('links only absolute http(s) URLs; other schemes keep their text and lose the link', () => {
    const hostile = [
      '[a](javascript:alert(1))',
      '[b](JaVaScRiPt:alert(1))',
      '[c](&#106;avascript:alert(1))',
      '[d](data:text/html;base64,PHNjcmlwdD4=)',
      '[e](vbscript:msgbox)',
      '[f](//evil.example/x)',
      '[g](/relative)',
      '<javascript:alert(1)>',
      '[h][ref]\n\n[ref]: javascript:alert(1)',
      '![i](javascript:alert(1))',
    ];
    for (const source of hostile) {
      const out = html(source);
      expect(out, source).not.toMatch(/<a |href=|javascript:alert\(1\)"|<img/);
    }
    expect(html('[h][ref]\n\n[ref]: https://example.com/a "t"')).toBe(
      '<div><p><a href="https://example.com/a" target="_blank" rel="noopener noreferrer">h</a></p></div>',
    );
    expect(html('<https://example.com/x?a=1&b=2>')).toBe(
      '<div><p><a href="https://example.com/x?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">https://example.com/x?a=1&amp;b=2</a></p></div>',
    );
    // A link's attributes cannot be injected through its URL or title.
    const out = html('[x](https://example.com/"onmouseover="alert(1) "title" onclick="alert(2)")');
    expect(out).not.toMatch(/\son\w+="/);
  });

  it('does not load images: an http(s) image becomes a link with its alternative text', () => {
    expect(html('![diagram](https://example.com/d.png)')).toBe(
      '<div><p><a href="https://example.com/d.png" target="_blank" rel="noopener noreferrer">diagram</a></p></div>',
    );
  });

  it('keeps code blocks and inline code as text', () => {
    expect(html('```html\n<script>x()</script>\n```\n\n`<b>`')).toBe(
      '<div><pre><code>&lt;script&gt;x()&lt;/script&gt;</code></pre><p><code>&lt;b&gt;</code></p></div>',
    );
  });

  it('shows very deep nesting, very many elements and very long input whole as plain text', () => {
    const deep = `${'> '.repeat(5000)}deep **text**`;
    expect(html(deep)).toBe(`<div class="prewrap">${deep.replaceAll('>', '&gt;')}</div>`);
    const emphasis = `${'**_'.repeat(3000)}x${'_**'.repeat(3000)}`;
    expect(html(emphasis)).toBe(`<div class="prewrap">${emphasis}</div>`);
    expect(html('*a* '.repeat(2000))).toMatch(/^<div><p>(<em>a<\/em> ){1999}<em>a<\/em><\/p><\/div>$/);
    expect(html(`${'> '.repeat(10)}ten`)).toBe(`<div>${'<blockquote>'.repeat(10)}<p>ten</p>${'</blockquote>'.repeat(10)}</div>`);
    const long = `**a** ${'x'.repeat(maxMarkdownLength)}`;
    expect(html(long)).toBe(`<div class="prewrap">${long}</div>`);
  });

  it('renders hostile inputs of the longest accepted length quickly', () => {
    // Shapes that make some CommonMark parsers quadratic (nesting, unclosed links, emphasis runs).
    const n = maxMarkdownLength;
    const shapes = [
      '* '.repeat(n / 2),
      Array.from({ length: 250 }, (_, i) => `${' '.repeat(2 * i)}* a`).join('\n'),
      '[a]('.repeat(n / 4),
      '['.repeat(n),
      '*a '.repeat(n / 3),
      `${'**_'.repeat(n / 6)}x${'_**'.repeat(n / 6)}`,
      '<a '.repeat(n / 3),
      `${'`'.repeat(1000)}a${'``x '.repeat((n - 1001) / 4)}`,
    ];
    for (const source of shapes) {
      const started = performance.now();
      html(source.slice(0, n));
      expect(performance.now() - started, source.slice(0, 12)).toBeLessThan(3000);
    }
  });

  it('accepts only absolute http and https URLs', () => {
    expect(safeLinkUrl(' https://a.example/p ')).toBe('https://a.example/p');
    expect(safeLinkUrl('HTTP://a.example')).toBe('http://a.example/');
    for (const url of ['javascript:alert(1)', 'mailto:a@b', 'ftp://a', '//a.example', 'https//a', 'http:/a', ''])
      expect(safeLinkUrl(url), url).toBeNull();
  });
});
