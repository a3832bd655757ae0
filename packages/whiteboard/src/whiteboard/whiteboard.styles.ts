import { css } from 'lit';
import { hostStyles, panelControlStyles, themeTokens, visuallyHiddenStyles } from '@interview-kit/core';

export const whiteboardStyles = [
  hostStyles,
  visuallyHiddenStyles,
  themeTokens,
  panelControlStyles,
  css`
    :host {
      --_accent: var(--interview-color-accent, light-dark(#0969da, #4493f8));
      height: 100%;
      min-height: 0;
      box-sizing: border-box;
    }
    .base {
      display: flex;
      flex-direction: column;
      box-sizing: border-box;
      height: 100%;
      min-height: 0;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
      overflow: hidden;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.375rem 0.75rem;
      padding: 0.375rem 0.5rem;
      border-bottom: 1px solid var(--_border);
      font-size: 0.75rem;
    }
    .group {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
    }
    button {
      padding: 0.15rem 0.4rem;
    }
    button[aria-pressed='true'] {
      border-color: var(--_accent);
      box-shadow: inset 0 0 0 1px var(--_accent);
      font-weight: 600;
    }
    button:disabled {
      opacity: 0.5;
      cursor: default;
    }
    .swatch {
      inline-size: 1.4rem;
      block-size: 1.4rem;
      padding: 0;
      background: var(--_swatch);
      border: 2px solid var(--_surface);
      outline: 1px solid var(--_border);
    }
    .swatch[aria-pressed='true'] {
      outline: 2px solid var(--_accent);
    }
    .stage {
      position: relative;
      flex: 1;
      min-height: var(--interview-whiteboard-min-height, 20rem);
      overflow: hidden;
    }
    .board {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      touch-action: none;
      user-select: none;
      color: var(--_text);
      cursor: crosshair;
    }
    .board:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: -2px;
    }
    .board.tool-hand {
      cursor: grab;
    }
    .board.tool-select {
      cursor: default;
    }
    .board.tool-text,
    .board.tool-note {
      cursor: text;
    }
    .shapes g > * {
      pointer-events: all;
    }
    .board.tool-select .shapes g {
      cursor: move;
    }
    .selection {
      fill: none;
      stroke: var(--_accent);
      stroke-dasharray: 4 3;
      vector-effect: non-scaling-stroke;
      pointer-events: none;
    }
    .handle {
      fill: var(--_surface);
      stroke: var(--_accent);
      vector-effect: non-scaling-stroke;
      cursor: nwse-resize;
    }
    .preview {
      pointer-events: none;
      opacity: 0.8;
    }
    textarea {
      position: absolute;
      min-inline-size: 12rem;
      min-block-size: 4rem;
      font: 16px sans-serif;
      color: var(--_text);
      background: var(--_surface);
      border: 1px solid var(--_accent);
      border-radius: var(--_radius);
    }
    textarea.note {
      background: #fef3c7;
      color: #1f2937;
    }
    .status {
      margin: 0;
      padding: 0 0.5rem;
      color: var(--_muted);
      font-size: 0.8125rem;
    }
    .status:empty {
      display: none;
    }
  `,
];
