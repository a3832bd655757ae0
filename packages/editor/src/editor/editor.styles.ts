import { css } from 'lit';
import { hostStyles, themeTokens, visuallyHiddenStyles } from '@interview-kit/core';

export const editorStyles = [
  hostStyles,
  visuallyHiddenStyles,
  themeTokens,
  css`
    :host {
      --_accent: var(--interview-editor-accent, var(--interview-color-accent, light-dark(#0969da, #4493f8)));
      /* The height the container gives (block, flex or grid); shrinks beside siblings in a flex column. */
      height: 100%;
      min-height: 0;
      box-sizing: border-box;
    }
    .base {
      display: flex;
      flex-direction: column;
      box-sizing: border-box;
      height: 100%;
      min-height: 0;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
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
    /* The file list beside the code; above it, as a row of tabs, when the element is narrow. */
    .base {
      container: editor / inline-size;
    }
    .workspace {
      flex: 1 1 auto;
      display: flex;
      min-height: 0;
    }
    .files {
      flex: 0 0 13rem;
      max-width: 40%;
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      overflow: auto;
      border-inline-end: 1px solid var(--_border);
      background: var(--_surface-raised);
      font-size: 0.875rem;
    }
    .files[hidden] {
      display: none;
    }
    .file-list {
      list-style: none;
      margin: 0;
      padding: 0.25rem 0 0;
    }
    .file {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
    }
    .file-button {
      flex: 1 1 0;
      min-width: 0;
      display: flex;
      align-items: center;
      gap: 0.375rem;
      padding: 0.25rem 0.75rem;
      border: 0;
      border-inline-start: 3px solid transparent;
      background: none;
      color: inherit;
      text-align: start;
      cursor: pointer;
    }
    .file-button[aria-current='true'] {
      border-inline-start-color: var(--_accent);
      background: var(--_surface);
      font-weight: 600;
    }
    .file-name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .entry-mark,
    .files-note {
      color: var(--_muted);
      font-size: 0.75rem;
      font-weight: normal;
    }
    .files-note {
      margin: 0.25rem 0 0;
    }
    .viewers {
      display: inline-flex;
      gap: 2px;
      margin-inline-start: auto;
    }
    .file-action {
      padding: 0 0.375rem;
      border: 0;
      background: none;
      color: var(--_muted);
      cursor: pointer;
    }
    .file-action:hover {
      color: var(--_text);
    }
    .files-actions,
    .name-form,
    .confirm {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem;
      padding: 0.25rem 0.75rem;
    }
    .confirm {
      flex-basis: 100%;
    }
    .name-form input {
      flex: 1 1 6rem;
      min-width: 0;
      color: var(--_text);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .name-form input[aria-invalid='true'] {
      border-color: var(--_danger);
    }
    .name-problem,
    .files-message {
      flex-basis: 100%;
      margin: 0;
      color: var(--_danger);
      font-size: 0.8125rem;
    }
    .files-message {
      padding: 0 0.75rem;
    }
    .files button:not(.file-button, .file-action) {
      color: var(--_text);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      cursor: pointer;
    }
    .files button.danger {
      color: var(--_danger);
      border-color: var(--_danger);
    }
    .files button:disabled {
      cursor: not-allowed;
      color: var(--_muted);
    }
    .files-toggle {
      color: var(--_text);
      background: none;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      cursor: pointer;
    }
    @container editor (max-width: 36rem) {
      .workspace {
        flex-direction: column;
      }
      .files {
        flex: 0 0 auto;
        max-width: none;
        flex-direction: row;
        flex-wrap: wrap;
        align-items: center;
        border-inline-end: 0;
        border-bottom: 1px solid var(--_border);
      }
      .file-list {
        display: flex;
        max-width: 100%;
        overflow-x: auto;
        padding: 0;
      }
      .file {
        flex: 0 0 auto;
        flex-wrap: nowrap;
      }
      /* A confirmation or a name field takes a line of its own, the whole width. */
      .file-list:has(.confirm, .name-form) {
        flex-wrap: wrap;
      }
      .file:has(> .confirm, > .name-form) {
        flex: 0 0 100%;
        flex-wrap: wrap;
      }
      .file-button {
        flex: 0 0 auto;
        border-inline-start: 0;
        border-bottom: 2px solid transparent;
      }
      .file-button[aria-current='true'] {
        border-bottom-color: var(--_accent);
      }
    }
    .editor {
      flex: 1 1 auto;
      min-width: 0;
      height: var(--interview-editor-height, auto);
      min-height: var(--interview-editor-min-height, 10rem);
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
    .track {
      flex: 1 1 12rem;
      display: flex;
      flex-direction: column;
      min-width: 8rem;
    }
    .track input[type='range'] {
      margin: 0;
      accent-color: var(--_accent);
    }
    /* Inset by half the slider's thumb, so that a mark sits where the thumb shows that moment. */
    .run-marks {
      position: relative;
      height: 1.5rem;
      margin: 0 0.5rem;
      padding: 0;
      list-style: none;
    }
    .run-marks li {
      position: absolute;
      top: 0;
      transform: translateX(-50%);
    }
    /* Right to left, a mark's position counts from the right edge: centre it the other way. */
    .run-marks li:dir(rtl) {
      transform: translateX(50%);
    }
    .run-mark {
      display: grid;
      place-items: center;
      width: 1.5rem;
      height: 1.5rem;
      padding: 0;
      border: 0;
      background: none;
      cursor: pointer;
    }
    /* Passed: a green circle; failed: a red diamond (told apart by shape as well as colour). */
    .run-mark::before {
      content: '';
      width: 0.625rem;
      height: 0.625rem;
      border-radius: 50%;
      background: var(--_success);
      box-shadow: 0 0 0 2px var(--_surface);
    }
    .run-mark[data-outcome='failed']::before {
      border-radius: 1px;
      transform: rotate(45deg);
      background: var(--_danger);
    }
    .run-outcome {
      margin: 0;
      padding: 0.375rem 0.75rem;
      border-top: 1px solid var(--_border);
      font-size: 0.875rem;
    }
    .run-outcome[data-outcome='passed'] {
      border-inline-start: 4px solid var(--_success);
    }
    .run-outcome[data-outcome='failed'] {
      border-inline-start: 4px solid var(--_danger);
    }
  `,
];
