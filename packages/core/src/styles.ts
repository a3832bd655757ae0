/**
 * Style fragments every element composes before its own styles (`static styles = [hostStyles, …]`),
 * so that the shared basics cannot drift apart. Each element keeps its own look on top.
 *
 * @module
 */
import { css } from 'lit';

/** A block in the page's font and text colour, gone when `hidden`. */
export const hostStyles = css`
  :host {
    display: block;
    font-family: var(--interview-font-family, system-ui, sans-serif);
    color: var(--interview-color-text, #1f2328);
  }
  :host([hidden]) {
    display: none;
  }
`;

/** Read by screen readers, not shown. */
export const visuallyHiddenStyles = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`;

/**
 * The one default theme of every element: each value is overridable by its `--interview-*`
 * custom property, so a host themes the whole room at once. Elements may refine `--_accent`
 * with their own property (e.g. `--interview-editor-accent`) after these.
 */
export const themeTokens = css`
  :host {
    font-size: var(--interview-font-size, 0.9375rem);
    --_accent: var(--interview-color-accent, #0969da);
    --_surface: var(--interview-color-surface, #ffffff);
    --_muted: var(--interview-color-muted, #59636e);
    --_border: var(--interview-color-border, #d1d9e0);
    --_danger: var(--interview-color-danger, #d1242f);
    --_radius: var(--interview-radius, 6px);
    --_space: var(--interview-space, 0.75rem);
  }
`;

/** The theme plus the reading line height of the form-like panels (feedback, notes, run panel). */
export const panelTokens = css`
  ${themeTokens}
  :host {
    line-height: 1.45;
  }
`;

/** Plain buttons and the focus ring of the form-like panels; each element sets `--_accent`. */
export const panelControlStyles = css`
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
`;
