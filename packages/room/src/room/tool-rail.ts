import { html, nothing, type TemplateResult } from 'lit';
import type { ChatModel, IntegritySignal, SessionView } from '@interview-kit/core';
import { renderSignals } from './integrity.js';
import type { Tool } from './layout.js';
import { onDemand } from './on-demand.js';
import { markdown } from './markdown-view.js';
import { guideOf, type QuestionGuide } from './question-plan.js';
import type { RoomStrings } from './room.strings.js';
import { stringsFor, type RoomLocale } from './room-locale.js';

/** The tab label of each tool; the chat's counts its unread messages. */
export function toolLabel(tool: Tool, t: RoomStrings, unread = 0): string {
  return tool === 'chat' ? t.chat(unread) : { feedback: t.feedback, notes: t.notes, tests: t.tests, guide: t.guide, signals: t.signals, assistant: t.assistant }[tool];
}

/** What the chat tool shows: the room's chat model (its unread count is on the tab; in a Replay, it is set to the moment shown). */
export interface ChatTool {
  model: ChatModel;
}

/** Tools that may hold no control of their own: their panel takes the focus, so that it scrolls from the keyboard. */
export const FOCUSABLE_TOOL_PANELS: readonly Tool[] = ['tests', 'guide', 'signals', 'assistant'];

/**
 * What each tool shows: the host's `feedback` slot, the interviewers' private notes, every test
 * with its latest result, the question's guide (sanitized Markdown), the integrity signals (`signals`, which the room polls),
 * everyone's chat (`chat`), and the assistant's draft once the interview ended. The notes, the tests, the chat and the
 * draft take the room's session through context.
 */
export function renderTool(
  tool: Tool,
  view: SessionView,
  t: RoomStrings,
  locale: RoomLocale,
  signals?: readonly IntegritySignal[],
  chat?: ChatTool,
): TemplateResult | typeof nothing {
  switch (tool) {
    case 'feedback':
      return html`<slot name="feedback"></slot>`;
    case 'notes':
      return html`<interview-notes lang=${locale.lang} .strings=${stringsFor(locale, 'interview-notes')}></interview-notes>`;
    case 'tests':
      return html`<interview-tests lang=${locale.lang} .strings=${stringsFor(locale, 'interview-tests')}></interview-tests>`;
    case 'guide': {
      const guide = guideOf(view);
      return guide ? renderGuide(guide, t) : nothing;
    }
    case 'signals':
      return renderSignals(signals, view, t, locale.format);
    case 'assistant':
      return html`<interview-assistant-draft .strings=${t} .format=${locale.format}></interview-assistant-draft>`;
    case 'chat':
      return html`<interview-chat
        lang=${locale.lang}
        .strings=${stringsFor(locale, 'interview-chat')}
        .model=${chat?.model}
      ></interview-chat>`;
  }
}

/** The current question's guide (sanitized Markdown), and a structured question's probes, indicators and anchors. */
function renderGuide(guide: QuestionGuide, t: RoomStrings): TemplateResult {
  const list = (part: string, heading: string, items: readonly string[], ordered = false) =>
    items.length
      ? html`<h4>${heading}</h4>
          ${ordered
            ? html`<ol part=${part}>${items.map((item) => html`<li>${item}</li>`)}</ol>`
            : html`<ul part=${part}>${items.map((item) => html`<li>${item}</li>`)}</ul>`}`
      : nothing;
  return html`<div class="guide markdown">
    ${guide.competency ? html`<p part="guide-competency">${t.competency(guide.competency)}</p>` : nothing}
    ${guide.guide ? markdown(guide.guide) : nothing} ${list('guide-probes', t.probes, guide.probes)}
    ${list('guide-positive', t.positiveIndicators, guide.positiveIndicators)} ${list('guide-negative', t.negativeIndicators, guide.negativeIndicators)}
    ${list('guide-anchors', t.anchors, guide.anchors, true)}
  </div>`;
}

/** Loads `<interview-chat>` once, on first need (everyone has it; the interviewers' elements stay apart). */
export const loadChatElement = onDemand(() => import('@interview-kit/feedback/chat'));

/**
 * Loads the elements only interviewers see (`<interview-notes>`, the Replay's recording and the
 * Assistant tool) once, on first need: candidates never download them, and the room's initial load
 * stays small.
 */
export const loadInterviewerElements = onDemand(() => Promise.all([import('@interview-kit/feedback/define'), import('./replay-elements.js')]));
