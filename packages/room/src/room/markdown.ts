import DOMPurify from 'dompurify';
import { marked } from 'marked';

/** Rendered texts kept, newest last: the room re-renders every second for its timer while its texts stay the same. */
const cache = new Map<string, string>();
const CACHE_SIZE = 8;

/**
 * Markdown from the host (the question's prompt, the interviewers' guide) as safe HTML: rendered
 * by marked, then sanitized by DOMPurify, since it may carry anything.
 */
export function renderMarkdown(markdown: string): string {
  let html = cache.get(markdown);
  if (html === undefined) {
    html = DOMPurify.sanitize(marked.parse(markdown, { async: false, gfm: true }), { USE_PROFILES: { html: true } });
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.delete(markdown);
  cache.set(markdown, html);
  return html;
}
