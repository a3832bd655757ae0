import { css } from 'lit';

/** The column layout, buttons, selects, messages and error banners of every element of this package. */
export const mediaControlStyles = css`
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
  }
  button,
  select {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.4em 0.8em;
    cursor: pointer;
  }
  button:focus-visible,
  select:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  button[aria-pressed='true'],
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  .message {
    margin: 0;
    color: var(--_muted);
  }
  .error {
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    padding: 0.5em 0.75em;
    color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
`;
