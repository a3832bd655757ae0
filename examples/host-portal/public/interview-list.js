import { fetchJson, ROLE_LABELS, STATUS_LABELS } from './api.js';
import { bindCopyLink } from './copy-link.js';
import { showOutcome } from './interview-outcome.js';
import { timeElement } from './local-time.js';
import { createPagedList } from './paged-list.js';

/**
 * @typedef {{ id: string, name: string, role: keyof typeof ROLE_LABELS }} ListedParticipant
 * @typedef {{
 *   id: string, title: string, status: keyof typeof STATUS_LABELS, scheduledAt: string | null,
 *   startedAt: string | null, endedAt: string | null, durationMinutes: number | null,
 *   participants: ListedParticipant[], outcome: import('./interview-outcome.js').InterviewOutcome | null,
 * }} ListedInterview one entry of the portal's `GET /api/sessions`
 */

/** Clones the first element of a `<template>`. @param {string} id */
function fromTemplate(id) {
  const template = /** @type {HTMLTemplateElement} */ (document.getElementById(id));
  return /** @type {HTMLElement} */ (template.content.firstElementChild?.cloneNode(true));
}

/** The element of a cloned template marked `data-part="name"`. @param {ParentNode} root @param {string} name */
const part = (root, name) => /** @type {HTMLElement} */ (root.querySelector(`[data-part="${name}"]`));

/** The interview's schedule and state in one line: "Planned for Thu, 14 Mar 2030, 09:30 · 45 minutes". @param {ListedInterview} interview */
function whenLine(interview) {
  /** @type {(string | Node)[][]} */
  const pieces = [interview.scheduledAt ? ['Planned for ', timeElement(interview.scheduledAt)] : ['No date set']];
  if (interview.durationMinutes) pieces.push([`${interview.durationMinutes} minutes`]);
  if (interview.status === 'live' && interview.startedAt) pieces.push(['live since ', timeElement(interview.startedAt)]);
  if (interview.status === 'ended' && interview.endedAt) pieces.push(['ended ', timeElement(interview.endedAt)]);
  if (interview.status === 'cancelled' && interview.endedAt) pieces.push(['cancelled ', timeElement(interview.endedAt)]);
  return pieces.flatMap((piece, index) => (index === 0 ? piece : [' · ', ...piece]));
}

/**
 * The list of interviews, one page at a time from the portal's API (which asks the Interview Kit
 * server): each with its state, schedule, a link and a copy button per participant, the scorecard,
 * once it ended a link to its replay,
 * what the webhooks told (score, report links; `update` shows news as it comes) and, while it is
 * scheduled, a cancel button that asks first.
 *
 * @param {{
 *   list: HTMLUListElement, empty: HTMLElement, error: HTMLElement, loadMore: HTMLButtonElement,
 *   announce: (message: string) => void, confirmCancel: (title: string) => Promise<boolean>, pageSize?: number,
 * }} parts
 */
