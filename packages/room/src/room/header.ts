import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { CollabStatus, CollabUser, SessionView } from '@interview-kit/core';
import { readableTextOn } from '@interview-kit/core';
import type { CallRecordingState } from './call-recording.js';
import { canReplay, hasTools } from './layout.js';
import { renderRecordingIndicator } from './recording-notice.js';
import type { RoomStrings } from './room.strings.js';
import type { RoomLocale } from './room-locale.js';
import type { SessionClock } from './timer.js';
import type { Formats } from '@interview-kit/core';

/** What the header bar shows, and where its buttons go. */
export interface HeaderState {
  view: SessionView;
  clock: SessionClock;
  status: CollabStatus;
  present: readonly CollabUser[];
  /** The call's recording, for its indicator (none when the session records nothing). */
  recording?: CallRecordingState | undefined;
  /** Whether the Replay view is open. */
  replaying: boolean;
  /** Narrow screens: shorter words for the timer and the extra time. */
  compact: boolean;
  addMinutes: number;
  onAddTime: () => void;
  onEnd: () => void;
  onToggleReplay: () => void;
}

/** The timer's words for `clock`, its times as `format`'s language writes a clock; `compact` leaves out the planned length. */
export function timerText(clock: SessionClock, t: RoomStrings, format: Formats, compact = false): string {
  const formatDuration = (ms: number) => format.clock(ms);
  switch (clock.kind) {
    case 'ended':
      return t.ended;
    case 'scheduled':
      return t.notStarted;
    case 'remaining':
      return compact ? t.remainingShort(formatDuration(clock.ms)) : t.remaining(formatDuration(clock.ms), formatDuration(clock.totalMs));
    case 'overtime':
      return t.overtime(formatDuration(clock.ms));
    case 'elapsed':
      return t.elapsed(formatDuration(clock.ms));
  }
}

/** Up to two initials of a name: "Cam Candidate" → "CC", "ivy" → "I". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return letters.map((word) => [...word][0]!.toLocaleUpperCase()).join('');
}

/**
 * The room's one compact bar: the title (plain heading text), the timer, the connection status,
 * the recording indicator of a session recording the call,
 * who is present (a dot of initials in each participant's colour, the name in its tooltip and
 * accessible name), and for interviewers the candidate's extra time, Add time and End (live) or
 * Replay (ended).
 */
export function renderHeader(state: HeaderState, t: RoomStrings, locale: RoomLocale): TemplateResult {
  const { view, clock, status, compact } = state;
  const interviewer = hasTools(view);
  return html`
    <div part="header" class="header">
      <div class="header-main">
        <h2 part="title" class="title" title=${view.title}>${view.title}</h2>
        <span part="timer" class="timer ${clock.kind}" role="timer" aria-label=${t.timerLabel}>${timerText(clock, t, locale.format, compact)}</span>
        <span part="connection" class="connection" data-status=${status} title=${t.connection[status]}>
          <i class="dot" aria-hidden="true"></i><span class=${compact ? 'visually-hidden' : 'connection-label'}><span class="visually-hidden">${t.connectionLabel}: </span>${t.connectionShort[status]}</span>
        </span>
        ${renderRecordingIndicator(state.recording, t, compact)}
      </div>
      <div class="header-side">
        ${renderPresence(state, t)}
        ${interviewer
          ? view.participants
              .filter((participant) => (participant.extraTimeMinutes ?? 0) > 0)
              .map((participant) => {
                const full = t.extraTime(participant.name, participant.extraTimeMinutes!);
                return compact
                  ? html`<span part="extra-time" class="chip" title=${full}
                      ><span aria-hidden="true">${t.extraTimeShort(participant.extraTimeMinutes!)}</span><span class="visually-hidden">${full}</span></span
                    >`
                  : html`<span part="extra-time" class="chip">${full}</span>`;
              })
          : nothing}
        ${interviewer && view.status === 'live'
          ? html`<button part="add-time-button" @click=${state.onAddTime}>${t.addTime(state.addMinutes)}</button>
              <button part="end-button" class="danger" @click=${state.onEnd}>${t.endInterview}</button>`
          : nothing}
        ${canReplay(view)
          ? html`<button part="replay-button" aria-pressed=${String(state.replaying)} @click=${state.onToggleReplay}>${t.replay}</button>`
          : nothing}
      </div>
    </div>
  `;
}

/** Who is present: one dot of initials per participant, in their colour. */
function renderPresence({ view, present }: HeaderState, t: RoomStrings): TemplateResult {
  const self = view.viewer.participantId;
  return html`<ul part="presence" class="presence" aria-label=${t.presence}>
    ${present.map((user) => {
      const name = `${user.name} (${t.roles[user.role] ?? user.role})${user.id === self ? ` ${t.youSuffix}` : ''}`;
      return html`<li
        part="presence-avatar"
        class="avatar"
        title=${name}
        style=${styleMap({ '--_user': user.color, '--_on-user': readableTextOn(user.color) })}
      >
        <span aria-hidden="true">${initialsOf(user.name)}</span><span class="visually-hidden">${name}</span>
      </li>`;
    })}
  </ul>`;
}
