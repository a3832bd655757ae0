// The Replay with the recording: a real recording (MediaRecorder on the fake camera and
// microphone, uploaded to the reference server), transcribed and reviewed after the end through
// the server's own jobs, against the local stand-in of the model endpoints (no model runs here).
import { expect } from '@esm-bundle/chai';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { InterviewClient, RECORDING_NOTICE_VERSION, RecordingUploader, type RecordingState } from '@interview-kit/core';
import { changeSession, createSession, sampleSession, type CreatedSession } from '../../../core/src/testing/reference-server.js';
import { axeViolations, until } from '../../../core/src/testing/helpers.js';
import { $, roomFixture } from '../testing/room-fixture.js';
import type { InterviewRoom } from './room.component.js';
import { REPLAY_STRINGS_EN } from './replay.strings.js';
import type { InterviewReplayMedia } from './replay-media.component.js';

const fixture = roomFixture({ models: true });

/** The words the stand-in transcribes every recording as (scripts/lib/model-stand-ins.mjs), seconds into it. */
const SEGMENTS = [
  { start: 0.2, text: 'I will start with the empty list' },
  { start: 1.3, text: 'now the edge cases pass' },
];

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An interview whose candidate recorded camera and microphone for a few seconds, ended, then
 * transcribed and reviewed by the server's jobs; with the candidate's recording.
 */
async function recordedInterview(): Promise<{ session: CreatedSession; recording: RecordingState }> {
  const session = await createSession(fixture.server, sampleSession({ recording: 'audio+video' }));
  const client = (who: string) => new InterviewClient({ server: fixture.server.url, tokenProvider: session.tokens[who]! });
  for (const who of ['ivy', 'cam']) await client(who).giveRecordingConsent(session.id, RECORDING_NOTICE_VERSION);
  await executeServerCommand('interview-kit-media-permission', { granted: true });
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240 } });
  try {
    const uploader = new RecordingUploader({ client: client('cam'), sessionId: session.id, stream, timesliceMs: 500 });
    expect((await uploader.start()).status).to.equal('recording');
    // A run while recording: on the code's timeline, and a mark on the recording's.
    const started = Date.now();
    await client('cam').run({ language: 'python', code: 'a, b = map(int, input().split())\nprint(a + b)\n', tests: [0] });
    await wait(2_800 - (Date.now() - started));
    expect((await uploader.stop()).status).to.equal('stopped');
  } finally {
    stream.getTracks().forEach((track) => track.stop());
  }
  await changeSession(fixture.server, session.id, 'end');
  await until(async () => (await client('ivy').assistantDraft(session.id)).status === 'ready', 'the transcript and the assistant’s draft', 20_000);
  const { recordings } = await client('ivy').recordings(session.id);
  return { session, recording: recordings[0]! };
}

const mediaOf = (room: InterviewRoom) => $(room, 'interview-replay-media')!.shadowRoot!;
const editorAt = (room: InterviewRoom) => ($(room, 'interview-editor') as HTMLElement & { replayAt?: number }).replayAt;
const near = (actual: number, expected: number, what: string) => expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).to.be.lessThan(0.05);

