import { css } from 'lit';
import { hostStyles, panelControlStyles, panelTokens, visuallyHiddenStyles } from '@interview-kit/core';

export const notesStyles = [
  hostStyles,
  panelTokens,
  panelControlStyles,
  visuallyHiddenStyles,
  css`
    :host {
      --_accent: var(--interview-notes-accent, var(--interview-color-accent, #0969da));
    }
    .base {
      display: grid;
      gap: 0.35rem;
    }
    .bar {
      display: flex;
      justify-content: space-between;
      align-items: center;
      gap: 0.5rem;
    }
    label {
      font-weight: 600;
    }
    .hint,
    .unavailable {
      color: var(--_muted);
      font-size: 0.875em;
      margin: 0;
    }
    textarea {
      box-sizing: border-box;
      width: 100%;
      min-height: var(--interview-notes-min-height, 10rem);
      resize: vertical;
      font: inherit;
      font-family: var(--interview-notes-font-family, inherit);
      color: inherit;
      background: var(--_surface);
      padding: 0.5rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
  `,
];
