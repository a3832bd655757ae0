import DOMPurify from 'dompurify';
import { marked } from 'marked';

/**
 * The question prompt as safe HTML: Markdown rendered by marked, then sanitized by DOMPurify
 * (the prompt comes from the host, and may carry anything).
 */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}
