// What a custom-elements manifest (custom-elements.json) must say about every element for the
// tools that read it (IDE completion, framework wrappers, documentation sites): a description of
// the element, and of each of its attributes, public properties and methods, events, slots, CSS
// parts and custom properties, and each event's type.

/**
 * @typedef {{ name?: string, description?: string, summary?: string, type?: { text?: string }, privacy?: string, kind?: string }} Entry
 * @typedef {Entry & { tagName?: string, customElement?: boolean, attributes?: Entry[], members?: Entry[], events?: Entry[], slots?: Entry[], cssParts?: Entry[], cssProperties?: Entry[] }} Declaration
 */

const LISTS = /** @type {const} */ ([
  ['attributes', 'attribute'],
  ['members', 'member'],
  ['events', 'event'],
  ['slots', 'slot'],
  ['cssParts', 'CSS part'],
  ['cssProperties', 'CSS custom property'],
]);

const said = (/** @type {string | undefined} */ text) => typeof text === 'string' && text.trim() !== '';

/**
 * The custom elements a manifest declares, with the module each is in.
 * @param {{ modules?: { path: string, declarations?: Declaration[] }[] }} manifest
 */
export function customElementsOf(manifest) {
  return (manifest.modules ?? []).flatMap((module) =>
    (module.declarations ?? [])
      .filter((declaration) => declaration.customElement)
      .map((declaration) => ({ path: module.path, declaration })),
  );
}

/**
 * Every gap in a manifest, one sentence each, e.g. `<interview-room>: event interview-error has no type`.
 * @param {{ modules?: { path: string, declarations?: Declaration[] }[] }} manifest
 * @returns {string[]}
 */
export function manifestGaps(manifest) {
  return customElementsOf(manifest).flatMap(({ path, declaration }) => {
    const element = declaration.tagName ? `<${declaration.tagName}>` : `${declaration.name} (${path})`;
    /** @type {string[]} */
    const gaps = [];
    if (!declaration.tagName) gaps.push(`${element}: no tag name`);
    if (!said(declaration.summary) && !said(declaration.description)) gaps.push(`${element}: no summary or description`);
    for (const [list, what] of LISTS) {
      for (const entry of declaration[list] ?? []) {
        if (list === 'members' && (entry.privacy === 'private' || entry.privacy === 'protected' || entry.name?.startsWith('#'))) continue;
        // A slot named "" is the default slot.
        const name = entry.name || (list === 'slots' ? '(default)' : '(unnamed)');
        if (!entry.name && list !== 'slots') gaps.push(`${element}: ${what} without a name`);
        if (!said(entry.description)) gaps.push(`${element}: ${what} ${name} has no description`);
        if (list === 'events' && !said(entry.type?.text)) gaps.push(`${element}: event ${name} has no type`);
      }
    }
    return gaps;
  });
}

/**
 * The CSS part names an element package's templates render literally (`part="name"`, several
 * names allowed) that no element of its manifest documents.
 * @param {{ modules?: { path: string, declarations?: Declaration[] }[] }} manifest
 * @param {string[]} sources the package's TypeScript sources
 * @returns {string[]}
 */
export function undocumentedParts(manifest, sources) {
  const documented = new Set(
    customElementsOf(manifest).flatMap(({ declaration }) => (declaration.cssParts ?? []).map((part) => part.name)),
  );
  const rendered = new Set(
    sources.flatMap((source) => [...source.matchAll(/\bpart="([^"$]+)"/g)].flatMap((match) => (match[1] ?? '').split(/\s+/))),
  );
  return [...rendered].filter((name) => name && !documented.has(name)).sort();
}
