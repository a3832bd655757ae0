/**
 * Markdown from hosts and participants (question prompts, guides, feedback evidence) as safe HTML.
 *
 * @module
 */
import DOMPurify from 'dompurify';
import { marked } from 'marked';

/** How many rendered texts are kept: the room re-renders every second for its timer, forms on every keystroke. */
const CACHE_SIZE = 32;
const cache = new Map<string, string>();

/**
 * Markdown rendered by marked (GitHub-flavoured), then sanitised by DOMPurify: the text may come
 * from anyone and carry anything, and the result is safe to put into the page as HTML. Recent
 * results are kept, so re-rendering an unchanged text costs a lookup.
 */
export function renderMarkdown(markdown: string): string {
  let html = cache.get(markdown);
  if (html === undefined) {
    const raw = marked.parse(markdown, { async: false, gfm: true });
    html = DOMPurify.sanitize(raw, { USE_PROFILES: { html: true } });
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  } else {
    cache.delete(markdown);
  }
  cache.set(markdown, html);
  return html;
}
