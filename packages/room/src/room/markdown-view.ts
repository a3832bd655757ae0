import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { onDemand } from './on-demand.js';

let render: ((markdown: string) => string) | undefined;

/**
 * Loads the Markdown renderer (marked and DOMPurify) in a chunk of its own: the room asks for it
 * with the session's view, beside the editor's start, and renders again once it is there.
 */
export const loadMarkdown = onDemand(async () => {
  ({ renderMarkdown: render } = await import('@interview-kit/core/markdown'));
});

/** Whether {@link markdown} renders Markdown yet. */
export const markdownLoaded = (): boolean => render !== undefined;

/**
 * Markdown from the session (prompts, guides) as sanitized HTML; until the renderer has loaded,
 * the text as written (escaped), so that nothing waits for it.
 */
export function markdown(text: string): ReturnType<typeof unsafeHTML> | string {
  return render ? unsafeHTML(render(text)) : text;
}
