import { css } from 'lit';
import { hostStyles, themeTokens, visuallyHiddenStyles } from '@interview-kit/core';

export const roomStyles = [
  hostStyles,
  visuallyHiddenStyles,
  themeTokens,
  css`
    :host {
      height: var(--interview-room-height, 100vh);
      background: var(--interview-color-background, #f6f8fa);
    }
    .base {
      position: relative;
      display: flex;
      flex-direction: column;
      height: 100%;
      box-sizing: border-box;
      padding: var(--_space);
      gap: var(--_space);
    }
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em var(--_space);
    }
    .title {
      margin: 0;
      font-size: 1.15em;
      flex: 1 1 auto;
    }
    .timer {
      font-variant-numeric: tabular-nums;
    }
    .timer.overtime {
      color: var(--_danger);
    }
    .connection i,
    .presence i {
      display: inline-block;
      width: 0.6em;
      height: 0.6em;
      border-radius: 50%;
      margin-inline-end: 0.35em;
      background: var(--_muted);
    }
    .connection[data-status='synced'] i {
      background: #1e8e3e;
    }
    .connection[data-status='offline'] i {
      background: var(--_danger);
    }
    .presence {
      display: flex;
      gap: 0.75em;
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .presence i {
      background: var(--_user);
    }
    .role {
      margin-inline-start: 0.25em;
      color: var(--_muted);
    }
    button {
      font: inherit;
      color: inherit;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.35em 0.8em;
      cursor: pointer;
    }
    button.danger {
      color: var(--_danger);
      border-color: var(--_danger);
    }
    button:focus-visible,
    .separator:focus-visible,
    .pane:focus-visible {
      outline: 2px solid var(--_accent);
      outline-offset: 2px;
    }
    .panes {
      flex: 1;
      min-height: 0;
      display: flex;
      gap: 0;
    }
    .pane {
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      overflow: auto;
      box-sizing: border-box;
      padding: calc(var(--_space) / 1.5);
    }
    .pane[hidden] {
      display: none;
    }
    .wide .question {
      flex: 0 0 var(--_question);
    }
    .centre {
      flex: 1 1 0;
      min-width: 0;
      display: flex;
      flex-direction: column;
    }
    .wide .editor {
      flex: 0 0 var(--_editor);
      min-height: 0;
    }
    .wide .run {
      flex: 1 1 0;
      min-height: 0;
    }
    .rail {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      min-height: 0;
    }
    .wide .rail {
      flex: 0 0 var(--interview-room-rail-width, 20rem);
      margin-inline-start: var(--_space);
      overflow: auto;
    }
    /* The video keeps its natural height; the feedback form below it scrolls. */
    .wide .rail > .video {
      flex: 0 0 auto;
    }
    .separator {
      flex: 0 0 auto;
      background: transparent;
      position: relative;
      touch-action: none;
    }
    .separator::after {
      content: '';
      position: absolute;
      background: var(--_border);
      border-radius: 2px;
    }
    .separator.vertical {
      width: var(--_space);
      cursor: col-resize;
    }
    .separator.vertical::after {
      inset: 40% calc(50% - 2px);
    }
    .separator.horizontal {
      height: var(--_space);
      cursor: row-resize;
    }
    .separator.horizontal::after {
      inset: calc(50% - 2px) 40%;
    }
    .separator:hover::after,
    .separator.dragging::after,
    .separator:focus-visible::after {
      background: var(--_accent);
    }
    .tabs {
      display: flex;
      gap: 0.25em;
      overflow-x: auto;
      border-bottom: 1px solid var(--_border);
    }
    .tabs [role='tab'] {
      border: none;
      border-bottom: 3px solid transparent;
      border-radius: 0;
      background: none;
    }
    .tabs [role='tab'][aria-selected='true'] {
      border-bottom-color: var(--_accent);
      font-weight: 600;
    }
    .narrow .panes {
      flex-direction: column;
    }
    .narrow .pane {
      flex: 1 1 auto;
    }
    .narrow .centre,
    .narrow .rail {
      display: contents;
    }
    .prompt :first-child {
      margin-top: 0;
    }
    .prompt pre {
      overflow: auto;
      padding: 0.5em;
      background: var(--interview-color-background, #f6f8fa);
      border-radius: var(--_radius);
    }
    .message.error {
      color: var(--_danger);
    }
    .muted {
      color: var(--_muted);
    }
    button.primary {
      background: var(--_accent);
      border-color: var(--_accent);
      color: #fff;
      font-weight: 600;
    }
    button:disabled {
      opacity: 0.6;
      cursor: default;
    }
    .chip {
      padding: 0.15em 0.6em;
      border-radius: 999px;
      border: 1px solid var(--_border);
      background: var(--_surface);
      font-size: 0.9em;
    }
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
    .lobby-card h3,
    .notice h3 {
      margin: 0 0 0.5em;
      font-size: 1.1em;
    }
    .lobby-card h4 {
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
    .lobby-participants i {
      display: inline-block;
      width: 0.6em;
      height: 0.6em;
      border-radius: 50%;
      margin-inline-end: 0.35em;
      background: var(--_border);
    }
    .lobby-participants [data-here='true'] i {
      background: #1e8e3e;
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
    .toast {
      display: flex;
      align-items: center;
      gap: 0.75em;
      padding: 0.6em 0.6em 0.6em 0.9em;
      border-radius: var(--_radius);
      background: var(--interview-color-text, #1f2328);
      color: var(--_surface);
      box-shadow: 0 4px 12px rgb(0 0 0 / 20%);
      border-inline-start: 4px solid var(--_accent);
    }
    .toast.warning {
      border-inline-start-color: #bf8700;
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
      color: inherit;
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
  `,
];
