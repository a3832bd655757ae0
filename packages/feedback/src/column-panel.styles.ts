import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * The frame shared by the column elements of the tool rail (notes, chat): a column that fills the
 * height the rail gives it, its `.base` taking what is left, its accent themed by the custom
 * property `accent` (e.g. `--interview-notes-accent`) over core's.
 */
export function columnPanelStyles(accent: `--interview-${string}`): CSSResult {
  return css`
    :host {
      --_own-accent: var(${unsafeCSS(accent)}, var(--_accent));
      display: flex;
      flex-direction: column;
      min-height: 0;
      min-width: 0;
    }
    * {
      box-sizing: border-box;
      --_accent: var(--_own-accent);
    }
    .base {
      flex: 1 1 auto;
      display: flex;
      flex-direction: column;
      min-height: 0;
      color: var(--_text);
      background: var(--_surface);
    }
  `;
}
