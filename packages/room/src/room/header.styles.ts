import { css } from 'lit';

/** The room's one compact header bar. */
export const headerStyles = css`
  .header,
  .header-main,
  .header-side {
    display: flex;
    align-items: center;
    gap: 0.35rem 0.75rem;
  }
  .header {
    min-height: 2.25rem;
  }
  .header-main {
    flex: 1 1 auto;
    min-width: 0;
  }
  /* Narrow: the title, time and status on one line, the people and buttons on the next. */
  .narrow .header {
    flex-direction: column;
    align-items: stretch;
  }
  .narrow :is(.header, .header-main, .header-side) {
    gap: 0.35rem 0.5rem;
  }
  .narrow .header-side {
    flex-wrap: wrap;
  }

  /* Plain heading text: the page's text colour, never underlined. */
  .title {
    flex: 1 1 auto;
    min-width: 0;
    margin: 0;
    color: var(--_text);
    font-size: 1.05em;
    font-weight: 600;
    text-decoration: none;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .timer {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .timer.overtime {
    color: var(--_danger);
  }
  .connection {
    display: inline-flex;
    align-items: center;
    white-space: nowrap;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .connection[data-status='synced'] .dot {
    background: var(--_success);
  }
  .connection[data-status='offline'] {
    color: var(--_danger);
  }
  .connection[data-status='offline'] .dot {
    background: var(--_danger);
  }
  .presence {
    display: flex;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .avatar {
    display: inline-grid;
    place-items: center;
    box-sizing: border-box;
    width: 1.9rem;
    height: 1.9rem;
    border-radius: 50%;
    border: 2px solid var(--_background);
    background: var(--_user);
    color: var(--_on-user);
    font-size: 0.75rem;
    font-weight: 600;
    cursor: default;
  }
  .avatar + .avatar {
    margin-inline-start: -0.3rem;
  }
  .header button {
    padding: 0.3em 0.75em;
    white-space: nowrap;
  }
  .narrow .header button {
    padding: 0.25em 0.55em;
  }
  .chip {
    padding: 0.15em 0.6em;
    border-radius: 999px;
    border: 1px solid var(--_border);
    background: var(--_surface);
    font-size: 0.875em;
    white-space: nowrap;
  }
`;
