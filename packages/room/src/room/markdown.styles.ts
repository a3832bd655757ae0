import { css } from 'lit';

/** Rendered Markdown (the question's prompt, the interviewers' guide) and the examples under the prompt. */
export const markdownStyles = css`
  .markdown {
    line-height: 1.55;
    overflow-wrap: break-word;
  }
  .markdown > :first-child {
    margin-top: 0;
  }
  .markdown > :last-child {
    margin-bottom: 0;
  }
  .markdown :is(h1, h2, h3, h4, h5, h6) {
    margin: 1.25em 0 0.5em;
    line-height: 1.25;
    font-weight: 600;
  }
  .markdown h1 {
    font-size: 1.4em;
  }
  .markdown h2 {
    font-size: 1.25em;
  }
  .markdown h3 {
    font-size: 1.1em;
  }
  .markdown :is(h4, h5, h6) {
    font-size: 1em;
  }
  .markdown :is(p, ul, ol, blockquote, pre, table) {
    margin: 0 0 0.85em;
  }
  .markdown :is(ul, ol) {
    padding-inline-start: 1.5em;
  }
  .markdown li + li {
    margin-top: 0.25em;
  }
  .markdown a {
    color: var(--_accent);
  }
  .markdown img {
    max-width: 100%;
  }
  .markdown hr {
    border: 0;
    border-top: 1px solid var(--_border);
    margin: 1.25em 0;
  }
  .markdown code,
  .examples pre {
    font-family: var(--interview-editor-font-family, ui-monospace, SFMono-Regular, Menlo, monospace);
    font-size: 0.875em;
    background: var(--_surface-raised);
    border-radius: 4px;
  }
  /* Code and program text read left to right, in a right-to-left room too. */
  .markdown code,
  .examples pre {
    direction: ltr;
    unicode-bidi: isolate;
  }
  .markdown pre {
    direction: ltr;
  }
  .markdown code {
    padding: 0.1em 0.35em;
    border: 1px solid var(--_border);
  }
  /* Long lines wrap: a scrolling block would need a keyboard stop of its own. */
  .markdown pre,
  .examples pre {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .markdown pre {
    padding: 0.75em 1em;
    background: var(--_surface-raised);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    line-height: 1.45;
  }
  .markdown pre code {
    padding: 0;
    border: 0;
    background: none;
    font-size: 0.875em;
  }
  .markdown blockquote {
    margin-inline: 0;
    padding: 0.25em 1em;
    border-inline-start: 4px solid var(--_border);
    color: var(--_muted);
  }
  .markdown table {
    display: block;
    max-width: 100%;
    overflow-x: auto;
    border-collapse: collapse;
  }
  .markdown :is(th, td) {
    border: 1px solid var(--_border);
    padding: 0.35em 0.75em;
    text-align: start;
  }
  .markdown th {
    background: var(--_surface-raised);
    font-weight: 600;
  }
  .examples h3 {
    margin: 1.5em 0 0.5em;
    font-size: 1em;
  }
  .examples ol {
    display: grid;
    gap: 0.6em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .example {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.6em 0.75em;
  }
  .example h4 {
    margin: 0 0 0.4em;
    font-size: 0.875em;
    font-weight: 600;
  }
  .example dl {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    align-items: baseline;
    gap: 0.35em 0.75em;
    margin: 0;
  }
  .example dt {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .example dd {
    margin: 0;
    min-width: 0;
  }
  .examples pre {
    margin: 0;
    padding: 0.3em 0.6em;
  }
  /* The interviewers' question switcher above the question. */
  .question-switcher {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
    align-items: center;
    margin-bottom: 0.8em;
  }
  .question-switcher select {
    flex: 1 1 12em;
    min-width: 0;
    font: inherit;
  }
  .question-title {
    margin: 0 0 0.5em;
  }
`;
