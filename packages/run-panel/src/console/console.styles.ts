import { css } from 'lit';
import { hostStyles, panelTokens, visuallyHiddenStyles } from '@interview-kit/core';
import { xtermStyles } from './xterm.styles.js';

export const consoleStyles = [
  hostStyles,
  panelTokens,
  visuallyHiddenStyles,
  xtermStyles,
  css`
    :host {
      --_terminal-background: var(--interview-console-background, #0d1117);
      --_terminal-text: var(--interview-console-text, #e6edf3);
    }
    [part~='base'] {
      display: grid;
      grid-template-rows: auto auto minmax(12em, 1fr);
      gap: var(--_space);
      height: 100%;
      background: var(--_surface);
      color: var(--_text);
    }
    [part~='toolbar'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: end;
    }
    label {
      display: grid;
      gap: 0.2em;
      font-size: 0.875em;
      color: var(--_muted);
    }
    select,
    button {
      font: inherit;
      color: var(--_text);
      background: var(--_surface-raised);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.3em 0.7em;
    }
    button:focus-visible,
    select:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 1px;
    }
    button:disabled,
    select:disabled {
      opacity: 0.6;
    }
    [part~='status'] {
      margin: 0;
      font-size: 0.875em;
      color: var(--_muted);
    }
    [part~='terminal'] {
      min-height: 12em;
      padding: 0.4em;
      border-radius: var(--_radius);
      background: var(--_terminal-background);
      overflow: hidden;
    }
    [part~='terminal']:focus-within {
      outline: 2px solid var(--_accent);
      outline-offset: 1px;
    }
  `,
];
