import { expect } from '@esm-bundle/chai';
import { InterviewSession, type CreateSessionRequest, type Role } from '@interview-kit/core';
import {
  createSession,
  referenceServer,
  sampleSession,
  type ReferenceServer,
  type CreatedSession,
} from '../../../core/src/testing/reference-server.js';
import { axeViolations, until } from '../../../core/src/testing/helpers.js';
import type { VideoErrorEvent, VideoJoinEvent } from '../events.js';
import type { InterviewVideo } from './video.component.js';
import './video.js';

const mounted: InterviewVideo[] = [];

afterEach(async () => {
  for (const element of mounted.splice(0)) {
    await element.leave();
    element.remove();
  }
});

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
const button = (element: InterviewVideo, text: string) =>
  [...shadow(element).querySelectorAll('button')].find((b) => b.textContent!.trim() === text);
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
    const tiles = [...shadow(interviewer).querySelectorAll('[part~="tile"]')].map((tile) => tile.getAttribute('aria-label'));
    expect(tiles[0]).to.contain('Ivy Interviewer (you)');
    expect(tiles[1]).to.contain('Cam Candidate');
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

  it('says what to do when the machine has no camera or microphone', async function () {
    const devices = await navigator.mediaDevices.enumerateDevices();
    if (devices.some((device) => device.kind === 'videoinput' || device.kind === 'audioinput')) {
      // This browser has (fake) devices; the state cannot be shown here.
      this.skip();
    }
    const created = await createSession(server);
    const element = mount(sessionFor(server, created, 'candidate'));
    await join(element);
    await until(() => element.state.error, 'the device error');
    await element.updateComplete;
    expect(element.state.phase, 'the call goes on without media').to.equal('connected');
    expect(element.state.error).to.include({ code: 'no-devices', fatal: false });
    expect(errorText(element)).to.contain('No camera or microphone was found');
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
    button(element, 'Devices')!.click();
    await element.updateComplete;
    expect(await axeViolations(element)).to.deep.equal([]);
    button(element, 'Speaker view')!.click();
    await element.updateComplete;
    expect(element.layout).to.equal('speaker');
    expect(button(element, 'Speaker view')!.getAttribute('aria-pressed')).to.equal('true');
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
