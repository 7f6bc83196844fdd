/**
 * HTML → PDF with Chromium (Debian's `chromium` package, driven by playwright-core). Japanese text
 * uses the IPAex Gothic font (`fonts-ipaexfont`), which Chromium embeds in the PDF.
 * Every page carries a running footer: the document title, the product, when it was generated, and
 * "page / pages", so a reviewer can cite a page of a printed submission document.
 * playwright-core is loaded only when a PDF is asked for, so everything else runs without it.
 */
import { existsSync } from 'node:fs';
import type { chromium as Chromium } from 'playwright-core';

export const defaultChromiumPath = '/usr/bin/chromium';

/** Chromium or playwright-core is not installed; `withoutPath` says so without the server's paths. */
export class PdfRendererMissing extends Error {
  constructor(
    message: string,
    readonly withoutPath: string = message,
  ) {
    super(message);
  }
}

/** What the running footer of every page says. */
export interface RunningFooter {
  /** The document title. */
  readonly title: string;
  /** The product (or the scope) the document is about; '' for none. */
  readonly subject: string;
  /** When it was generated, as printed on page 1. */
  readonly generatedAt: string;
}

const footerEsc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Chromium's footer template: a page of its own, without the document's CSS, so the font (IPAex Gothic
 * for Japanese) and the size are set here; pageNumber / totalPages are filled in by Chromium.
 */
export function footerTemplate(f: RunningFooter): string {
  const left = [f.title, f.subject].filter((x) => x !== '').join(' — ');
  return `<div style="font-family: 'IPAexGothic', 'Noto Sans CJK JP', sans-serif; font-size: 7.5pt; color: #444; width: 100%; margin: 0 12mm; border-top: 0.5pt solid #999; padding-top: 1mm; display: flex; justify-content: space-between; gap: 4mm;"><span style="overflow: hidden; text-overflow: ellipsis; white-space: nowrap;">${footerEsc(left)}</span><span style="white-space: nowrap;">${footerEsc(f.generatedAt)}</span><span style="white-space: nowrap;"><span class="pageNumber"></span><span style="padding: 0 0.4em;">/</span><span class="totalPages"></span></span></div>`;
}

export async function renderPdf(html: string, options: { chromiumPath?: string | undefined; footer: RunningFooter }): Promise<Uint8Array> {
  const executablePath = options.chromiumPath ?? defaultChromiumPath;
  if (!existsSync(executablePath))
    throw new PdfRendererMissing(
      `PDF export needs Chromium at ${executablePath}: install it with \`apt-get install -y chromium fonts-ipaexfont\`.`,
      'PDF export needs Chromium, which is not installed on the server: an administrator of the server installs it.',
    );
  let chromium: typeof Chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new PdfRendererMissing('PDF export needs the playwright-core package: install it with `npm install playwright-core`.');
  }
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    // The document is self-contained: block every network request so nothing can be fetched.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: footerTemplate(options.footer),
    });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
