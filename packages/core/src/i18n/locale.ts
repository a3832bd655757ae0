/** The language every table is written in first, and the one used when no other matches. */
export const DEFAULT_LOCALE = 'en';

/** Writing direction of a language. */
export type Direction = 'ltr' | 'rtl';

/** Languages written right to left, for browsers without `Intl.Locale#getTextInfo`. */
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ku', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/** `Intl.Locale` with the text-direction accessors browsers offer (a method now, a getter before). */
type LocaleWithTextInfo = Intl.Locale & { getTextInfo?: () => { direction?: string }; textInfo?: { direction?: string } };

/** The writing direction of `locale` (a BCP 47 tag), from `Intl.Locale` where it knows, else from a list. */
export function directionOf(locale: string): Direction {
  try {
    const info = new Intl.Locale(locale) as LocaleWithTextInfo;
    const direction = info.getTextInfo?.().direction ?? info.textInfo?.direction;
    if (direction === 'rtl' || direction === 'ltr') return direction;
    return RTL_LANGUAGES.has(info.language) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/** A tag as `Intl` accepts it ("de_AT" → "de-AT"), or the default when it is no language tag. */
export function canonicalLocale(tag: string | null | undefined): string {
  const trimmed = (tag ?? '').trim().replace(/_/g, '-');
  if (!trimmed) return DEFAULT_LOCALE;
  try {
    return Intl.getCanonicalLocales(trimmed)[0] ?? DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/**
 * Which of `available` serves `requested`: the same tag, else one with the same language
 * ("de-AT" → "de", "pt-BR" → "pt"), else `undefined`.
 */
export function matchLocale(requested: string, available: Iterable<string>): string | undefined {
  const wanted = requested.toLowerCase();
  const tags = [...available];
  const exact = tags.find((tag) => tag.toLowerCase() === wanted);
  if (exact) return exact;
  // "zh-Hant-TW" tries "zh-Hant", then "zh".
  const parts = wanted.split('-');
  for (let length = parts.length - 1; length > 0; length--) {
    const prefix = parts.slice(0, length).join('-');
    const found = tags.find((tag) => tag.toLowerCase() === prefix);
    if (found) return found;
  }
  return undefined;
}

/**
 * The language an element is shown in: its own `lang` attribute, else the nearest ancestor's (out
 * of shadow roots into their hosts), else the document's, else the default.
 */
export function langOf(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const owner: Element | null = node.closest('[lang]');
    if (owner) {
      const lang = owner.getAttribute('lang');
      if (lang) return canonicalLocale(lang);
      node = owner.parentElement;
      continue;
    }
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return canonicalLocale(element.ownerDocument?.documentElement.lang);
}
