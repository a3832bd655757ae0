// Configuration of @custom-elements-manifest/analyzer, run in each element package's directory by
// scripts/build-manifests.mjs (part of `npm run build`). It writes the package's
// custom-elements.json (referenced by its package.json `customElements` field) and, through
// custom-element-vs-code-integration, vscode.html-custom-data.json for VS Code's HTML completion.
//
// Class doc comments follow Shoelace's form: `@summary` first, its first paragraph the summary and
// the paragraphs after it the description; `@attr`, `@slot`, `@csspart`, `@cssproperty` and
// `@fires {EventClass} name - …` for the rest. `{@link}` must not appear in tags (the analyzer
// cannot serialize it).
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';

/** Splits a summary of several paragraphs into the summary (the first) and the description (the rest). */
function summaryThenDescription() {
  return {
    name: 'summary-then-description',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of customElementDeclarations(customElementsManifest)) {
        const [first, ...rest] = (declaration.summary ?? '').split(/\n\s*\n/);
        if (rest.length === 0 || declaration.description) continue;
        declaration.summary = first.trim();
        declaration.description = rest.join('\n\n').trim();
      }
    },
  };
}

/**
 * Keeps the public API only: drops private, protected and `#private` members, and the events the
 * analyzer found dispatched in the code when a documented event (`@fires`) of the same class
 * already describes them (it guesses their names from the constructor's argument).
 */
function publicApiOnly() {
  return {
    name: 'public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const declaration of customElementDeclarations(customElementsManifest)) {
        declaration.members = declaration.members?.filter(
          (member) => member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('#'),
        );
        const documented = new Set(declaration.events?.filter((event) => event.description).map((event) => event.type?.text));
        declaration.events = declaration.events?.filter((event) => event.description || !documented.has(event.type?.text));
      }
    },
  };
}

function* customElementDeclarations(manifest) {
  for (const module of manifest.modules ?? []) {
    for (const declaration of module.declarations ?? []) if (declaration.customElement) yield declaration;
  }
}

export default {
  litelement: true,
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/testing/**'],
  outdir: '.',
  plugins: [
    summaryThenDescription(),
    publicApiOnly(),
    customElementVsCodePlugin({
      outdir: '.',
      htmlFileName: 'vscode.html-custom-data.json',
      cssFileName: null,
      hideLogs: true,
    }),
  ],
};
