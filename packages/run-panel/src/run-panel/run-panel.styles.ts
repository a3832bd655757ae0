import { css } from 'lit';
import { hostStyles, panelControlStyles, panelTokens, visuallyHiddenStyles } from '@interview-kit/core';

export const runPanelStyles = [
  hostStyles,
  panelTokens,
  panelControlStyles,
  visuallyHiddenStyles,
  css`
    :host {
      /* Colours come from the shared theme tokens (light and dark); only the element's own overrides here. */
      --_panel-accent: var(--interview-run-panel-accent, var(--_accent));
      --_console-bg: var(--interview-console-background, var(--_surface-raised));
      --_console-fg: var(--interview-console-color, var(--_text));
      --_console-err: var(--interview-console-error-color, var(--_danger));
      --_mono: var(--interview-font-family-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    }
    * {
      box-sizing: border-box;
    }
    [part~='base'] {
      display: grid;
      gap: var(--_space);
      background: var(--_surface);
    }
    [part~='toolbar'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    button {
      padding: 0.3em 0.9em;
    }
    button:focus-visible,
    textarea:focus-visible,
    summary:focus-visible,
    pre:focus-visible {
      outline: 2px solid var(--_panel-accent);
      outline-offset: 2px;
    }
    button:disabled {
      opacity: 0.55;
      cursor: not-allowed;
    }
    [part~='run-button'] {
      background: var(--_panel-accent);
      border-color: var(--_panel-accent);
      color: var(--_on-accent);
      font-weight: 600;
    }
    kbd {
      font-family: var(--_mono);
      font-size: 0.8em;
      margin-inline-start: 0.4em;
    }
    [part~='language'],
    [part~='elapsed'],
    [part~='notice'],
    [part~='status'] {
      color: var(--_muted);
      font-size: 0.875em;
    }
    [part~='language'] {
      margin-inline-start: auto;
    }
    label {
      display: grid;
      gap: 0.25rem;
      font-size: 0.875em;
      font-weight: 600;
    }
    textarea[readonly] {
      background: var(--_surface-raised);
    }
    textarea {
      font-family: var(--_mono);
      font-size: 0.875rem;
      font-weight: normal;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.4em 0.6em;
      min-height: 3.2em;
      resize: vertical;
      background: var(--_surface);
      color: inherit;
    }
    [part~='status'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.35em 1em;
      margin: 0;
    }
    [part~='verdict'] {
      font-weight: 600;
      color: var(--_danger);
    }
    [part~='verdict'][data-verdict='ok'] {
      color: var(--_success);
    }
    [part~='outcome'] {
      font-weight: 600;
      color: var(--_success);
    }
    /* Failed tests are the outcome, whatever the program's own ending: the verdict does not look like success then. */
    [data-tests='failed'] [part~='outcome'] {
      color: var(--_danger);
    }
    [data-tests='failed'] [part~='verdict'][data-verdict='ok'] {
      color: inherit;
      font-weight: normal;
    }
    [part~='notice'] {
      margin: 0;
    }
    [part~='error'] {
      color: var(--_danger);
      margin: 0;
    }
    /* Program text reads left to right, in a right-to-left page too. */
    pre,
    textarea {
      direction: ltr;
    }
    /* Program text: the console and the input a run read. */
    [part~='console'],
    [part~='run-input'] pre {
      margin: 0;
      overflow: auto;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_console-bg);
      color: var(--_console-fg);
      font-family: var(--_mono);
      font-size: 0.8125rem;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    [part~='console'] {
      min-height: 4em;
      max-height: var(--interview-console-max-height, 20em);
      padding: 0.6em 0.8em;
    }
    [part~='stderr'] {
      color: var(--_console-err);
    }
    .placeholder {
      color: var(--_muted);
      font-style: italic;
    }
    h3 {
      font-size: 1em;
      margin: 0;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-size: 0.875em;
    }
    th,
    td {
      text-align: start;
      border-bottom: 1px solid var(--_border);
      padding: 0.3em 0.5em;
      vertical-align: top;
    }
    td pre {
      margin: 0;
      font-family: var(--_mono);
      white-space: pre-wrap;
    }
    .passed {
      color: var(--_success);
      font-weight: 600;
    }
    .failed {
      color: var(--_danger);
      font-weight: 600;
    }
    [part~='history'] ol {
      list-style: none;
      margin: 0.4em 0 0;
      padding: 0;
      display: grid;
      gap: 0.2em;
    }
    [part~='history-item'] {
      width: 100%;
      text-align: start;
      border-color: transparent;
      font-size: 0.875em;
    }
    [part~='history-item'][aria-current='true'] {
      border-color: var(--_panel-accent);
    }
    [part~='run-input'] {
      margin: 0;
      display: grid;
      gap: 0.25rem;
    }
    [part~='run-input'] figcaption {
      font-size: 0.875em;
      font-weight: 600;
    }
    [part~='run-input'] .cut {
      color: var(--_muted);
      font-weight: normal;
    }
    [part~='run-input'] pre {
      max-height: 8em;
      padding: 0.4em 0.8em;
    }
  `,
];
