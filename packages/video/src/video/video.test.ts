import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { InterviewSession, type CreateSessionRequest, type Role } from '@interview-kit/core';
import {
  createSession,
  referenceServer,
  sampleSession,
  type ReferenceServer,
  type CreatedSession,
} from '../../../core/src/testing/reference-server.js';
import { axeViolations, until } from '../../../core/src/testing/helpers.js';
import { DEVICE_CHOICE_STORAGE_KEY, saveDeviceChoice } from '../call/device-preferences.js';
import type { VideoErrorEvent, VideoJoinEvent } from '../events.js';
import type { InterviewVideo } from './video.component.js';
import './video.js';

const mounted: InterviewVideo[] = [];

afterEach(async () => {
  for (const element of mounted.splice(0)) {
    await element.leave();
    element.remove();
  }
  localStorage.removeItem(DEVICE_CHOICE_STORAGE_KEY);
});

/** Grants or refuses the page the (fake) camera and microphone of the test browser. */
const allowMedia = (granted: boolean) => executeServerCommand('interview-kit-media-permission', { granted });

/** Every track the page captured from camera or microphone, while `capturing()` records them. */
const captured: MediaStreamTrack[] = [];
const getUserMedia = navigator.mediaDevices.getUserMedia;
function capturing(): void {
  navigator.mediaDevices.getUserMedia = async function (constraints) {
    const stream = await getUserMedia.call(this, constraints);
    captured.push(...stream.getTracks());
    return stream;
  };
}
function stopCapturing(): void {
  navigator.mediaDevices.getUserMedia = getUserMedia;
  captured.length = 0;
}

function sessionFor(server: ReferenceServer, created: CreatedSession, role: Role, id?: string): InterviewSession {
  const token = id ? created.participants.find((p) => p.id === id)!.token : created.tokenFor(role);
  return new InterviewSession({ server: server.url, sessionId: created.id, tokenProvider: token });
}

function mount(session: InterviewSession): InterviewVideo {
  const element = document.createElement('interview-video');
  element.session = session;
  document.body.append(element);
  mounted.push(element);
  return element;
}

const shadow = (element: InterviewVideo) => element.shadowRoot!;
/** A button by its accessible name: its `aria-label` (icon buttons), else its text. */
const button = (element: InterviewVideo, name: string) =>
  [...shadow(element).querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent!.trim()) === name);
const errorText = (element: InterviewVideo) => shadow(element).querySelector('[role="alert"]')?.textContent?.trim() ?? '';
const loadedLiveKit = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('livekit-client'));

describe('<interview-video> with a LiveKit server that cannot be reached', () => {
  let server: ReferenceServer;
  let created: CreatedSession;

  before(async () => {
    // The test server hands out a LiveKit URL that nothing listens on.
    server = await referenceServer();
    created = await createSession(server);
  });

  it('loads livekit-client only when joining, then shows an actionable error', async () => {
    const element = mount(sessionFor(server, created, 'candidate'));
    await element.updateComplete;
    expect(loadedLiveKit(), 'livekit-client before joining').to.equal(false);
    const errors: VideoErrorEvent[] = [];
    element.addEventListener('interview-video-error', (event) => errors.push(event));

    button(element, 'Join video')!.click();
    await until(() => element.state.phase === 'failed', 'the failed state', 30_000);
    await element.updateComplete;

    expect(loadedLiveKit(), 'livekit-client after joining').to.equal(true);
    expect(element.state.error).to.include({ code: 'media-server-unreachable', fatal: true });
    expect(errorText(element)).to.contain('The video server cannot be reached');
    expect(errors.map((event) => event.detail.code)).to.deep.equal(['media-server-unreachable']);
    // The way out is offered.
    expect(button(element, 'Try again')).to.exist;
  });
});

