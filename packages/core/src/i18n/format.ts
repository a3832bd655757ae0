/** The plural categories `Intl.PluralRules` chooses from; `other` is always required. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** What `Intl.DurationFormat` takes and gives, for the browsers that have it (TypeScript's lib does not declare it yet). */
interface DurationFormatLike {
  format(duration: { hours?: number; minutes?: number; seconds?: number }): string;
}
type DurationFormatConstructor = new (locale: string, options: Record<string, string>) => DurationFormatLike;

/** `Intl.DurationFormat` where the browser has it. */
const durationFormatOf = (): DurationFormatConstructor | undefined => (Intl as unknown as { DurationFormat?: DurationFormatConstructor }).DurationFormat;

/** Whole hours, minutes and seconds of a span in milliseconds (negative spans count as zero). */
export function durationParts(ms: number): { hours: number; minutes: number; seconds: number } {
  const total = Math.max(0, Math.floor(ms / 1000));
  return { hours: Math.floor(total / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}

/**
 * How `locale` writes numbers, dates, times, durations and counts, with `Intl`: one instance per
 * language, its formatters made once. Durations use `Intl.DurationFormat` where the browser has
 * it and `Intl.NumberFormat` (digits and units) where it has not.
 */
export class Formats {
  readonly #cache = new Map<string, object>();

  constructor(readonly locale: string) {}

  #get<F extends object>(key: string, make: () => F): F {
    let made = this.#cache.get(key) as F | undefined;
    if (!made) this.#cache.set(key, (made = make()));
    return made;
  }

  /** A number, e.g. 1234.5 → "1,234.5" (en), "1.234,5" (de). */
  number(value: number, options: Intl.NumberFormatOptions = {}): string {
    return this.#get(`n${JSON.stringify(options)}`, () => new Intl.NumberFormat(this.locale, options)).format(value);
  }

  /** A quantity with its unit, e.g. `unit(12, 'millisecond')` → "12 ms". */
  unit(value: number, unit: string, display: 'short' | 'long' | 'narrow' = 'short', options: Intl.NumberFormatOptions = {}): string {
    return this.number(value, { style: 'unit', unit, unitDisplay: display, ...options });
  }

  /** A time of day (an ISO 8601 string, a Date or ms since the epoch); the text itself when it is no time. */
  time(at: string | number | Date, style: 'short' | 'medium' = 'short'): string {
    return this.dateTime(at, { timeStyle: style });
  }

  /** A date and time in the reader's time zone, e.g. `{ dateStyle: 'full', timeStyle: 'short' }`. */
  dateTime(at: string | number | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
    const date = at instanceof Date ? at : new Date(at);
    if (Number.isNaN(date.getTime())) return String(at);
    return this.#get(`d${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(this.locale, options)).format(date);
  }

  /** A span as a clock reads it: "4:05", or "1:04:05" from an hour on, in the language's digits. */
  clock(ms: number): string {
    const parts = durationParts(ms);
    const DurationFormat = durationFormatOf();
    if (DurationFormat) {
      // Under an hour the minutes lead, unpadded ("4:05"); from an hour on they follow, two-digit.
      const options: Record<string, string> = parts.hours ? { style: 'digital' } : { minutes: 'numeric', seconds: '2-digit' };
      return this.#get(`clock${parts.hours ? 'h' : 'm'}`, () => new DurationFormat(this.locale, options)).format(parts);
    }
    return this.clockFallback(ms);
  }

  /** {@link clock} with `Intl.NumberFormat` only, for browsers without `Intl.DurationFormat`. */
  clockFallback(ms: number): string {
    const { hours, minutes, seconds } = durationParts(ms);
    const two = (value: number) => this.number(value, { minimumIntegerDigits: 2, useGrouping: false });
    return hours ? `${this.number(hours)}:${two(minutes)}:${two(seconds)}` : `${this.number(minutes)}:${two(seconds)}`;
  }

  /** A span in words, largest units first and zero units left out: "1 hr, 5 min", "45 sec". */
  duration(ms: number, style: 'long' | 'short' | 'narrow' = 'short'): string {
    const parts = durationParts(ms);
    const DurationFormat = durationFormatOf();
    if (DurationFormat) {
      if (!parts.hours && !parts.minutes && !parts.seconds) return this.unit(0, 'second', style);
      return this.#get(`dur${style}`, () => new DurationFormat(this.locale, { style })).format(parts);
    }
    return this.durationFallback(ms, style);
  }

  /** {@link duration} with `Intl.NumberFormat` and `Intl.ListFormat`, for browsers without `Intl.DurationFormat`. */
  durationFallback(ms: number, style: 'long' | 'short' | 'narrow' = 'short'): string {
    const { hours, minutes, seconds } = durationParts(ms);
    const units = ([
      [hours, 'hour'],
      [minutes, 'minute'],
      [seconds, 'second'],
    ] as const).filter(([value]) => value > 0);
    if (!units.length) return this.unit(0, 'second', style);
    return this.list(units.map(([value, unit]) => this.unit(value, unit, style)), style === 'long' ? 'long' : 'narrow', 'unit');
  }

  /** A moment relative to now in words, e.g. `relative(-5, 'minute')` → "5 minutes ago". */
  relative(value: number, unit: Intl.RelativeTimeFormatUnit, style: Intl.RelativeTimeFormatStyle = 'long'): string {
    return this.#get(`r${style}`, () => new Intl.RelativeTimeFormat(this.locale, { numeric: 'auto', style })).format(value, unit);
  }

  /** A list of items, e.g. "a, b and c". */
  list(items: readonly string[], style: Intl.ListFormatStyle = 'long', type: Intl.ListFormatType = 'conjunction'): string {
    return this.#get(`l${style}${type}`, () => new Intl.ListFormat(this.locale, { style, type })).format(items);
  }

  /**
   * The form for a count in this language (`Intl.PluralRules`), with `#` replaced by the count
   * as the language writes it: `plural(3, { one: '# test', other: '# tests' })` → "3 tests".
   */
  plural(count: number, forms: PluralForms): string {
    const rules = this.#get('p', () => new Intl.PluralRules(this.locale));
    const form = (count === 0 && forms.zero) || forms[rules.select(count)] || forms.other;
    return form.replace(/#/g, this.number(count));
  }
}

const shared = new Map<string, Formats>();

/** The {@link Formats} of `locale`, one shared instance per language. */
export function formatsFor(locale: string): Formats {
  let formats = shared.get(locale);
  if (!formats) shared.set(locale, (formats = new Formats(locale)));
  return formats;
}
