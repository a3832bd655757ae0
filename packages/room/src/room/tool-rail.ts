import { html, nothing, type TemplateResult } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { SessionView } from '@interview-kit/core';
import type { Tool } from './layout.js';
import { renderMarkdown } from '@interview-kit/core';
import type { RoomStrings } from './room.strings.js';

/** The tab label of each tool. */
export function toolLabel(tool: Tool, t: RoomStrings): string {
  return { feedback: t.feedback, notes: t.notes, tests: t.tests, guide: t.guide }[tool];
}

/** Tools that may hold no control of their own: their panel takes the focus, so that it scrolls from the keyboard. */
export const FOCUSABLE_TOOL_PANELS: readonly Tool[] = ['tests', 'guide'];

/**
 * What each tool shows: the host's `feedback` slot, the interviewers' private notes, every test
 * with its latest result, the question's guide (sanitized Markdown). The notes and the tests take
 * the room's session through context.
 */
export function renderTool(tool: Tool, view: SessionView): TemplateResult | typeof nothing {
  switch (tool) {
    case 'feedback':
      return html`<slot name="feedback"></slot>`;
    case 'notes':
      return html`<interview-notes></interview-notes>`;
    case 'tests':
      return html`<interview-tests></interview-tests>`;
    case 'guide':
      return view.question.guide ? html`<div class="guide markdown">${unsafeHTML(renderMarkdown(view.question.guide))}</div>` : nothing;
  }
}

let interviewerElements: Promise<unknown> | undefined;

/**
 * Loads the elements only interviewers see (`<interview-notes>`) once, on first need: candidates
 * never download them, and the room's initial load stays small.
 */
export function loadInterviewerElements(): Promise<unknown> {
  interviewerElements ??= import('@interview-kit/feedback/define').catch((error: unknown) => {
    interviewerElements = undefined;
    throw error;
  });
  return interviewerElements;
}