describe('<interview-video> without LiveKit (peer-to-peer)', () => {
  let server: ReferenceServer;

  before(async () => {
    server = await referenceServer({ liveKit: false });
  });

  async function join(element: InterviewVideo): Promise<void> {
    await element.updateComplete;
    button(element, 'Join video')!.click();
    await until(() => element.state.phase === 'connected' || element.state.phase === 'failed', 'joining');
  }

  it('connects the two participants of a 1:1 interview through the signaling endpoint', async () => {
    const created = await createSession(server);
    const interviewer = mount(sessionFor(server, created, 'interviewer'));
    const candidate = mount(sessionFor(server, created, 'candidate'));
    const joins: VideoJoinEvent[] = [];
    interviewer.addEventListener('interview-video-join', (event) => joins.push(event));

    await join(interviewer);
    await join(candidate);
    expect(joins.map((event) => event.detail.mode)).to.deep.equal(['p2p']);
    const liveKitRequests = performance.getEntriesByType('resource').filter((entry) => entry.name.includes(`/v1/sessions/${created.id}/livekit-token`));
    expect(liveKitRequests, 'the session view said peer-to-peer: no LiveKit token is asked for').to.deep.equal([]);

    const names = (element: InterviewVideo) => element.state.participants.map((participant) => participant.name);
    await until(() => names(interviewer).length === 2 && names(candidate).length === 2, 'each to see the other');
    expect(names(interviewer)).to.deep.equal(['Ivy Interviewer', 'Cam Candidate']);
    expect(names(candidate)).to.deep.equal(['Cam Candidate', 'Ivy Interviewer']);
    await interviewer.updateComplete;
    const label = (selector: string) => shadow(interviewer).querySelector(selector)!.getAttribute('aria-label');
    expect(label('[part~="tile-local"]')).to.contain('Ivy Interviewer (you)');
    expect(label('[part~="tile"]:not([part~="tile-local"])')).to.contain('Cam Candidate');
  });

  it('tells a third participant that more than two need LiveKit', async () => {
    const request: CreateSessionRequest = sampleSession({
      participants: [
        { id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer' },
        { id: 'ian', name: 'Ian Interviewer', role: 'interviewer' },
        { id: 'cam', name: 'Cam Candidate', role: 'candidate' },
      ],
    });
    const created = await createSession(server, request);
    await join(mount(sessionFor(server, created, 'interviewer', 'ivy')));
    await join(mount(sessionFor(server, created, 'candidate', 'cam')));
    const third = mount(sessionFor(server, created, 'interviewer', 'ian'));
    await join(third);
    await until(() => third.state.phase === 'failed', 'the third participant to be turned away');
    await third.updateComplete;
    expect(third.state.error).to.include({ code: 'room-full' });
    expect(errorText(third)).to.contain('needs a LiveKit server');
  });

  it('says what to do when camera and microphone are blocked, and goes on without them', async () => {
    await allowMedia(false);
    const created = await createSession(server);
    const element = mount(sessionFor(server, created, 'candidate'));
    await join(element);
    await until(() => element.state.error, 'the device error');
    await element.updateComplete;
    expect(element.state.phase, 'the call goes on without media').to.equal('connected');
    expect(element.state.error).to.include({ code: 'permission-denied', fatal: false });
    expect(errorText(element)).to.contain('Camera or microphone access is blocked');
    expect(button(element, 'Try again')).to.exist;
  });

  it('tells an observer that watching needs LiveKit', async () => {
    const created = await createSession(server);
    const observer = mount(sessionFor(server, created, 'observer'));
    await join(observer);
    await observer.updateComplete;
    expect(observer.state.error).to.include({ code: 'p2p-unavailable', fatal: true });
    expect(errorText(observer)).to.contain('observers needs a LiveKit server');
  });

  it('has no axe-core violations in the call, and every control is a labelled button or select', async () => {
    const created = await createSession(server);
    const element = mount(sessionFor(server, created, 'candidate'));
    await join(element);
    await element.updateComplete;
    expect(await axeViolations(element)).to.deep.equal([]);
    button(element, 'Device settings')!.click();
    await element.updateComplete;
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('leaves the call and offers to join again', async () => {
    const created = await createSession(server);
    const element = mount(sessionFor(server, created, 'candidate'));
    await join(element);
    await element.updateComplete;
    let left = 0;
    element.addEventListener('interview-video-leave', () => (left += 1));
    button(element, 'Leave')!.click();
    await until(() => element.state.phase === 'disconnected', 'leaving');
    await element.updateComplete;
    expect(left).to.equal(1);
    expect(shadow(element).textContent).to.contain('You left the video call.');
    expect(button(element, 'Join video')).to.exist;
  });
});

describe('<interview-video> when the interview ends (peer-to-peer, fake camera and microphone)', () => {
  let server: ReferenceServer;

  before(async () => {
    server = await referenceServer({ liveKit: false });
    await allowMedia(true);
  });
  after(() => allowMedia(false));
  beforeEach(capturing);
  afterEach(stopCapturing);

  async function joinWithMedia(element: InterviewVideo): Promise<void> {
    await element.updateComplete;
    button(element, 'Join video')!.click();
    await until(() => {
      const self = element.state.participants.find((participant) => participant.isLocal);
      return self?.cameraEnabled && self.microphoneEnabled && captured.length === 2;
    }, 'camera and microphone on');
    expect(captured.map((track) => track.readyState)).to.deep.equal(['live', 'live']);
  }

  const text = (element: InterviewVideo) => shadow(element).textContent!.replace(/\s+/g, ' ');

  it('leaves and turns camera and microphone off when this interviewer ends the interview', async () => {
    const created = await createSession(server);
    const session = sessionFor(server, created, 'interviewer');
    const element = mount(session);
    await joinWithMedia(element);
    let left = 0;
    element.addEventListener('interview-video-leave', () => (left += 1));

    await session.end();
    await until(() => captured.every((track) => track.readyState === 'ended'), 'every captured track to stop');
    await element.updateComplete;
    expect(element.state.phase).to.equal('ended');
    expect(text(element)).to.contain('The interview has ended');
    expect(button(element, 'Join video'), 'no way back in').to.equal(undefined);
    expect(button(element, 'Leave')).to.equal(undefined);
    expect(left).to.equal(1);
    expect(shadow(element).querySelector('[role="status"]')!.textContent).to.contain('The interview has ended');

    await element.join();
    expect(element.state.phase).to.equal('ended');
    expect(captured).to.have.length(2);
  });

  it("leaves for a participant whose session learns of the end by reloading its view", async () => {
    const created = await createSession(server);
    const interviewer = sessionFor(server, created, 'interviewer');
    const candidate = sessionFor(server, created, 'candidate');
    const element = mount(candidate);
    await joinWithMedia(element);

    await interviewer.end();
    expect(element.state.phase, 'nothing changes before the view does').to.equal('connected');
    await candidate.load();
    await until(() => captured.every((track) => track.readyState === 'ended'), 'every captured track to stop');
    await element.updateComplete;
    expect(text(element)).to.contain('The interview has ended');
    expect(button(element, 'Join video')).to.equal(undefined);
  });

  it('says so at once, without a Join button, when the interview is already over', async () => {
    const created = await createSession(server);
    await sessionFor(server, created, 'interviewer').end();
    const session = sessionFor(server, created, 'candidate');
    await session.load();
    const element = mount(session);
    await element.updateComplete;
    expect(text(element)).to.contain('The interview has ended');
    expect(button(element, 'Join video')).to.equal(undefined);
    await element.join();
    expect(captured, 'no device opened').to.deep.equal([]);
  });

  it('lets participants join video in the lobby, before the start', async () => {
    const created = await createSession(server, undefined, { start: false });
    const session = sessionFor(server, created, 'candidate');
    expect((await session.load()).status).to.equal('scheduled');
    await joinWithMedia(mount(session));
  });

  it('tells the host page that a cancelled interview is over', async () => {
    const created = await createSession(server, undefined, { start: false });
    // The host's own view (its API key): a cancelled session's participant links no longer open.
    const host = new InterviewSession({ server: server.url, sessionId: created.id, tokenProvider: server.apiKey });
    await host.load();
    const element = mount(host);
    await element.updateComplete;
    expect(button(element, 'Join video')).to.exist;
    await host.client.cancelSession(created.id);
    await host.load();
    await element.updateComplete;
    expect(text(element)).to.contain('The interview was cancelled');
    expect(button(element, 'Join video')).to.equal(undefined);
  });

  it('captures from the remembered devices, and from the default camera when the remembered one is gone', async () => {
    const microphones = (await navigator.mediaDevices.enumerateDevices()).filter((device) => device.kind === 'audioinput');
    const chosen = microphones.find((device) => device.deviceId !== 'default')!;
    saveDeviceChoice({ cameraId: 'a-camera-unplugged-since', microphoneId: chosen.deviceId });
    const created = await createSession(server);
    const element = mount(sessionFor(server, created, 'candidate'));
    await joinWithMedia(element);
    const [microphone, camera] = captured;
    expect(microphone!.getSettings().deviceId).to.equal(chosen.deviceId);
    expect(microphone!.label).to.equal(chosen.label);
    expect(camera!.kind).to.equal('video');
    expect(element.state.error).to.equal(null);
    expect(element.state.selectedDevices.audioinput).to.equal(chosen.deviceId);
  });
});
