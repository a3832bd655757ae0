import { expect } from '@esm-bundle/chai';
import { LocaleCatalog } from './catalog.js';
import { Formats } from './format.js';
import { directionOf, langOf, matchLocale } from './locale.js';
import { mergeStrings } from './strings.js';

interface Table {
  hello: string;
  count: (n: number) => string;
  status: { on: string; off: string };
  list: readonly string[];
}
const EN: Table = { hello: 'Hello', count: (n) => `${n} items`, status: { on: 'On', off: 'Off' }, list: ['a', 'b'] };

describe('languages', () => {
  afterEach(() => document.documentElement.setAttribute('lang', 'en'));

  it('takes an element’s language from itself, its nearest ancestor through shadow roots, else the document', () => {
    const host = document.createElement('div');
    host.setAttribute('lang', 'de-AT');
    const root = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('span');
    root.append(inner);
    document.body.append(host);
    try {
      expect(langOf(inner), 'through the shadow root').to.equal('de-AT');
      inner.setAttribute('lang', 'ar_EG');
      expect(langOf(inner), 'its own, written as Intl accepts it').to.equal('ar-EG');
      inner.removeAttribute('lang');
      host.removeAttribute('lang');
      document.documentElement.setAttribute('lang', 'es');
      expect(langOf(inner), 'the document').to.equal('es');
    } finally {
      host.remove();
    }
  });

  it('serves a regional tag from its language’s table, and knows which languages run right to left', () => {
    expect(matchLocale('de-AT', ['en', 'de', 'es'])).to.equal('de');
    expect(matchLocale('ES', ['en', 'de', 'es'])).to.equal('es');
    expect(matchLocale('fr-CA', ['en', 'de'])).to.equal(undefined);
    expect(['ar', 'ar-EG', 'he', 'fa', 'de', 'en-US'].map(directionOf)).to.deep.equal(['rtl', 'rtl', 'rtl', 'rtl', 'ltr', 'ltr']);
  });

  it('lets a host change any string, inside groups too, and replaces lists and functions whole', () => {
    const merged = mergeStrings(EN, { status: { off: 'Aus' }, list: ['x'] }, { count: (n) => `${n} Stück` });
    expect(merged.hello).to.equal('Hello');
    expect(merged.status).to.deep.equal({ on: 'On', off: 'Aus' });
    expect(merged.list).to.deep.equal(['x']);
    expect(merged.count(3)).to.equal('3 Stück');
    expect(EN.status.off, 'the table itself is untouched').to.equal('Off');
  });

  it('loads a language on first need, fills what it leaves out from English, and takes tables a host registers', async () => {
    let loads = 0;
    const catalog = new LocaleCatalog<Table>(EN, {
      de: async () => {
        loads++;
        return { default: { hello: 'Hallo', status: { on: 'An', off: 'Aus' } } };
      },
    });
    expect(catalog.loaded('de'), 'nothing loaded before it is needed').to.equal(undefined);
    const [first, second] = await Promise.all([catalog.load('de-CH'), catalog.load('de')]);
    expect(loads, 'one load for both').to.equal(1);
    expect(first).to.equal(second);
    expect(first.hello).to.equal('Hallo');
    expect(first.count(2), 'English for what it leaves out').to.equal('2 items');
    expect(catalog.loaded('de')).to.equal(first);
    expect((await catalog.load('fr')).hello, 'English for a language it has no table for').to.equal('Hello');

    catalog.register('fr', { hello: 'Bonjour' });
    expect(catalog.locales).to.deep.equal(['en', 'de', 'fr']);
    expect((await catalog.load('fr-BE')).hello).to.equal('Bonjour');

    const failing = new LocaleCatalog<Table>(EN, { es: () => Promise.reject(new Error('offline')) });
    expect((await failing.load('es')).hello, 'English when a table fails to load').to.equal('Hello');
  });

  it('formats numbers, times, durations and counts for the language', () => {
    const de = new Formats('de');
    const ar = new Formats('ar');
    const en = new Formats('en');
    expect(de.number(1234.5)).to.equal('1.234,5');
    expect(de.unit(250, 'millisecond')).to.equal('250 ms');
    // A clock reading: m:ss, h:mm:ss from an hour on; Intl.DurationFormat and the fallback agree.
    for (const [ms, text] of [
      [754_000, '12:34'],
      [5_000, '0:05'],
      [3_725_000, '1:02:05'],
      [-10_000, '0:00'],
    ] as const) {
      expect(en.clock(ms), `${ms}`).to.equal(text);
      expect(en.clockFallback(ms), `${ms} without DurationFormat`).to.equal(text);
    }
    expect(en.duration(3_900_000, 'long')).to.equal(en.durationFallback(3_900_000, 'long'));
    expect(en.durationFallback(3_900_000, 'long')).to.equal('1 hour, 5 minutes');
    expect(en.relative(-5, 'minute')).to.equal('5 minutes ago');
    // Plural categories: English has one and other; Arabic has six.
    const tests = { one: '# test', other: '# tests' };
    expect([1, 2].map((n) => en.plural(n, tests))).to.deep.equal(['1 test', '2 tests']);
    const arabic = { zero: 'zero', one: 'one', two: 'two', few: 'few #', many: 'many #', other: 'other #' };
    expect([0, 1, 2, 3, 11, 100].map((n) => ar.plural(n, arabic))).to.deep.equal(['zero', 'one', 'two', 'few 3', 'many 11', 'other 100']);
    expect(de.time('2026-01-05T09:07:00Z')).to.match(/^\d{2}:07$/);
    expect(de.time('not a time'), 'the text itself when it is no time').to.equal('not a time');
  });
});
