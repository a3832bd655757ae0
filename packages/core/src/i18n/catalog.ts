import { DEFAULT_LOCALE, matchLocale } from './locale.js';
import { mergeStrings, type PartialStrings } from './strings.js';

/** A table, or a module whose default export is one. */
type Loaded<T> = PartialStrings<T> | { default: PartialStrings<T> };

/** Loads a table on first need, e.g. `() => import('./locales/de.js').then((m) => m.ROOM_STRINGS_DE)`. */
export type TableLoader<T> = () => Promise<Loaded<T>>;

/**
 * The translations of one element's strings table: English, always at hand, and every other
 * language loaded on first need (a lazy `import()`), so that only the languages in use are
 * downloaded. `register` adds a language or replaces one; a table may be partial, English fills in
 * what it leaves out.
 *
 * @example
 * ```ts
 * ROOM_LOCALES.register('fr', () => import('./room-fr.js'));
 * ROOM_LOCALES.register('de', { endInterview: 'Beenden' }); // replaces the built-in German table
 * ```
 */
export class LocaleCatalog<T extends object> {
  readonly #loaders = new Map<string, TableLoader<T> | PartialStrings<T>>();
  readonly #tables = new Map<string, T>();
  readonly #loading = new Map<string, Promise<T>>();

  /** `en`: the English table; `locales`: every other built-in language by tag. */
  constructor(
    readonly en: T,
    locales: Record<string, TableLoader<T>> = {},
  ) {
    this.#tables.set(DEFAULT_LOCALE, en);
    for (const [lang, loader] of Object.entries(locales)) this.#loaders.set(lang, loader);
  }

  /** Adds the table of `lang` (a table or its loader), in place of any built in. */
  register(lang: string, table: PartialStrings<T> | TableLoader<T>): void {
    this.#loaders.set(lang, table);
    this.#tables.delete(lang);
    this.#loading.delete(lang);
    if (lang === DEFAULT_LOCALE && typeof table !== 'function') this.#tables.set(lang, mergeStrings(this.en, table));
  }

  /** Every language it has a table for. */
  get locales(): string[] {
    return [...new Set([DEFAULT_LOCALE, ...this.#loaders.keys()])];
  }

  /** The language whose table serves `lang` ("de-AT" → "de"); English when none does. */
  match(lang: string): string {
    return matchLocale(lang, this.locales) ?? DEFAULT_LOCALE;
  }

  /** The table for `lang` if it is loaded already (English always is). */
  loaded(lang: string): T | undefined {
    return this.#tables.get(this.match(lang));
  }

  /** The table for `lang`, English filling in what it leaves out; English when it fails to load. */
  load(lang: string): Promise<T> {
    const locale = this.match(lang);
    const table = this.#tables.get(locale);
    if (table) return Promise.resolve(table);
    let loading = this.#loading.get(locale);
    if (!loading) {
      const source = this.#loaders.get(locale)!;
      loading = (typeof source === 'function' ? source() : Promise.resolve(source)).then(
        (loaded) => {
          const strings = 'default' in loaded && typeof loaded.default === 'object' ? loaded.default : loaded;
          const merged = mergeStrings(this.en, strings as PartialStrings<T>);
          if (this.#loading.get(locale) === loading) this.#tables.set(locale, merged);
          return merged;
        },
        () => {
          this.#loading.delete(locale);
          return this.en;
        },
      );
      this.#loading.set(locale, loading);
    }
    return loading;
  }
}
