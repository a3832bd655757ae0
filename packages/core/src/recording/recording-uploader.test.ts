import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { InterviewClient } from '../client.js';
import { createSession, referenceServer, sampleSession, type CreatedSession, type ReferenceServer } from '../testing/reference-server.js';
import { RECORDING_NOTICE_VERSION } from '../protocol.js';
import { until } from '../testing/helpers.js';
import { RecordingUploader, type RecordingUploadState } from './recording-uploader.js';

/** The host's view of the session's recordings. */
async function recordingsOf(server: ReferenceServer, sessionId: string): Promise<{ id: string; bytes: number; nextSeq: number; url: string }[]> {
  const res = await fetch(`${server.url}/v1/sessions/${sessionId}/recordings`, { headers: { authorization: `Bearer ${server.apiKey}` } });
  return (await res.json()).recordings;
}

const microphone = () => navigator.mediaDevices.getUserMedia({ audio: true, video: false });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RecordingUploader: a real MediaRecorder (fake microphone) uploading to the reference server', () => {
  let server: ReferenceServer;
  let session: CreatedSession;
  let stream: MediaStream;

  before(async () => {
    server = await referenceServer();
    await executeServerCommand('interview-kit-media-permission', { granted: true });
  });
  beforeEach(async () => {
    session = await createSession(server, sampleSession({ recording: 'audio' }));
    stream = await microphone();
  });
  afterEach(() => stream.getTracks().forEach((track) => track.stop()));

  const client = (participant: string, fetch?: typeof globalThis.fetch) =>
    new InterviewClient({ server: server.url, tokenProvider: session.tokens[participant]!, ...(fetch ? { fetch } : {}) });

  it('is refused, saying who has not consented, until everyone recorded has', async () => {
    await client('cam').giveRecordingConsent(session.id, RECORDING_NOTICE_VERSION);
    const uploader = new RecordingUploader({ client: client('cam'), sessionId: session.id, stream });
    const state = await uploader.start();
    expect(state.status).to.equal('refused');
    expect(state.detail).to.contain('Ivy Interviewer');
    expect(await recordingsOf(server, session.id)).to.have.length(0);
  });

  it('uploads every chunk in order; a chunk whose answer was lost is not stored twice, and the media plays back whole', async () => {
    for (const who of ['ivy', 'cam']) await client(who).giveRecordingConsent(session.id, RECORDING_NOTICE_VERSION);
    // The answer to the second chunk's first upload is lost after the server stored it.
    let lost = false;
    const flaky: typeof globalThis.fetch = async (input, init) => {
      const answer = await globalThis.fetch(input, init);
      if (!lost && String(input).endsWith('/chunks/1')) {
        lost = true;
        throw new TypeError('connection reset');
      }
      return answer;
    };
    const states: RecordingUploadState[] = [];
    const uploader = new RecordingUploader({ client: client('cam', flaky), sessionId: session.id, stream, timesliceMs: 250, retryDelaysMs: [50] });
    uploader.addEventListener('state', (event) => states.push(event.state));
    expect((await uploader.start()).status).to.equal('recording');
    await wait(1600);
    const final = await uploader.stop();
    expect(lost).to.equal(true);
    expect(final.status).to.equal('stopped');
    expect(final.waiting).to.equal(0);
    expect(final.stored).to.be.greaterThan(3);

    const [recording] = await recordingsOf(server, session.id);
    expect(recording!.nextSeq).to.equal(final.stored, 'the server holds every chunk, each once');
    const media = new Uint8Array(await (await fetch(`${server.url}${recording!.url}`)).arrayBuffer());
    expect(media.length).to.equal(recording!.bytes);
    expect([...media.slice(0, 4)]).to.deep.equal([0x1a, 0x45, 0xdf, 0xa3], 'a WebM (EBML) file, header first');
    // The joined chunks decode as audio in the browser.
    const audio = await new AudioContext().decodeAudioData(media.buffer);
    expect(audio.duration).to.be.greaterThan(0.8);
    expect(states.some((s) => s.status === 'recording' && s.stored > 0)).to.equal(true, 'progress is reported as chunks are stored');
    expect(states.some((s) => s.retrying)).to.equal(true, 'the lost answer is reported as a retry');
    expect(final.retrying).to.equal(false);
  });

  it('stops with every chunk stored when its tracks ended first (the participant left the call)', async () => {
    for (const who of ['ivy', 'cam']) await client(who).giveRecordingConsent(session.id, RECORDING_NOTICE_VERSION);
    const uploader = new RecordingUploader({ client: client('cam'), sessionId: session.id, stream, timesliceMs: 250 });
    await uploader.start();
    await until(() => uploader.state.stored > 0, 'a first chunk stored');
    // The call released the microphone: the recorder stops by itself (a moment later), before it is told to.
    stream.getTracks().forEach((track) => track.stop());
    await wait(300);
    const final = await uploader.stop();
    expect(final.status).to.equal('stopped');
    expect(final.waiting).to.equal(0);
    const [recording] = await recordingsOf(server, session.id);
    expect(recording!.nextSeq).to.equal(final.stored);
    expect(final.stored).to.be.greaterThan(0);
  });
});
