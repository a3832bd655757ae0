import { css } from 'lit';
import { hostStyles, panelTokens, visuallyHiddenStyles } from '@interview-kit/core';

export const testsStyles = [
  hostStyles,
  panelTokens,
  visuallyHiddenStyles,
  css`
    :host {
      --_mono: var(--interview-font-family-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    }
    [part~='base'] {
      display: grid;
      gap: var(--_space);
      background: var(--_surface);
      color: var(--_text);
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-size: 0.875em;
    }
    caption {
      text-align: start;
      font-weight: 600;
      padding-block-end: 0.25em;
    }
    th,
    td {
      text-align: start;
      vertical-align: top;
      border-bottom: 1px solid var(--_border);
      padding: 0.3em 0.5em;
    }
    thead th {
      color: var(--_muted);
      font-weight: 600;
      white-space: nowrap;
    }
    td pre {
      /* Program text reads left to right, in a right-to-left page too. */
      direction: ltr;
      margin: 0;
      max-height: 6em;
      overflow: auto;
      font-family: var(--_mono);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    [part~='hidden-mark'] {
      display: inline-block;
      margin-inline-start: 0.4em;
      padding: 0 0.4em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      color: var(--_muted);
      font-size: 0.8em;
      font-weight: normal;
    }
    [part~='result'] {
      font-weight: 600;
      white-space: nowrap;
    }
    [data-outcome='passed'] [part~='result'] {
      color: var(--_success);
    }
    [data-outcome='failed'] [part~='result'],
    [data-outcome='error'] [part~='result'] {
      color: var(--_danger);
    }
    [part~='not-run'] {
      color: var(--_muted);
      font-weight: normal;
    }
    [part~='time'] {
      color: var(--_muted);
      white-space: nowrap;
    }
    details {
      font-size: 0.9em;
      margin-top: 0.2em;
    }
    summary {
      cursor: pointer;
      color: var(--_muted);
    }
    summary:focus-visible,
    pre:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 1px;
    }
    [part~='note'] {
      margin: 0;
      color: var(--_muted);
      font-size: 0.875em;
    }
  `,
];
