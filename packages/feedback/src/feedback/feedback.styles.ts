import { css } from 'lit';
import { hostStyles, panelControlStyles, panelTokens, visuallyHiddenStyles } from '@interview-kit/core';

export const feedbackStyles = [
  hostStyles,
  panelTokens,
  panelControlStyles,
  visuallyHiddenStyles,
  css`
    :host {
      --_accent: var(--interview-feedback-accent, var(--interview-color-accent, #0969da));
    }
    * {
      box-sizing: border-box;
    }
    form {
      display: grid;
      gap: var(--_space);
      background: var(--_surface);
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
      gap: var(--_space);
    }
    h2 {
      font-size: 1.125em;
      margin: 0;
    }
    .rubric-title,
    .hint,
    .description,
    [part~='status'] {
      color: var(--_muted);
      font-size: 0.875em;
      margin: 0;
    }
    fieldset.group {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space);
      margin: 0;
      display: grid;
      gap: calc(var(--_space) / 1.5);
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
    .options {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
      gap: 0.5rem;
    }
    .options.compact {
      grid-template-columns: repeat(auto-fit, minmax(7rem, 1fr));
    }
    [part~='option'] {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.25rem 0.5rem;
      align-items: start;
      padding: 0.5rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      cursor: pointer;
    }
    [part~='option']:has(input:checked) {
      border-color: var(--_accent);
      box-shadow: inset 0 0 0 1px var(--_accent);
    }
    [part~='option']:has(input:focus-visible) {
      outline: 2px solid var(--_accent);
      outline-offset: 2px;
    }
    [part~='option'] input {
      margin: 0.2em 0 0;
      accent-color: var(--_accent);
    }
    .level {
      font-weight: 600;
    }
    .anchor {
      grid-column: 2;
      font-size: 0.875em;
      color: var(--_muted);
    }
    .summary {
      display: grid;
      gap: 0.35rem;
    }
    label.field {
      font-weight: 600;
      font-size: 0.875em;
    }
    textarea {
      width: 100%;
      min-height: 4.5rem;
      resize: vertical;
      font: inherit;
      color: inherit;
      background: var(--_surface);
      padding: 0.5rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    textarea[aria-invalid='true'],
    fieldset.group.invalid {
      border-color: var(--_danger);
    }
    .evidence-row {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 0.5rem;
    }
    [part~='submit'] {
      justify-self: start;
      background: var(--_accent);
      border-color: var(--_accent);
      color: var(--interview-color-on-accent, #ffffff);
      font-weight: 600;
      padding: 0.5rem 1rem;
    }
    button:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }
    [part~='error'] {
      color: var(--_danger);
      font-size: 0.875em;
      margin: 0;
    }
  `,
];
