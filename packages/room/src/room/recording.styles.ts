import { css } from 'lit';

/** The recording notice (in the lobby's card, and above the panes until consent) and the header's recording indicator. */
export const recordingStyles = css`
  .recording-notice > ul {
    margin: 0.25em 0;
    padding-inline-start: 1.2em;
  }
  .recording-notice > h4 {
    margin: 0.75em 0 0.25em;
  }
  .recording-notice > h5 {
    margin: 0.75em 0 0.25em;
    font-size: 0.95em;
  }
  .recording-notice > .recording-consents {
    list-style: none;
    padding: 0;
  }
  .recording-consents .dot {
    background: var(--_border);
  }
  .recording-consents [data-consented='true'] .dot {
    background: var(--_success);
  }
  .recording-consents .role {
    margin-inline-start: 0.25em;
    color: var(--_muted);
  }
  .recording-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
  .recording-notice .declined,
  .recording-notice .waiting {
    font-weight: 600;
  }
  .base > .recording-notice {
    flex: none;
    max-height: 40%;
    overflow: auto;
    padding: calc(var(--_space) * 0.75);
    border: 1px solid var(--_accent);
    border-radius: var(--_radius, 6px);
  }
  .recording-indicator {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
  }
  .recording-indicator .dot {
    margin: 0;
    background: var(--_muted);
  }
  /* Narrow: the dot alone, its words in the tooltip and for screen readers. */
  .narrow .recording-indicator {
    padding: 0.3em;
  }
  .recording-indicator[data-state='recording'] .dot {
    background: var(--_danger);
  }
  .recording-indicator[data-state='retrying'],
  .recording-indicator[data-state='failed'] {
    border-color: var(--_warning);
  }
  .recording-indicator[data-state='retrying'] .dot,
  .recording-indicator[data-state='failed'] .dot {
    background: var(--_warning);
  }
`;
