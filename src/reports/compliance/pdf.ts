/**
 * HTML → PDF with Chromium (Debian's `chromium` package, driven by playwright-core). Japanese text
 * uses the IPAex Gothic font (`fonts-ipaexfont`), which Chromium embeds in the PDF.
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

export async function renderPdf(html: string, options: { chromiumPath?: string } = {}): Promise<Uint8Array> {
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
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
