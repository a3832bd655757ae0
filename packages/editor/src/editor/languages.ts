import type { Extension } from '@codemirror/state';

/** A language the editor highlights; its CodeMirror pack is loaded on first use. */
export interface LanguageDefinition {
  id: string;
  label: string;
  load(): Promise<Extension>;
}

/**
 * The languages of the language picker. Each pack is a dynamic import, so a page pays only for
 * the languages its sessions use.
 */
export const LANGUAGES: readonly LanguageDefinition[] = [
  { id: 'javascript', label: 'JavaScript', load: async () => (await import('@codemirror/lang-javascript')).javascript() },
  {
    id: 'typescript',
    label: 'TypeScript',
    load: async () => (await import('@codemirror/lang-javascript')).javascript({ typescript: true }),
  },
  { id: 'python', label: 'Python', load: async () => (await import('@codemirror/lang-python')).python() },
  { id: 'java', label: 'Java', load: async () => (await import('@codemirror/lang-java')).java() },
  { id: 'cpp', label: 'C++', load: async () => (await import('@codemirror/lang-cpp')).cpp() },
  { id: 'go', label: 'Go', load: async () => (await import('@codemirror/lang-go')).go() },
];

const loaded = new Map<string, Promise<Extension>>();

/** The language's CodeMirror extension (cached), or no extension for an unknown language. */
export function loadLanguage(id: string | undefined): Promise<Extension> {
  const definition = LANGUAGES.find((language) => language.id === id);
  if (!definition) return Promise.resolve([]);
  let pack = loaded.get(definition.id);
  if (!pack) {
    pack = definition.load();
    loaded.set(definition.id, pack);
    pack.catch(() => loaded.delete(definition.id));
  }
  return pack;
}
