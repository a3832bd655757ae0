import { css } from 'lit';
import { hostStyles, themeTokens, visuallyHiddenStyles } from '@interview-kit/core';

export const editorStyles = [
  hostStyles,
  visuallyHiddenStyles,
  themeTokens,
  css`
    :host {
      --_accent: var(--interview-editor-accent, var(--interview-color-accent, #0969da));
      --_warning: var(--interview-color-warning, #9a6700);
    }
    .base {
      display: flex;
      flex-direction: column;
      border: 1px solid var(--_border);
      border-radius: var(--interview-radius, 6px);
      background: var(--_surface);
      overflow: hidden;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem;
      padding: 0.375rem 0.75rem;
      border-bottom: 1px solid var(--_border);
      font-size: 0.875rem;
    }
    .status {
      margin-inline-start: auto;
      color: var(--_muted);
    }
    .status[data-save='offline'] {
      color: var(--_warning);
    }
    .status[data-save='refused'] {
      color: var(--_danger);
      font-weight: 600;
    }
    .status[data-save='refused']::before {
      content: '⚠ ';
    }
    .ended-banner {
      margin: 0;
      padding: 0.5rem 0.75rem;
      border-bottom: 1px solid var(--_border);
      border-inline-start: 4px solid var(--_warning);
      font-weight: 600;
    }
    .presence {
      display: flex;
      gap: 0.5rem;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .presence li {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
    }
    .dot {
      width: 0.625rem;
      height: 0.625rem;
      border-radius: 50%;
      background: var(--_colour);
    }
    select,
    button,
    input {
      font: inherit;
    }
    select:focus-visible,
    button:focus-visible,
    input:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 2px;
    }
    .editor {
      height: var(--interview-editor-height, 24rem);
    }
    .editor .cm-editor {
      height: 100%;
      font-family: var(--interview-editor-font-family, ui-monospace, SFMono-Regular, Menlo, monospace);
      font-size: var(--interview-editor-font-size, 0.875rem);
    }
    .editor .cm-editor.cm-focused {
      outline: 2px solid var(--_accent);
      outline-offset: -2px;
    }
    .replay {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem;
      padding: 0.375rem 0.75rem;
      border-top: 1px solid var(--_border);
      font-size: 0.875rem;
    }
    .replay input[type='range'] {
      flex: 1 1 12rem;
      accent-color: var(--_accent);
    }
  `,
];
