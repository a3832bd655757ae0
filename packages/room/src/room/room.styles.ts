import { css } from 'lit';
import { hostStyles, panelControlStyles, themeTokens, visuallyHiddenStyles } from '@interview-kit/core';
import { headerStyles } from './header.styles.js';
import { markdownStyles } from './markdown.styles.js';
import { noticeStyles } from './notices.styles.js';
import { recordingStyles } from './recording.styles.js';

/** The room's layout: panes, splits, tabs, the tool rail; its parts' own styles follow. */
const layoutStyles = css`
  /* Follows the reader's colour scheme unless the theme attribute picks one; every part inherits it. */
  :host {
    color-scheme: light dark;
    height: var(--interview-room-height, 100vh);
    background: var(--_background);
  }
  .base {
    position: relative;
    display: flex;
    flex-direction: column;
    height: 100%;
    box-sizing: border-box;
    padding: calc(var(--_space) * 0.75) var(--_space) var(--_space);
    gap: calc(var(--_space) * 0.75);
  }
  .base.narrow {
    padding: calc(var(--_space) / 2);
    gap: calc(var(--_space) / 2);
  }
  button:hover {
    background: var(--_surface-raised);
  }
  button.danger {
    color: var(--_danger);
    border-color: var(--_danger);
  }
  /* The lobby's Start button; the Replay toggle while pressed. */
  button.primary,
  button[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button.primary {
    font-weight: 600;
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  .separator:focus-visible,
  .pane:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .panes {
    flex: 1;
    min-height: 0;
    display: flex;
  }
  .pane {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: auto;
    box-sizing: border-box;
    padding: var(--_space);
  }
  /* The editor draws its own frame and fills its pane. */
  .pane.editor {
    display: flex;
    flex-direction: column;
    padding: 0;
    border: none;
    background: none;
    overflow: hidden;
  }
  .pane.editor > interview-editor,
  .pane.editor > interview-whiteboard {
    flex: 1 1 auto;
    min-height: 0;
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
  .wide .run,
  .wide .console {
    flex: 1 1 0;
    min-height: 0;
  }
  .pane.console > interview-console {
    height: 100%;
  }
  .rail {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
    min-height: 0;
  }
  .wide .rail {
    flex: 0 0 var(--interview-room-rail-width, 20rem);
    margin-inline-start: var(--_space);
    overflow: auto;
  }
  .wide.with-tools .rail {
    flex-basis: var(--interview-room-rail-width, 24rem);
    overflow: hidden;
  }
  /* Video keeps its natural height; the tools below it take the rest and scroll. */
  .wide .rail > .video {
    flex: 0 0 auto;
  }
  /* Without tools, video is the whole rail: a column as tall as the others. */
  .wide:not(.with-tools) .rail > .video {
    flex: 1 1 auto;
  }
  .wide.with-tools .rail > .video {
    max-height: 50%;
  }
  .wide .tools {
    flex: 1 1 auto;
    min-height: 0;
    display: flex;
    flex-direction: column;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  .wide .tools > .pane {
    flex: 1 1 auto;
    min-height: 0;
    border: none;
    border-radius: 0;
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
  [role='tablist'] {
    display: flex;
    flex: 0 0 auto;
    gap: 0.25em;
    overflow-x: auto;
    scrollbar-width: none;
    border-bottom: 1px solid var(--_border);
  }
  .tool-tabs,
  .run-tabs {
    padding-inline: 0.25em;
  }
  /* Code | Whiteboard above the editor (wide): small, the editor's frame right under it. */
  .centre-tabs {
    font-size: 0.875em;
    margin-block-end: 0.25em;
  }
  [role='tab'] {
    flex: 0 0 auto;
    border: none;
    border-bottom: 3px solid transparent;
    border-radius: 0;
    background: none;
    padding: 0.45em 0.7em;
    color: var(--_muted);
  }
  [role='tab']:hover {
    background: none;
    color: var(--_text);
  }
  [role='tab'][aria-selected='true'] {
    border-bottom-color: var(--_accent);
    color: var(--_text);
    font-weight: 600;
  }
  .narrow [role='tab'] {
    padding-inline: 0.55em;
  }
  [role='tab']:focus-visible {
    outline-offset: -2px;
  }
  .narrow .panes {
    flex-direction: column;
  }
  .narrow .pane {
    flex: 1 1 auto;
    min-height: 0;
  }
  .narrow .centre,
  .narrow .rail,
  .narrow .tools {
    display: contents;
  }
  .pane[hidden] {
    display: none;
  }
  /* A status dot: the connection, a participant here or not. */
  .dot {
    display: inline-block;
    flex: 0 0 auto;
    width: 0.6em;
    height: 0.6em;
    border-radius: 50%;
    margin-inline-end: 0.35em;
    background: var(--_muted);
  }
  .message.error {
    color: var(--_danger);
  }
  .muted {
    color: var(--_muted);
  }
`;

export const roomStyles = [hostStyles, visuallyHiddenStyles, themeTokens, panelControlStyles, layoutStyles, headerStyles, markdownStyles, noticeStyles, recordingStyles];
