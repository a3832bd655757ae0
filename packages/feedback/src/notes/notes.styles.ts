import { css } from 'lit';
import { hostStyles, panelControlStyles, panelTokens, visuallyHiddenStyles } from '@interview-kit/core';
import { columnPanelStyles } from '../column-panel.styles.js';

/**
 * Theme tokens only (light and dark through core's `light-dark()` values). The element is a
 * column whose text field takes the height left, so it fills whatever height a tool rail gives it.
 */
export const notesStyles = [
  hostStyles,
  panelTokens,
  panelControlStyles,
  visuallyHiddenStyles,
  columnPanelStyles('--interview-notes-accent'),
  css`
    .base {
      gap: 0.35rem;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: center;
      gap: 0.25rem 0.5rem;
    }
    label {
      font-weight: 600;
    }
    [part~='mark-moment'] {
      font-size: 0.8125em;
      padding: 0.15rem 0.5rem;
    }
    .hint {
      color: var(--_muted);
      font-size: 0.8125em;
      margin: 0;
    }
    textarea {
      flex: 1 1 auto;
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