describe('<interview-room> replay with the recording', () => {
  let recorded: { session: CreatedSession; recording: RecordingState };
  before(async function () {
    this.timeout(60_000);
    recorded = await recordedInterview();
  });

  it('plays the recording in step with the timeline: seeking seeks the media and the code, captions follow, the transcript search seeks there', async () => {
    const { session, recording } = recorded;
    const room = await fixture.mount('interviewer', session, { attributes: { replay: '' } });
    const video = await until(() => $(room, 'interview-replay-media')?.shadowRoot?.querySelector<HTMLVideoElement>('video[part="media"]'), 'the recording’s video');
    expect(video.getAttribute('aria-label')).to.equal(REPLAY_STRINGS_EN.videoOf('Cam Candidate'), 'the other person, large');
    const started = Date.parse(recording.startedAt);
    const media = mediaOf(room);

    // The timeline: moving it moves the media (media time = the moment − the recording's start) and the code.
    const start = ($(room, 'interview-replay-media') as InterviewReplayMedia).media!.start;
    const scrubber = media.querySelector<HTMLInputElement>('[part="media-scrubber"]')!;
    scrubber.value = String(Math.round((started + 1_700 - start) / 100) * 100);
    scrubber.dispatchEvent(new Event('input'));
    const at = start + Number(scrubber.value);
    await room.updateComplete;
    near(video.currentTime, (at - started) / 1000, 'the video follows the timeline');
    expect(editorAt(room)).to.equal(at, 'the code replay follows');
    expect(media.querySelectorAll('[part="media-run-mark"]')).to.have.length(1, 'the run on the timeline');
    // Captions: what is said then, with the speaker's name.
    await until(() => media.querySelector('[part="caption"]')?.textContent?.includes(SEGMENTS[1]!.text), 'the caption of the second segment');
    expect(media.querySelector('[part="caption"]')!.textContent).to.include('Cam Candidate');

    // Search: the words list the segment holding them; choosing it shows its moment.
    const search = media.querySelector<HTMLInputElement>('[part="transcript-search"]')!;
    search.focus();
    await sendKeys({ type: 'empty list' });
    await until(() => media.querySelector('[part="transcript-matches"]')?.textContent === REPLAY_STRINGS_EN.matches(1), 'one match');
    const found = media.querySelectorAll<HTMLButtonElement>('[part="transcript-segment"]');
    expect(found).to.have.length(1);
    expect(found[0]!.textContent).to.include(SEGMENTS[0]!.text);
    found[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await room.updateComplete;
    near(video.currentTime, SEGMENTS[0]!.start, 'the video at the segment');
    expect(editorAt(room)).to.equal(started + SEGMENTS[0]!.start * 1000, 'the code at the segment');
    await until(() => media.querySelector('[part="caption"]')?.textContent?.includes(SEGMENTS[0]!.text), 'the caption of the first segment');
    expect(await axeViolations(room)).to.deep.equal([]);

    // Playing: the video plays from there, and the code follows the media's clock.
    media.querySelector<HTMLButtonElement>('[part="media-play"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => !video.paused && video.currentTime > SEGMENTS[0]!.start + 0.5, 'the video playing on');
    await sendKeys({ press: 'Enter' });
    await until(() => video.paused, 'the video paused');
    await room.updateComplete;
    expect(Math.abs(editorAt(room)! - (started + video.currentTime * 1000)), 'the code at the media’s moment').to.be.lessThan(300);

    // The code's own scrubber, moved to its end, takes the recording along (to its last moment).
    const codeScrubber = await until(() => $(room, 'interview-editor')!.shadowRoot!.querySelector<HTMLInputElement>('[part="scrubber"]'), 'the code’s scrubber');
    codeScrubber.value = codeScrubber.max;
    codeScrubber.dispatchEvent(new Event('input'));
    await room.updateComplete;
    const model = ($(room, 'interview-replay-media') as InterviewReplayMedia).media!;
    expect(model.at).to.equal(Math.min(model.end, editorAt(room)!));
    const track = model.trackOf(recording.id)!;
    // (A media file a little shorter than its stored span stops at its own end.)
    near(video.currentTime, Math.min(video.duration, (Math.min(track.end, model.at) - track.start) / 1000), 'the video at the code’s moment');
  });

  it('shows interviewers the assistant’s draft, labelled, with evidence that opens the replay; never candidates', async () => {
    const { session, recording } = recorded;
    const room = await fixture.mount('interviewer', session);
    ($(room, '#tool-tab-assistant') as HTMLElement).click();
    const draft = await until(() => $(room, 'interview-assistant-draft')?.shadowRoot?.querySelector('[part="assistant-draft"]'), 'the draft');
    expect(draft.querySelector('[part="assistant-label"]')!.textContent).to.equal(REPLAY_STRINGS_EN.assistantLabel);
    expect(draft.querySelector('[part="assistant-summary"]')!.textContent).to.equal('Read the question aloud, tested the edge cases early.');
    expect(draft.querySelectorAll('[part="assistant-rating"]').length).to.be.greaterThan(0);
    // The evidence's time link opens the Replay at that moment (the first transcript segment's).
    draft.querySelector<HTMLAnchorElement>('[part="assistant-moment"]')!.click();
    await room.updateComplete;
    expect(room.replay).to.equal(true);
    expect(editorAt(room)).to.equal(Date.parse(recording.startedAt) + SEGMENTS[0]!.start * 1000);
    // The feedback form is the interviewer's own: nothing of the draft is in it.
    expect(room.querySelector('[slot="feedback"]')!.textContent).to.not.include('Read the question aloud');

    const candidate = await fixture.mount('candidate', session);
    expect($(candidate, '#tool-tab-assistant')).to.equal(null);
    expect($(candidate, 'interview-assistant-draft')).to.equal(null);
  });

  it('says there is no recording, and replays the code as before, when nothing was recorded', async () => {
    const session = await createSession(fixture.server);
    await changeSession(fixture.server, session.id, 'end');
    const room = await fixture.mount('interviewer', session, { attributes: { replay: '' } });
    await until(() => $(room, 'interview-replay-media')?.shadowRoot?.querySelector('[part="recording-status"]')?.textContent === REPLAY_STRINGS_EN.noRecording, 'no recording said');
    expect(mediaOf(room).querySelector('video, audio')).to.equal(null);
    expect($(room, 'interview-editor')!.hasAttribute('replay'), 'the code replay goes on').to.equal(true);
  });
});
