import { css } from 'lit';

/** The lobby, the full-room notices, the passing toasts and the end dialog. */
export const noticeStyles = css`
  .lobby {
    flex: 1;
    min-height: 0;
    overflow: auto;
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    width: 100%;
    max-width: 64rem;
    margin-inline: auto;
  }
  .lobby-row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .lobby-row > .lobby-card {
    flex: 1 1 20rem;
  }
  .lobby-card,
  .notice {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.5);
  }
  .lobby-card > h3,
  .notice > h3 {
    margin: 0 0 0.5em;
    font-size: 1.1em;
  }
  .lobby-card > h4 {
    margin: 1em 0 0.4em;
    font-size: 1em;
  }
  .lobby-participants,
  .records {
    margin: 0 0 1em;
    padding: 0;
    list-style: none;
    display: grid;
    gap: 0.3em;
  }
  .records {
    list-style: disc;
    padding-inline-start: 1.25em;
  }
  /* The candidate's disclosure of integrity signals: in the lobby's card, and above the panes until consent. */
  .integrity-disclosure > ul {
    margin: 0.25em 0;
    padding-inline-start: 1.2em;
  }
  .integrity-disclosure > h4 {
    margin: 0.75em 0 0.25em;
  }
  .base > .integrity-disclosure {
    flex: none;
    max-height: 40%;
    overflow: auto;
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_accent);
    border-radius: var(--_radius, 6px);
  }
  .signal-list {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .signal-list > li {
    display: flex;
    gap: 0.5em;
    padding-block: 0.2em;
  }
  .signal-list time {
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .lobby-participants .dot {
    background: var(--_border);
  }
  .lobby-participants [data-here='true'] .dot {
    background: var(--_success);
  }
  .lobby-participants .role {
    margin-inline-start: 0.25em;
    color: var(--_muted);
  }
  .notice {
    margin: auto;
    max-width: 32rem;
    text-align: center;
  }
  .notice[part='ended'] {
    margin: 0;
    max-width: none;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-inline-start: 4px solid var(--_accent);
    text-align: start;
  }
  .notice[part='ended'] h3 {
    margin-bottom: 0.25em;
  }
  .notice[part='ended'] p {
    margin: 0;
  }
  .toasts {
    position: absolute;
    inset-block-end: calc(var(--_space) * 1.5);
    inset-inline-end: calc(var(--_space) * 1.5);
    z-index: 10;
    display: flex;
    flex-direction: column;
    gap: 0.5em;
    margin: 0;
    padding: 0;
    list-style: none;
    max-width: min(24rem, calc(100% - 3 * var(--_space)));
  }
  /* Inverted: the text colour as background, in either scheme. */
  .toast {
    display: flex;
    align-items: center;
    gap: 0.75em;
    padding: 0.6em 0.6em 0.6em 0.9em;
    border-radius: var(--_radius);
    background: var(--_text);
    color: var(--_surface);
    box-shadow: 0 4px 12px rgb(0 0 0 / 20%);
    border-inline-start: 4px solid var(--_accent);
  }
  .toast.warning {
    border-inline-start-color: var(--_warning);
  }
  .toast.error {
    border-inline-start-color: var(--_danger);
  }
  .toast span {
    flex: 1;
  }
  .toast .dismiss {
    border: none;
    background: none;
    color: inherit;
    padding: 0 0.4em;
    font-size: 1.2em;
    line-height: 1;
  }
  .end-dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    padding: calc(var(--_space) * 1.5);
    max-width: min(28rem, 90vw);
  }
  .end-dialog::backdrop {
    background: rgb(0 0 0 / 40%);
  }
  .end-dialog h3 {
    margin: 0 0 0.5em;
  }
  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: 0.5em;
    margin-top: 1em;
  }
`;
