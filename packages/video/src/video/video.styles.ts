import { css } from 'lit';
import { hostStyles, themeTokens, visuallyHiddenStyles } from '@interview-kit/core';
import { mediaControlStyles } from '../media-controls.styles.js';

export const videoStyles = [
  hostStyles,
  visuallyHiddenStyles,
  themeTokens,
  mediaControlStyles,
  css`
    .icon {
      display: block;
      flex: none;
      width: 1.25rem;
      height: 1.25rem;
    }
    .stage {
      position: relative;
    }
    .tiles {
      display: grid;
      gap: calc(var(--_space) / 2);
      grid-template-columns: repeat(auto-fit, minmax(min(100%, var(--interview-video-tile-min-width, 12rem)), 1fr));
    }
    .stage.speaker {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_space) / 2);
    }
    .strip {
      display: grid;
      grid-auto-flow: column;
      /* Thumbnails: three to a row, the rest a scroll away. */
      grid-auto-columns: calc((100% - var(--_space)) / 3);
      gap: calc(var(--_space) / 2);
      overflow-x: auto;
    }
    /* Your own camera: small, over the top corner of the others (their captions are at the bottom). */
    .pip {
      position: absolute;
      z-index: 1;
      top: calc(var(--_space) / 2);
      inset-inline-end: calc(var(--_space) / 2);
      width: var(--interview-video-pip-width, clamp(5.5rem, 30%, 10rem));
    }
    .pip .tile {
      box-shadow:
        0 0 0 1px color-mix(in srgb, var(--_on-tile) 55%, transparent),
        0 2px 8px rgb(0 0 0 / 0.45);
    }
    .pip .avatar {
      font-size: 1em;
    }
    .pip .caption {
      font-size: 0.75em;
      padding: 0.15em 0.4em;
    }
    .tile {
      position: relative;
      margin: 0;
      aspect-ratio: 16 / 9;
      border-radius: var(--_radius);
      overflow: hidden;
      background: var(--_tile);
      color: var(--_on-tile);
      outline: 3px solid transparent;
      outline-offset: -3px;
      transition: outline-color 0.15s;
    }
    .tile.speaking {
      outline-color: var(--_accent);
    }
    video {
      width: 100%;
      height: 100%;
      object-fit: cover;
      display: block;
    }
    .mirrored video {
      transform: scaleX(-1);
    }
    .avatar {
      display: grid;
      place-items: center;
      width: 100%;
      height: 100%;
      font-size: 1.75em;
      font-weight: 600;
    }
    .caption {
      position: absolute;
      inset: auto 0 0 0;
      display: flex;
      gap: 0.4em;
      align-items: center;
      padding: 0.25em 0.5em;
      background: linear-gradient(transparent, rgb(0 0 0 / 0.7));
      color: var(--_on-tile);
      font-size: 0.85em;
    }
    .name {
      flex: 1;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .badge {
      display: inline-grid;
      place-items: center;
      padding: 0.15em;
      border-radius: 999px;
      background: rgb(0 0 0 / 0.5);
    }
    .badge .icon {
      width: 1em;
      height: 1em;
    }
    .badge.muted {
      background: var(--_danger);
      color: var(--_on-accent);
    }
    .quality {
      display: inline-flex;
      gap: 2px;
      align-items: flex-end;
      height: 0.9em;
    }
    .quality i {
      width: 3px;
      background: color-mix(in srgb, var(--_on-tile) 35%, transparent);
    }
    .quality i:nth-child(1) { height: 33%; }
    .quality i:nth-child(2) { height: 66%; }
    .quality i:nth-child(3) { height: 100%; }
    .quality[data-quality='excellent'] i,
    .quality[data-quality='good'] i:nth-child(-n + 2),
    .quality[data-quality='poor'] i:nth-child(1) {
      background: var(--_on-tile);
    }
    .quality[data-quality='lost'] i {
      background: var(--_danger);
    }

    /* One row of round icon buttons, never wrapping: they shrink a little in a narrow rail. */
    .controls {
      display: flex;
      flex-wrap: nowrap;
      justify-content: center;
      gap: 0.5rem;
    }
    .control {
      flex: 0 1 2.75rem;
      min-width: 2.25rem;
      height: 2.5rem;
      padding: 0;
      display: inline-grid;
      place-items: center;
      border-radius: 999px;
      background: var(--_surface-raised);
    }
    .control:hover {
      box-shadow: 0 0 0 2px color-mix(in srgb, var(--_accent) 35%, transparent);
    }
    /* Microphone and camera: plain while on, the danger colour (and a struck-through icon) while off. */
    .control[data-control='microphone'][aria-pressed='true'],
    .control[data-control='camera'][aria-pressed='true'] {
      background: var(--_surface-raised);
      border-color: var(--_border);
      color: inherit;
    }
    .control[data-control='microphone'][aria-pressed='false'],
    .control[data-control='camera'][aria-pressed='false'],
    .control[data-control='leave'] {
      background: var(--_danger);
      border-color: var(--_danger);
      color: var(--_on-accent);
    }
    .control[aria-expanded='true'] {
      background: var(--_accent);
      border-color: var(--_accent);
      color: var(--_on-accent);
    }
    .control[data-control='leave'] {
      flex-basis: 3.5rem;
    }
    .devices {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
    }
    .devices[hidden] {
      display: none;
    }
    .devices label {
      display: flex;
      flex-direction: column;
      gap: 0.25em;
    }

    /* Before joining: the tile your picture will be in, with Join and the device check under it. */
    .prejoin {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_space) / 2);
      max-width: var(--interview-video-prejoin-max-width, 36rem);
    }
    .prejoin .message {
      font-size: 0.9em;
    }
    .prejoin-actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
    }
    button.join {
      display: inline-flex;
      align-items: center;
      gap: 0.4em;
    }
    button.link {
      padding: 0.25em 0;
      border: none;
      background: none;
      color: var(--_accent);
      text-decoration: underline;
      text-underline-offset: 0.2em;
    }
    .note {
      color: var(--_muted);
    }
    .error p {
      margin: 0 0 0.25em;
    }
    @media (prefers-reduced-motion: reduce) {
      .tile {
        transition: none;
      }
    }
  `,
];
