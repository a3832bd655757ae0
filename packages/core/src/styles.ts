/**
 * Style fragments every element composes before its own styles (`static styles = [hostStyles, …]`),
 * so that the shared basics cannot drift apart. Each element keeps its own look on top.
 *
 * @module
 */
import { css } from 'lit';

/**
 * A block in the page's font and text colour, gone when `hidden`. The `theme` attribute picks the
 * colour scheme: `light`, `dark`, or `auto` (the reader's `prefers-color-scheme`). Without it an
 * element follows the scheme it inherits: the room's, or the page's CSS `color-scheme`.
 */
export const hostStyles = css`
  :host {
    display: block;
    font-family: var(--interview-font-family, system-ui, sans-serif);
    color: var(--interview-color-text, light-dark(#1f2328, #e6edf3));
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([theme='auto']) {
    color-scheme: light dark;
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
 * The one default theme of every element, light and dark (CSS `light-dark()`, chosen by the
 * inherited `color-scheme`, see {@link hostStyles}): each value is overridable by its
 * `--interview-*` custom property, so a host themes the whole room at once. Elements may refine `--_accent`
 * with their own property (e.g. `--interview-editor-accent`) after these.
 */
export const themeTokens = css`
  :host {
    font-size: var(--interview-font-size, 0.9375rem);
    --_text: var(--interview-color-text, light-dark(#1f2328, #e6edf3));
    --_background: var(--interview-color-background, light-dark(#f6f8fa, #010409));
    --_accent: var(--interview-color-accent, light-dark(#0969da, #4493f8));
    --_on-accent: var(--interview-color-on-accent, light-dark(#ffffff, #0d1117));
    --_surface: var(--interview-color-surface, light-dark(#ffffff, #0d1117));
    --_surface-raised: var(--interview-color-surface-raised, light-dark(#f6f8fa, #151b23));
    --_muted: var(--interview-color-muted, light-dark(#59636e, #9198a1));
    --_border: var(--interview-color-border, light-dark(#d1d9e0, #3d444d));
    --_danger: var(--interview-color-danger, light-dark(#d1242f, #f85149));
    --_success: var(--interview-color-success, light-dark(#1a7f37, #3fb950));
    --_warning: var(--interview-color-warning, light-dark(#9a6700, #d29922));
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
