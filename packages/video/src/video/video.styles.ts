import { css } from 'lit';
import { hostStyles, themeTokens, visuallyHiddenStyles } from '@interview-kit/core';
import { mediaControlStyles } from '../media-controls.styles.js';

export const videoStyles = [
  hostStyles,
  visuallyHiddenStyles,
  themeTokens,
  mediaControlStyles,
  css`
    .stage.grid {
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
      grid-auto-columns: minmax(6rem, 1fr);
      gap: calc(var(--_space) / 2);
      overflow-x: auto;
    }
    .tile {
      position: relative;
      margin: 0;
      aspect-ratio: 16 / 9;
      border-radius: var(--_radius);
      overflow: hidden;
      background: var(--interview-video-tile-background, #202124);
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
      color: #fff;
      font-size: 1.75em;
      font-weight: 600;
    }
    .caption {
      position: absolute;
      inset: auto 0 0 0;
      display: flex;
      gap: 0.5em;
      align-items: center;
      padding: 0.25em 0.5em;
      background: linear-gradient(transparent, rgb(0 0 0 / 0.7));
      color: #fff;
      font-size: 0.85em;
    }
    .name {
      flex: 1;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .muted,
    .camera-off {
      padding: 0 0.35em;
      border-radius: 0.25em;
      background: rgb(0 0 0 / 0.5);
    }
    .muted {
      color: #ffb4ab;
    }
    .quality {
      display: inline-flex;
      gap: 2px;
      align-items: flex-end;
      height: 0.9em;
    }
    .quality i {
      width: 3px;
      background: rgb(255 255 255 / 0.35);
    }
    .quality i:nth-child(1) { height: 33%; }
    .quality i:nth-child(2) { height: 66%; }
    .quality i:nth-child(3) { height: 100%; }
    .quality[data-quality='excellent'] i,
    .quality[data-quality='good'] i:nth-child(-n + 2),
    .quality[data-quality='poor'] i:nth-child(1) {
      background: #fff;
    }
    .quality[data-quality='lost'] i {
      background: #ffb4ab;
    }
    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      align-items: center;
    }
    button.danger {
      color: var(--_danger);
      border-color: var(--_danger);
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
    .lobby {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 0.5em;
    }
    .lobby p {
      margin: 0;
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
