import DOMPurify from 'dompurify';
import { marked } from 'marked';

let last: { markdown: string; html: string } | undefined;

/**
 * The question prompt as safe HTML: Markdown rendered by marked, then sanitized by DOMPurify
 * (the prompt comes from the host, and may carry anything). The last result is kept, since the
 * room re-renders every second for its timer while the prompt stays the same.
 */
export function renderMarkdown(markdown: string): string {
  if (last?.markdown !== markdown) {
    const html = marked.parse(markdown, { async: false, gfm: true });
    last = { markdown, html: DOMPurify.sanitize(html, { USE_PROFILES: { html: true } }) };
  }
  return last.html;
}
