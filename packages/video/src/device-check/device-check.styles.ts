import { css } from 'lit';
import { hostStyles, themeTokens } from '@interview-kit/core';
import { mediaControlStyles } from '../media-controls.styles.js';

export const deviceCheckStyles = [
  hostStyles,
  themeTokens,
  mediaControlStyles,
  css`
    .preview {
      position: relative;
      aspect-ratio: 16 / 9;
      max-width: var(--interview-device-check-preview-width, 24rem);
      border-radius: var(--_radius);
      overflow: hidden;
      background: var(--_tile);
      color: var(--_on-tile);
      display: grid;
      place-items: center;
    }
    video {
      width: 100%;
      height: 100%;
      object-fit: cover;
      display: block;
      transform: scaleX(-1);
    }
    .meter {
      display: flex;
      gap: 0.5em;
      align-items: center;
    }
    .track {
      flex: 0 1 12rem;
      height: 0.5rem;
      border-radius: 0.25rem;
      background: var(--_border);
      overflow: hidden;
    }
    .level {
      height: 100%;
      background: var(--interview-device-check-meter-color, var(--_accent));
      transition: width 0.1s linear;
    }
    .devices {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
    }
    label {
      display: flex;
      flex-direction: column;
      gap: 0.25em;
    }
    button.primary {
      align-self: flex-start;
    }
    .error {
      margin: 0;
    }
    @media (prefers-reduced-motion: reduce) {
      .level {
        transition: none;
      }
    }
  `,
];
