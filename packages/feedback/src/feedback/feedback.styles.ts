import { css } from 'lit';
import { hostStyles, panelControlStyles, panelTokens, visuallyHiddenStyles } from '@interview-kit/core';

/** Theme tokens only (light and dark through core's `light-dark()` values): no colour of its own. */
export const feedbackStyles = [
  hostStyles,
  panelTokens,
  panelControlStyles,
  visuallyHiddenStyles,
  css`
    :host {
      --_own-accent: var(--interview-feedback-accent, var(--_accent));
    }
    * {
      box-sizing: border-box;
      --_accent: var(--_own-accent);
    }
    form {
      display: grid;
      gap: var(--_space);
      background: var(--_surface);
      color: var(--_text);
      min-width: 0;
    }
    .frame {
      display: grid;
      gap: var(--_space);
      border: 0;
      margin: 0;
      padding: 0;
      min-width: 0;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      column-gap: var(--_space);
    }
    h2 {
      font-size: 1.0625em;
      margin: 0;
    }
    .rubric-title,
    .hint,
    .description,
    .asked,
    .anchor,
    [part~='status'] {
      color: var(--_muted);
      font-size: 0.8125em;
      margin: 0;
    }
    fieldset.group {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: calc(var(--_space) / 1.5);
      margin: 0;
      display: grid;
      gap: 0.4rem;
      min-width: 0;
    }
    legend {
      font-weight: 600;
      padding: 0 0.25em;
    }
    .required {
      color: var(--_muted);
      font-weight: normal;
      font-size: 0.875em;
    }

    /* A segmented control: native radios, visually the segments. */
    .segments {
      display: grid;
      grid-auto-columns: minmax(0, 1fr);
      grid-auto-flow: column;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .segment {
      position: relative;
      display: grid;
      justify-items: center;
      align-content: center;
      gap: 0.05rem;
      min-width: 0;
      padding: 0.3rem 0.2rem;
      text-align: center;
      line-height: 1.2;
      cursor: pointer;
      border-inline-start: 1px solid var(--_border);
    }
    .segment:first-child {
      border-inline-start: 0;
      border-start-start-radius: calc(var(--_radius) - 1px);
      border-end-start-radius: calc(var(--_radius) - 1px);
    }
    .segment:last-child {
      border-start-end-radius: calc(var(--_radius) - 1px);
      border-end-end-radius: calc(var(--_radius) - 1px);
    }
    .segment input {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      margin: 0;
      opacity: 0;
      cursor: inherit;
    }
    .segment:hover {
      background: var(--_surface-raised);
    }
    .segment:has(input:checked) {
      background: var(--_accent);
      color: var(--_on-accent);
    }
    .segment:has(input:focus-visible) {
      z-index: 1;
      outline: 2px solid var(--_accent);
      outline-offset: 2px;
    }
    fieldset:disabled .segment {
      cursor: default;
    }
    .number {
      font-weight: 600;
    }
    .short,
    .choice {
      font-size: 0.75em;
      overflow-wrap: anywhere;
    }
    .choice {
      font-size: 0.8125em;
      font-weight: 600;
    }
    .anchor {
      min-height: 2.6em;
    }
    .anchor.unrated {
      font-style: italic;
    }

    .evidence-row {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: 0.25rem 0.5rem;
    }
    .tools {
      display: flex;
      gap: 0.25rem;
    }
    .tools button {
      font-size: 0.8125em;
      padding: 0.15rem 0.5rem;
    }
    [part~='preview-toggle'][aria-pressed='true'] {
      border-color: var(--_accent);
      box-shadow: inset 0 0 0 1px var(--_accent);
    }
    .summary {
      display: grid;
      gap: 0.35rem;
    }
    .field {
      font-weight: 600;
      font-size: 0.875em;
    }
    textarea {
      width: 100%;
      min-height: 4rem;
      resize: vertical;
      font: inherit;
      color: inherit;
      background: var(--_surface);
      padding: 0.4rem 0.5rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    textarea[aria-invalid='true'],
    fieldset.group.invalid {
      border-color: var(--_danger);
    }

    /* Rendered evidence. */
    .preview {
      min-height: 4rem;
      padding: 0.4rem 0.5rem;
      border-radius: var(--_radius);
      background: var(--_surface-raised);
      overflow-wrap: anywhere;
    }
    .preview > :first-child {
      margin-top: 0;
    }
    .preview > :last-child {
      margin-bottom: 0;
    }
    .preview p,
    .preview ul,
    .preview ol {
      margin: 0.35em 0;
    }
    .preview ul,
    .preview ol {
      padding-inline-start: 1.25em;
    }
    .preview code {
      font-size: 0.875em;
    }
    .preview a {
      color: var(--_accent);
    }
    .preview .empty {
      color: var(--_muted);
      font-style: italic;
    }
    [part~='moment'] {
      display: inline-block;
      padding: 0 0.4em;
      border: 1px solid var(--_border);
      border-radius: 999px;
      background: var(--_surface);
      color: var(--_accent);
      font-size: 0.875em;
      font-variant-numeric: tabular-nums;
      text-decoration: none;
      white-space: nowrap;
    }
    [part~='moment'] .stopwatch {
      vertical-align: -0.125em;
    }
    [part~='moment']:hover {
      border-color: var(--_accent);
    }
    [part~='moment']:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 1px;
    }

    /* The submit button and, beside it, where the feedback stands. */
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem var(--_space);
    }
    .confirmation {
      flex: 1 1 8rem;
      display: grid;
      gap: 0.15rem;
    }
    [part~='status'].final {
      color: var(--_success);
      font-weight: 600;
    }
    [part~='form-error'] {
      color: var(--_danger);
      font-size: 0.8125em;
      font-weight: 600;
      margin: 0;
    }
    [part~='submit'] {
      background: var(--_accent);
      border-color: var(--_accent);
      color: var(--_on-accent);
      font-weight: 600;
      padding: 0.45rem 1rem;
    }
    button:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }
    [part~='error'] {
      color: var(--_danger);
      font-size: 0.8125em;
      margin: 0;
    }
  `,
];
