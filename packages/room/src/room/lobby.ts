import { html, nothing, type TemplateResult } from 'lit';
import type { CollabUser, SessionView } from '@interview-kit/core';
import { renderDisclosure, type DisclosureState } from './integrity.js';
import { renderRecordingNotice, type RecordingNoticeState } from './recording-notice.js';
import { renderQuestion } from './question-pane.js';
import type { RoomStrings } from './room.strings.js';
import { stringsFor, type RoomLocale } from './room-locale.js';

/** What the lobby shows: the view, who is here, whether a start is under way. */
export interface LobbyState {
  view: SessionView;
  present: readonly CollabUser[];
  starting: boolean;
  onStart: () => void;
  /** The candidate's integrity disclosure and consent. */
  disclosure: Omit<DisclosureState, 'view'>;
  /** The recording notice and consent of a session recording the call. */
  recording: RecordingNoticeState;
}

/** The waiting screen before the interview goes live. */
export function renderLobby({ view, present, starting, onStart, disclosure, recording }: LobbyState, t: RoomStrings, locale: RoomLocale): TemplateResult {
  const role = view.viewer.role;
  const interviewer = role === 'interviewer';
  const here = new Set(present.map((user) => user.id));
  const scheduled = view.scheduledAt ? locale.format.dateTime(view.scheduledAt, { dateStyle: 'full', timeStyle: 'short' }) : undefined;
  return html`
    <div part="lobby" class="lobby">
      <div class="lobby-row">
      <section class="lobby-card" aria-labelledby="lobby-heading">
        <h3 id="lobby-heading">${t.lobbyHeading}</h3>
        ${scheduled ? html`<p class="schedule">${t.scheduledFor(scheduled)}</p>` : nothing}
        <p class="muted">${t.startsWhen[view.autoStart]}</p>
        <h4>${t.whoIsHere}</h4>
        <ul part="lobby-participants" class="lobby-participants">
          ${view.participants.map(
            (participant) => html`<li data-here=${here.has(participant.id)}>
              <i class="dot" aria-hidden="true"></i>
              <span>${participant.name}</span>
              <span class="role">(${t.roles[participant.role] ?? participant.role})</span>
              ${participant.id === view.viewer.participantId ? html`<span class="muted">${t.youSuffix}</span>` : nothing}
              ${here.has(participant.id) ? nothing : html`<span class="muted">— ${t.notHereYet}</span>`}
            </li>`,
          )}
        </ul>
        ${interviewer
          ? html`<button part="start-button" class="primary" ?disabled=${starting} @click=${onStart}>
              ${starting ? t.starting : t.startInterview}
            </button>`
          : nothing}
        ${role === 'candidate'
          ? html`<h4>${t.recordsHeading}</h4>
              <ul class="records">
                ${t.records.map((item) => html`<li>${item}</li>`)}
              </ul>
              ${renderDisclosure({ view, ...disclosure }, t, locale.format)}`
          : nothing}
        ${renderRecordingNotice(recording, t, locale.format)}
      </section>
      <section class="lobby-card" aria-labelledby="device-heading">
        <h3 id="device-heading">${t.deviceCheck}</h3>
        <interview-device-check lang=${locale.lang} .strings=${stringsFor(locale, 'interview-device-check')}></interview-device-check>
      </section>
      </div>
      <section class="lobby-card lobby-question" aria-labelledby="question-heading">
        <h3 id="question-heading">${interviewer ? t.questionPreview : t.question}</h3>
        ${view.questionHidden
          ? html`<p class="muted">${t.questionHidden}</p>`
          : renderQuestion(view, t)}
      </section>
    </div>
  `;
}
