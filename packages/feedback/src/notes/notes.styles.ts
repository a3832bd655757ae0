import { css } from 'lit';

export const notesStyles = css`
  :host {
    display: block;
    font-family: var(--interview-font-family, system-ui, sans-serif);
    font-size: var(--interview-font-size, 0.9375rem);
    line-height: 1.45;
    color: var(--interview-color-text, #1f2328);
    --_surface: var(--interview-color-surface, #ffffff);
    --_muted: var(--interview-color-muted, #59636e);
    --_border: var(--interview-color-border, #d1d9e0);
    --_accent: var(--interview-notes-accent, var(--interview-color-accent, #0969da));
    --_radius: var(--interview-radius, 6px);
  }
  :host([hidden]) {
    display: none;
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
  button {
    font: inherit;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: inherit;
    padding: 0.3rem 0.75rem;
    cursor: pointer;
  }
  textarea:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
