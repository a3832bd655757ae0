import { canEdit, isPrivileged, type SessionView } from '@interview-kit/core';
import { guideOf } from './question-plan.js';

/** A section of the live room: a pane on wide screens, a tab on narrow ones. */
export type Section = 'question' | 'code' | 'whiteboard' | 'output' | 'console' | 'video' | Tool;

/** The tabs of the wide layout's run pane: the run panel's output, the interactive console. */
export type RunTab = 'output' | 'console';

/** A tab of the rail's tools: the interviewers' tools, and the chat, which everyone has. */
export type Tool = 'feedback' | 'notes' | 'tests' | 'guide' | 'signals' | 'chat' | 'assistant';

/** The sections everyone has, in tab order. */
const SHARED_SECTIONS: readonly Section[] = ['question', 'code', 'whiteboard', 'output', 'video'];

/** Where the narrow layout opens: the question, read before anything else. */
export const FIRST_SECTION: Section = 'question';

/** Where the tool rail opens. */
export const FIRST_TOOL: Tool = 'feedback';

/** Whether `view`'s viewer gets the interviewers' tools (feedback, notes, tests, guide). */
export function hasTools(view: SessionView): boolean {
  return view.viewer.role !== 'host' && isPrivileged(view.viewer.role);
}

/**
 * The rail's tools for `view`, in tab order: for interviewers their tools (the guide only when the
 * current question has one, the signals only when the session records them), then the chat, and
 * the assistant's draft once the interview ended; for candidates and observers the chat alone;
 * none for the host.
 */
export function toolsFor(view: SessionView): Tool[] {
  if (view.viewer.role === 'host') return [];
  if (!hasTools(view)) return ['chat'];
  const tools: Tool[] = ['feedback', 'notes', 'tests'];
  if (guideOf(view)) tools.push('guide');
  if (view.integrity === 'record') tools.push('signals');
  tools.push('chat');
  if (view.status === 'ended') tools.push('assistant');
  return tools;
}

/** Whether `view`'s viewer gets the interactive console: candidates and interviewers (the server gives observers none). */
export function hasConsole(view: SessionView): boolean {
  return view.viewer.role !== 'host' && canEdit(view.viewer.role);
}

/** Every section of the narrow layout's tabs for `view`: the shared ones (the console after the output, for those who have it), then the tools. */
export function sectionsFor(view: SessionView): Section[] {
  const shared = hasConsole(view) ? SHARED_SECTIONS.flatMap((id) => (id === 'output' ? [id, 'console' as const] : [id])) : SHARED_SECTIONS;
  return [...shared, ...toolsFor(view)];
}

/** `wanted` when it is one of `available`, else `fallback`. */
export function pick<T extends string>(available: readonly T[], wanted: T, fallback: T): T {
  return available.includes(wanted) ? wanted : fallback;
}

/** Whether `view`'s viewer may open the Replay of the session: interviewers, once it ended. */
export function canReplay(view: SessionView): boolean {
  return view.status === 'ended' && hasTools(view);
}

/**
 * The tab a key moves to in a tab list (WAI-ARIA tabs pattern): the arrow keys along
 * `orientation` to the previous or next one (wrapping), Home and End to the first and last;
 * `undefined` for any other key. Right to left (`dir`), the left and right arrows swap.
 */
export function tabAfterKey<T>(
  tabs: readonly T[],
  current: T,
  key: string,
  orientation: 'horizontal' | 'vertical' = 'horizontal',
  dir: 'ltr' | 'rtl' = 'ltr',
): T | undefined {
  const index = Math.max(0, tabs.indexOf(current));
  // Right to left, the first tab is on the right: ArrowLeft goes to the next.
  const across = dir === 'rtl' ? ['ArrowRight', 'ArrowLeft'] : ['ArrowLeft', 'ArrowRight'];
  const [previous, next] = orientation === 'horizontal' ? across : ['ArrowUp', 'ArrowDown'];
  if (key === previous) return tabs[(index - 1 + tabs.length) % tabs.length];
  if (key === next) return tabs[(index + 1) % tabs.length];
  if (key === 'Home') return tabs[0];
  if (key === 'End') return tabs[tabs.length - 1];
  return undefined;
}
