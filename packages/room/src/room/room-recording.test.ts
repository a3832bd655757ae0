import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { InterviewClient, RECORDING_NOTICE_VERSION, type RecordingState } from '@interview-kit/core';
import { changeSession, createSession, sampleSession, type CreatedSession } from '../../../core/src/testing/reference-server.js';
import { axeViolations, until } from '../../../core/src/testing/helpers.js';
import { $, roomFixture } from '../testing/room-fixture.js';
import type { InterviewRoom } from './room.component.js';

const fixture = roomFixture();

/** The host's list of the session's recordings. */
async function recordingsOf(sessionId: string): Promise<RecordingState[]> {
  const res = await fetch(`${fixture.server.url}/v1/sessions/${sessionId}/recordings`, { headers: { authorization: `Bearer ${fixture.server.apiKey}` } });
  return (await res.json()).recordings;
}

/** A participant consenting from their own browser, through the API. */
const consentAs = (session: CreatedSession, participant: string) =>
  new InterviewClient({ server: fixture.server.url, tokenProvider: session.tokens[participant]! }).giveRecordingConsent(session.id, RECORDING_NOTICE_VERSION);

const indicator = (room: InterviewRoom) => $(room, '[part="recording-indicator"]')?.textContent?.trim() ?? null;
const consentsListed = (room: InterviewRoom) => $(room, '[part="recording-consents"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<interview-room> recording of the call', () => {
  before(() => executeServerCommand('interview-kit-media-permission', { granted: true }));

  it('asks for consent in the lobby of a recorded session, says who has agreed, takes a refusal, and asks nothing of a session recording nothing', async () => {
    const scheduled = { scheduledAt: new Date(Date.now() + 3_600_000).toISOString(), autoStart: 'manual' as const };
    const unrecorded = await createSession(fixture.server, sampleSession(scheduled), { start: false });
    const quiet = await fixture.mount('candidate', unrecorded, { shows: '[part="lobby"]' });
    expect($(quiet, '[part="recording-notice"]'), 'no notice without recording').to.equal(null);
    expect(indicator(quiet), 'no indicator without recording').to.equal(null);

    const session = await createSession(fixture.server, sampleSession({ ...scheduled, recording: 'audio+video' }), { start: false });
    const room = await fixture.mount('candidate', session, { shows: '[part="lobby"]' });
    await until(() => $(room, '[part="recording-notice"]'), 'the recording notice');
    const notice = $(room, '[part="recording-notice"]')!.textContent!;
    expect(notice).to.include('your camera and the sound of your microphone');
    expect(notice).to.include('Who can see it');
    expect(notice).to.include('How long it is kept');
    expect(notice).to.include(`version ${RECORDING_NOTICE_VERSION}`);
    expect(consentsListed(room)).to.include('Ivy Interviewer (interviewer) — not yet');
    expect(consentsListed(room)).to.include('Cam Candidate (candidate) (you) — not yet');
    expect(consentsListed(room), 'observers are not recorded').to.not.include('Oli');
    expect(indicator(room)).to.equal('Not recording — waiting for consent');

    $(room, '[part="recording-decline-button"]')!.click();
    await until(() => $(room, '[part="recording-declined"]'), 'the refusal');
    expect($(room, '[part="recording-declined"]')!.textContent).to.include('nothing will be recorded until everyone agrees');
    expect(await axeViolations(room)).to.deep.equal([]);

    // The interviewer agrees from their browser: the lobby learns of it (it asks every few seconds).
    await consentAs(session, 'ivy');
    await until(() => consentsListed(room).includes('Ivy Interviewer (interviewer) — agreed'), 'the interviewer’s consent to show');
    $(room, '[part="recording-agree-button"]')!.click();
    await until(() => $(room, '[part="recording-agreed"]'), 'the candidate’s consent to be stored');
    expect(consentsListed(room)).to.include('(you) — agreed');
    expect($(room, '[part="recording-summary"]')!.textContent).to.include('Everyone has agreed');
    expect(indicator(room)).to.equal('Not recording yet');
    const stored = await new InterviewClient({ server: fixture.server.url, tokenProvider: session.tokens['ivy']! }).recordingConsent(session.id);
    expect(stored.everyone).to.equal(true);
    expect(stored.participants.find((p) => p.participantId === 'cam')!.consent!.textVersion).to.equal(RECORDING_NOTICE_VERSION);
  });

  it('records nothing until everyone consented, then uploads the own audio of the call, says Recording, and stops at the end', async () => {
    const session = await createSession(fixture.server, sampleSession({ recording: 'audio', integrity: 'off' }));
    const room = await fixture.mount('candidate', session);
    const video = $(room, 'interview-video') as HTMLElement & { join(): Promise<void> };
    await video.join();
    // The candidate agrees in the live room; the interviewer has not: nothing is recorded, and the room says so.
    await until(() => $(room, '[part="recording-agree-button"]'), 'the recording notice above the room');
    $(room, '[part="recording-agree-button"]')!.click();
    await until(() => !$(room, '[part="recording-notice"]'), 'the notice to go once agreed');
    expect(indicator(room)).to.equal('Not recording — waiting for consent');
    expect(await recordingsOf(session.id)).to.deep.equal([]);

    await consentAs(session, 'ivy');
    await until(() => indicator(room) === 'Recording', 'the first chunk stored', 15_000);
    const [recording] = await recordingsOf(session.id);
    expect(recording!.participantId).to.equal('cam');
    expect(recording!.kind, 'audio only').to.equal('audio');
    expect(recording!.mimeType).to.match(/^audio\//);
    expect(recording!.nextSeq).to.be.greaterThan(0);

    await changeSession(fixture.server, session.id, 'end');
    await until(() => indicator(room) === 'Recording stopped', 'the recording to stop with the end');
    // The recorder's last seconds go up after the end.
    await until(async () => (await recordingsOf(session.id))[0]!.nextSeq > recording!.nextSeq, 'the last chunk to be uploaded');
    expect(await recordingsOf(session.id)).to.have.length(1);
  });
});
