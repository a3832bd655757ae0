import { html, nothing, type TemplateResult } from 'lit';
import { RECORDING_NOTICE_VERSION, type Formats } from '@interview-kit/core';
import type { CallRecordingState } from './call-recording.js';
import type { RoomStrings } from './room.strings.js';

/** What the recording notice shows, and where its buttons go. */
export interface RecordingNoticeState {
  /** `undefined` until the room has a session. */
  recording: CallRecordingState | undefined;
  /** Who the viewer is, to mark their own line. */
  self: string | null;
  onAgree: () => void;
  onDecline: () => void;
}

/**
 * The recording notice for a participant who is recorded (candidates and interviewers) of a
 * session that records the call: what is recorded, who can see it and how long it is kept (the
 * notice of version {@link RECORDING_NOTICE_VERSION}, which the consent names), their answer or the
 * buttons to give it, and who has agreed so far. Nothing for observers or sessions recording nothing.
 */
export function renderRecordingNotice({ recording, self, onAgree, onDecline }: RecordingNoticeState, t: RoomStrings, format: Formats): TemplateResult | typeof nothing {
  if (!recording) return nothing;
  const { mode, consents, asked, own, declined, consenting } = recording;
  if (mode === 'off' || !asked || !consents) return nothing;
  return html`<section part="recording-notice" class="recording-notice" aria-labelledby="recording-heading">
    <h4 id="recording-heading">${t.recordingHeading}</h4>
    <ul>
      ${t.recordingNotice[mode].map((line) => html`<li>${line}</li>`)}
    </ul>
    <p class="muted">${t.recordingNoticeVersion(RECORDING_NOTICE_VERSION)}</p>
    ${own
      ? html`<p part="recording-agreed">${t.recordingAgreed(format.time(own.consentedAt))}</p>`
      : html`${declined ? html`<p part="recording-declined" class="declined">${t.recordingDeclined}</p>` : nothing}
          <div class="recording-actions">
            <button part="recording-agree-button" class="primary" ?disabled=${consenting} @click=${onAgree}>${t.recordingAgree}</button>
            ${declined ? nothing : html`<button part="recording-decline-button" ?disabled=${consenting} @click=${onDecline}>${t.recordingDecline}</button>`}
          </div>`}
    <h5>${t.recordingConsents}</h5>
    <ul part="recording-consents" class="recording-consents">
      ${consents.participants.map(
        (participant) => html`<li data-consented=${participant.consent !== null}>
          <i class="dot" aria-hidden="true"></i>
          <span>${participant.name}</span>
          <span class="role">(${t.roles[participant.role] ?? participant.role})</span>
          ${participant.participantId === self ? html`<span class="muted">${t.youSuffix}</span>` : nothing}
          <span class="muted">— ${participant.consent ? t.recordingConsentGiven : t.recordingConsentMissing}</span>
        </li>`,
      )}
    </ul>
    <p part="recording-summary" class=${consents.everyone ? 'muted' : 'waiting'}>${consents.everyone ? t.recordingEveryone : t.recordingWaiting}</p>
  </section>`;
}

/**
 * The header's recording indicator, a live region announcing each change; on narrow screens
 * (`compact`) its dot alone, the words in its tooltip and for screen readers. Nothing when the
 * session records nothing.
 */
export function renderRecordingIndicator(recording: CallRecordingState | undefined, t: RoomStrings, compact = false): TemplateResult | typeof nothing {
  const indicator = recording?.indicator;
  if (!indicator) return nothing;
  const words = t.recordingIndicator[indicator];
  return html`<span part="recording-indicator" class="chip recording-indicator" data-state=${indicator} role="status" title=${words}
    ><i class="dot" aria-hidden="true"></i><span class=${compact ? 'visually-hidden' : ''}>${words}</span></span
  >`;
}
