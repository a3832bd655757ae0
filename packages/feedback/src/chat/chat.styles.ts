import { css } from 'lit';
import { hostStyles, panelControlStyles, panelTokens, visuallyHiddenStyles } from '@interview-kit/core';
import { columnPanelStyles } from '../column-panel.styles.js';

/**
 * Theme tokens only (light and dark through core's `light-dark()` values). The element is a
 * column: the log takes the height left above the message field, so it fills a tool rail.
 */
export const chatStyles = [
  hostStyles,
  panelTokens,
  panelControlStyles,
  visuallyHiddenStyles,
  columnPanelStyles('--interview-chat-accent'),
  css`
    .base {
      gap: 0.5rem;
    }
    [part~='log'] {
      flex: 1 1 auto;
      min-height: var(--interview-chat-min-height, 8rem);
      overflow-y: auto;
      padding: 0.25rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    ol {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    [part~='log']:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 1px;
    }
    [part~='message'] {
      padding: 0.35rem 0.5rem;
      border-radius: var(--_radius);
    }
    [part~='message'] + [part~='message'] {
      margin-top: 0.25rem;
    }
    [part~='own'] {
      background: var(--_surface-raised);
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.4rem;
      align-items: baseline;
      margin: 0;
      font-size: 0.8125em;
    }
    .name {
      font-weight: 600;
    }
    .role,
    time,
    .empty,
    .hint,
    .notice {
      color: var(--_muted);
    }
    .text {
      margin: 0.1rem 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .pending .text {
      color: var(--_muted);
    }
    .status {
      margin: 0.2rem 0 0;
      font-size: 0.8125em;
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.5rem;
      align-items: center;
    }
    .refused .status {
      color: var(--_danger);
    }
    .status button {
      font-size: inherit;
      padding: 0.1rem 0.5rem;
    }
    .empty,
    .notice {
      margin: 0;
      padding: 0.25rem;
      font-size: 0.875em;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }
    .row {
      display: flex;
      gap: 0.5rem;
      align-items: flex-end;
    }
    textarea {
      flex: 1 1 auto;
      min-width: 0;
      min-height: 2.5rem;
      max-height: 8rem;
      resize: vertical;
      font: inherit;
      color: inherit;
      background: var(--_surface);
      padding: 0.4rem 0.5rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    [part~='send'] {
      background: var(--_accent);
      border-color: var(--_accent);
      color: var(--_on-accent);
    }
    [part~='send']:disabled {
      opacity: 0.6;
      cursor: default;
    }
    .hint {
      margin: 0;
      font-size: 0.75em;
    }
    .over {
      margin: 0;
      font-size: 0.8125em;
      color: var(--_danger);
    }
  `,
];