export function createInterviewList({ list, empty, error, loadMore, announce, confirmCancel, pageSize = 10 }) {
  /** @type {Map<string, ListedInterview>} the interviews on show, by id, as last shown */
  const shown = new Map();
  const paged = createPagedList({
    list,
    loadMore,
    error,
    fetchPage: async (cursor) => {
      const query = new URLSearchParams({ limit: String(pageSize), ...(cursor ? { cursor } : {}) });
      /** @type {{ sessions: ListedInterview[], nextCursor: string | null }} */
      const answer = await fetchJson(`/api/sessions?${query}`);
      return { items: answer.sessions, nextCursor: answer.nextCursor };
    },
    render: (interview) => item(interview),
    // The button may be gone after a page; the first new interview is where reading goes on.
    focusTarget: (entry) => part(entry, 'title'),
    onShown: (count) => (empty.hidden = count > 0),
  });
  const showError = (/** @type {unknown} */ problem) => paged.showError(problem);

  /** @param {ListedInterview} interview @param {ListedParticipant} participant */
  function participantEntry(interview, participant) {
    const entry = fromTemplate('participant-link');
    const href = `/room/${encodeURIComponent(interview.id)}/${encodeURIComponent(participant.id)}`;
    const link = /** @type {HTMLAnchorElement} */ (part(entry, 'room'));
    link.href = href;
    link.textContent = participant.name;
    part(entry, 'role').textContent = ROLE_LABELS[participant.role] ?? participant.role;
    const button = /** @type {HTMLButtonElement} */ (part(entry, 'copy'));
    if (interview.status === 'cancelled') {
      button.remove(); // nobody needs the link of a cancelled interview
    } else {
      part(entry, 'copy-of').textContent = ` for ${participant.name}`;
      bindCopyLink({
        button,
        label: part(entry, 'copy-label'),
        manual: /** @type {HTMLInputElement} */ (part(entry, 'manual-copy')),
        url: new URL(href, location.origin).href,
        who: participant.name,
        announce,
      });
    }
    return entry;
  }

  /** Shows the state on an entry's badge. @param {HTMLElement} entry @param {ListedInterview['status']} status */
  function showStatus(entry, status) {
    entry.dataset.status = status;
    const badge = part(entry, 'status');
    badge.textContent = STATUS_LABELS[status] ?? status;
    badge.dataset.status = status;
  }

  /** @param {ListedInterview} interview */
  function item(interview) {
    const entry = fromTemplate('interview-item');
    entry.id = `interview-${interview.id}`;
    shown.set(interview.id, interview);
    part(entry, 'title').textContent = interview.title;
    showStatus(entry, interview.status);
    part(entry, 'when').replaceChildren(...whenLine(interview));
    const people = part(entry, 'participants');
    people.setAttribute('aria-label', `Participant links for ${interview.title}`);
    people.replaceChildren(...interview.participants.map((participant) => participantEntry(interview, participant)));
    /** @type {HTMLAnchorElement} */ (part(entry, 'scorecard')).href = `/sessions/${encodeURIComponent(interview.id)}/scorecard`;
    part(entry, 'scorecard-of').textContent = ` of ${interview.title}`;
    // After the end, the first interviewer's room opens straight into the replay of the session.
    const reviewer = interview.participants.find((participant) => participant.role === 'interviewer');
    const replay = /** @type {HTMLAnchorElement} */ (part(entry, 'replay'));
    if (interview.status === 'ended' && reviewer) {
      replay.href = `/room/${encodeURIComponent(interview.id)}/${encodeURIComponent(reviewer.id)}?replay`;
      part(entry, 'replay-of').textContent = ` of ${interview.title}`;
      replay.hidden = false;
    }
    part(entry, 'report-of').textContent = ` of ${interview.title}`;
    part(entry, 'report-pdf-of').textContent = ` of the report of ${interview.title}`;
    showOutcome((name) => part(entry, name), interview.id, interview.outcome);
    const cancel = /** @type {HTMLButtonElement} */ (part(entry, 'cancel'));
    if (interview.status === 'scheduled') {
      cancel.hidden = false;
      part(entry, 'cancel-of').textContent = ` “${interview.title}”`;
      cancel.addEventListener('click', () => cancelInterview(interview, cancel));
    } else {
      cancel.remove();
    }
    return entry;
  }

  /** @param {ListedInterview} interview @param {HTMLButtonElement} button */
  async function cancelInterview(interview, button) {
    if (!(await confirmCancel(interview.title))) return;
    button.disabled = true;
    try {
      const { session } = await fetchJson(`/api/sessions/${encodeURIComponent(interview.id)}/cancel`, { method: 'POST' });
      const replacement = item(session);
      document.getElementById(`interview-${interview.id}`)?.replaceWith(replacement);
      part(replacement, 'title').focus();
      announce(`“${interview.title}” is cancelled. Its links no longer open the interview.`);
    } catch (problem) {
      button.disabled = false;
      showError(problem);
    }
  }

  return {
    /** Shows the first page again (after a create: the new interview is first). */
    reload: () => paged.reload(),
    /**
     * Shows what a webhook just told of a listed interview: its state, its score, its report. A
     * new score or a ready report is announced.
     * @param {{ sessionId: string, outcome: import('./interview-outcome.js').InterviewOutcome }} news
     */
    update({ sessionId, outcome }) {
      const entry = document.getElementById(`interview-${sessionId}`);
      const before = shown.get(sessionId);
      if (!entry || !before) return;
      const status = /** @type {ListedInterview['status'] | null} */ (outcome.status);
      const interview = {
        ...before,
        ...(status ? { status } : {}),
        startedAt: outcome.startedAt ?? before.startedAt,
        endedAt: outcome.endedAt ?? before.endedAt,
        outcome,
      };
      shown.set(sessionId, interview);
      if (interview.status !== before.status) {
        showStatus(entry, interview.status);
        part(entry, 'when').replaceChildren(...whenLine(interview));
        if (interview.status !== 'scheduled') part(entry, 'cancel')?.remove();
      }
      showOutcome((name) => part(entry, name), sessionId, outcome);
      if (outcome.reportReady && !before.outcome?.reportReady) announce(`The report of “${interview.title}” is ready.`);
      else if (outcome.score && !before.outcome?.score) announce(`“${interview.title}”: ${part(entry, 'score').textContent}.`);
    },
    /** Marks an interview as just created and moves focus to it. @param {string} id */
    reveal(id) {
      const entry = document.getElementById(`interview-${id}`);
      if (!entry) return;
      entry.classList.add('is-new');
      part(entry, 'title').focus();
    },
  };
}
