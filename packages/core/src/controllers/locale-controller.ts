import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LocaleCatalog } from '../i18n/catalog.js';
import { directionOf, langOf, type Direction } from '../i18n/locale.js';
import { formatsFor, type Formats } from '../i18n/format.js';
import { mergeStrings, type PartialStrings } from '../i18n/strings.js';

/** Options of a {@link LocaleController}. */
export interface LocaleControllerOptions<T> {
  /** The host page's overrides (the element's `strings` property), read on every update. */
  strings(): PartialStrings<T> | undefined;
}

/**
 * An element's language: the `lang` attribute on it, else on its nearest ancestor (through shadow
 * roots), else the document's. It loads the element's table for that language from `catalog`
 * (English until it arrives, then renders again), merges the host's `strings` over it, and gives
 * the `Intl` formatters of the language. It follows changes of the element's and the document's
 * `lang` attribute.
 */
export class LocaleController<T extends object> implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #catalog: LocaleCatalog<T>;
  readonly #options: LocaleControllerOptions<T>;
  #observer: MutationObserver | undefined;
  #lang = 'en';
  #table: T;
  #merged: { table: T; overrides: PartialStrings<T> | undefined; strings: T } | undefined;
  #ready: Promise<void> = Promise.resolve();

  constructor(host: ReactiveControllerHost & HTMLElement, catalog: LocaleCatalog<T>, options: LocaleControllerOptions<T>) {
    this.#host = host;
    this.#catalog = catalog;
    this.#options = options;
    this.#table = catalog.en;
    host.addController(this);
  }

  /** The language in use, a BCP 47 tag (as asked for: "de-AT" while the table is German's). */
  get lang(): string {
    return this.#lang;
  }

  /** The writing direction of the language. */
  get dir(): Direction {
    return directionOf(this.#lang);
  }

  /** The strings to render: the language's table with the host's overrides. */
  get strings(): T {
    const overrides = this.#options.strings();
    if (this.#merged?.table !== this.#table || this.#merged.overrides !== overrides) {
      this.#merged = { table: this.#table, overrides, strings: mergeStrings(this.#table, overrides) };
    }
    return this.#merged.strings;
  }

  /** Numbers, dates, durations and counts as the language writes them. */
  get format(): Formats {
    return formatsFor(this.#lang);
  }

  /** Settles once the table of the current language is loaded and shown. */
  get ready(): Promise<void> {
    return this.#ready;
  }

  hostConnected(): void {
    this.#observer ??= new MutationObserver(() => this.#resolve());
    this.#observer.observe(this.#host, { attributes: true, attributeFilter: ['lang'] });
    this.#observer.observe(this.#host.ownerDocument.documentElement, { attributes: true, attributeFilter: ['lang'] });
    this.#resolve();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }

  hostUpdate(): void {
    // An ancestor's `lang` may have changed since (a room passing its language down renders first).
    if (langOf(this.#host) !== this.#lang) this.#resolve();
  }

  #resolve(): void {
    const lang = langOf(this.#host);
    if (lang === this.#lang && this.#catalog.loaded(lang) === this.#table) return;
    this.#lang = lang;
    const loaded = this.#catalog.loaded(lang);
    if (loaded) {
      this.#table = loaded;
      this.#host.requestUpdate();
      return;
    }
    this.#ready = this.#catalog.load(lang).then((table) => {
      if (this.#lang !== lang) return;
      this.#table = table;
      this.#host.requestUpdate();
    });
    this.#host.requestUpdate();
  }
}
