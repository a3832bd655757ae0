import { css } from 'lit';
import { hostStyles, themeTokens } from '@interview-kit/core';

/** The Replay's recording: media and captions beside the transcript, the timeline under both. */
export const replayMediaStyles = [
  hostStyles,
  themeTokens,
  css`
    /* Above the editor in the Replay: its natural height, up to half the pane (then it scrolls); the code takes the rest. */
    :host {
      display: block;
      flex: 0 0 auto;
      max-height: 50%;
      overflow: auto;
      color: var(--_text);
    }
    .status {
      margin: 0;
      padding: calc(var(--_space) / 2) var(--_space);
      color: var(--_muted);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .replay-media {
      display: grid;
      grid-template-columns: minmax(0, 3fr) minmax(12rem, 2fr);
      grid-template-areas: 'stage transcript' 'timeline timeline';
      gap: calc(var(--_space) / 2);
      padding: calc(var(--_space) / 2);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .stage {
      grid-area: stage;
      display: flex;
      flex-direction: column;
      gap: calc(var(--_space) / 2);
      min-width: 0;
    }
    .media {
      display: flex;
      gap: calc(var(--_space) / 2);
      align-items: flex-start;
    }
    .tile {
      position: relative;
      margin: 0;
      border-radius: var(--_radius);
      overflow: hidden;
      background: light-dark(#1f2328, #010409);
      color: #f0f3f6;
      outline: 2px solid transparent;
    }
    .tile[data-speaking] {
      outline-color: var(--_accent);
    }
    .tile.main {
      flex: 1 1 auto;
    }
    .tile.side {
      flex: 0 0 28%;
    }
    video {
      display: block;
      width: 100%;
      max-height: var(--interview-replay-media-height, 10rem);
      object-fit: contain;
    }
    figcaption {
      position: absolute;
      inset-inline-start: 0.4rem;
      inset-block-end: 0.4rem;
      padding: 0.1rem 0.4rem;
      border-radius: var(--_radius);
      background: rgb(0 0 0 / 0.6);
      font-size: 0.85em;
    }
    .tile[data-kind='audio'] {
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 0.25rem;
      min-height: 5rem;
      padding: var(--_space);
    }
    .tile.main[data-kind='audio'] {
      min-height: 8rem;
    }
    .speaker {
      font-size: 1.2em;
      font-weight: 600;
    }
    .audio-only {
      font-size: 0.85em;
      opacity: 0.8;
    }
    .captions {
      min-height: 2.6em;
    }
    .captions p {
      margin: 0;
      padding: 0.2rem 0.5rem;
      border-radius: var(--_radius);
      background: var(--_surface-raised);
    }
    /* As tall as the media beside it (it adds no height of its own), its list scrolling. */
    .transcript {
      grid-area: transcript;
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      height: 0;
      min-height: 100%;
    }
    input[type='search'] {
      font: inherit;
      color: inherit;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.25rem 0.5rem;
    }
    .matches {
      margin: 0;
      min-height: 1.2em;
      font-size: 0.85em;
      color: var(--_muted);
    }
    .empty {
      margin: 0;
      color: var(--_muted);
    }
    .transcript ol {
      list-style: none;
      margin: 0;
      padding: 0;
      overflow: auto;
      flex: 1 1 auto;
    }
    .transcript button {
      display: block;
      width: 100%;
      text-align: start;
      font: inherit;
      color: inherit;
      background: none;
      border: none;
      border-radius: var(--_radius);
      padding: 0.2rem 0.4rem;
      cursor: pointer;
    }
    .transcript button:hover,
    .transcript button[aria-current='true'] {
      background: var(--_surface-raised);
    }
    .transcript button[aria-current='true'] {
      box-shadow: inset 3px 0 0 var(--_accent);
    }
    time {
      color: var(--_muted);
      font-variant-numeric: tabular-nums;
    }
    button:focus-visible,
    input:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 1px;
    }
    .timeline {
      grid-area: timeline;
      display: flex;
      align-items: center;
      gap: calc(var(--_space) / 2);
    }
    .timeline > button {
      font: inherit;
      color: var(--_on-accent);
      background: var(--_accent);
      border: 1px solid var(--_accent);
      border-radius: var(--_radius);
      padding: 0.2rem 0.75rem;
      cursor: pointer;
    }
    .track {
      position: relative;
      flex: 1 1 auto;
      padding-block: 0.6rem;
    }
    .track input {
      display: block;
      width: 100%;
      margin: 0;
    }
    .track ol {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .speech li {
      position: absolute;
      inset-block-start: 0;
      height: 0.35rem;
      min-width: 2px;
      border-radius: 1px;
      background: var(--_accent);
      opacity: 0.7;
    }
    .speech li[data-speaker='other'] {
      background: var(--_warning);
    }
    .run-marks li {
      position: absolute;
      inset-block-end: 0;
      transform: translateX(-50%);
    }
    .run-marks button {
      display: block;
      width: 0.7rem;
      height: 0.7rem;
      padding: 0;
      border-radius: 50%;
      border: 2px solid var(--_surface);
      background: var(--_success);
      cursor: pointer;
    }
    .run-marks button[data-outcome='failed'] {
      background: var(--_danger);
    }
    .position {
      color: var(--_muted);
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    @media (max-width: 40rem) {
      .replay-media {
        grid-template-columns: minmax(0, 1fr);
        grid-template-areas: 'stage' 'transcript' 'timeline';
      }
      .transcript {
        height: auto;
        min-height: 0;
        max-height: 10rem;
      }
    }
  `,
];
