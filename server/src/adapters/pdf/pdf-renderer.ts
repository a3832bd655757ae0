import { chromium, type Browser } from 'playwright-core';
import { unavailable } from '../../problem.js';
import type { PageFormat } from '../../schemas/reports.js';

/** Where Debian's `chromium` package puts the browser; `CHROMIUM_PATH` overrides it. */
export const DEFAULT_CHROMIUM_PATH = '/usr/lib/chromium/chromium';

/** PDFs printed at once; more wait their turn, so that report links cannot flood the machine with Chromium work. */
const CONCURRENT_RENDERS = 2;

/**
 * Prints HTML to PDF with the system Chromium through `playwright-core`. One headless browser is
 * launched on the first render and reused (each render gets its own context, with JavaScript
 * off and no network: the page is self-contained); `close()` shuts it down. A browser that
 * crashed or failed to launch is launched again on the next render. At most two pages print
 * at once; further renders wait in order.
 */
export class PdfRenderer {
  readonly #executablePath: string;
  #browser: Promise<Browser> | undefined;
  #closed = false;
  #printing = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(executablePath: string = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH) {
    this.#executablePath = executablePath;
  }

  /**
   * The PDF of `html` on `format` paper.
   * @throws {HttpProblem} 503 when Chromium cannot be launched here.
   */
  async render(html: string, format: PageFormat): Promise<Buffer> {
    // A finished render hands its slot straight to the next waiting one.
    if (this.#printing < CONCURRENT_RENDERS) this.#printing++;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await this.#print(html, format);
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#printing--;
    }
  }

  async #print(html: string, format: PageFormat): Promise<Buffer> {
    const browser = await this.#launched();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      return await page.pdf({ format, printBackground: true, margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' } });
    } finally {
      await context.close().catch(() => {});
    }
  }

  /** Closes the browser, if one was launched. */
  async close(): Promise<void> {
    this.#closed = true;
    const browser = await this.#browser?.catch(() => undefined);
    this.#browser = undefined;
    await browser?.close().catch(() => {});
  }

  #launched(): Promise<Browser> {
    if (this.#closed) return Promise.reject(unavailable('the server is shutting down'));
    this.#browser ??= chromium
      .launch({
        executablePath: this.#executablePath,
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      })
      .then(
        (browser) => {
          browser.on('disconnected', () => {
            this.#browser = undefined;
          });
          return browser;
        },
        (error: unknown) => {
          this.#browser = undefined;
          throw unavailable(
            `PDF reports need Chromium at ${this.#executablePath} (install the chromium package or set CHROMIUM_PATH): ${(error as Error).message?.split('\n')[0]}`,
          );
        },
      );
    return this.#browser;
  }
}
