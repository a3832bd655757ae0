// The sanitising Markdown renderer is shared with the feedback form; it lives in core.
export { renderMarkdown } from '@interview-kit/core';
