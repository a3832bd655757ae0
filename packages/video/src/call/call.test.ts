// The call's state machine in LiveKit mode. No LiveKit server can run here, so the SDK's `Room`
// is a stand-in (see ../testing/stand-in-room.ts); everything else is real: the reference server
// mints the LiveKit tokens and the session's token provider and client fetch them.
import { expect } from '@esm-bundle/chai';
import { InterviewSession, decodeJwtPayload, type Role, type TokenSource } from '@interview-kit/core';
import { createSession, issueToken, referenceServer, type ReferenceServer, type CreatedSession } from '../../../core/src/testing/reference-server.js';
import { until } from '../../../core/src/testing/helpers.js';
import { connectionError, ConnectionErrorReason, DisconnectReason, RoomEvent, StandInRoom, standInLiveKit } from '../testing/stand-in-room.js';
import { VideoCall } from './call.js';
import { DEVICE_CHOICE_STORAGE_KEY, readDeviceChoice, saveDeviceChoice } from './device-preferences.js';
import { localParticipant } from './state.js';

let server: ReferenceServer;
let created: CreatedSession;
const calls: VideoCall[] = [];

before(async () => {
  server = await referenceServer();
  created = await createSession(server);
});

afterEach(async () => {
  StandInRoom.connectFailures.length = 0;
  localStorage.removeItem(DEVICE_CHOICE_STORAGE_KEY);
  await Promise.all(calls.splice(0).map((call) => call.leave()));
});

const participantIds: Record<Role, string> = { interviewer: 'ivy', candidate: 'cam', observer: 'oli' };

/** A call for `role`, counting the LiveKit token requests its session makes. */
function callAs(role: Role, tokens: TokenSource = created.tokenFor(role)) {
  const requests = { liveKitTokens: 0 };
  const session = new InterviewSession({
    server: server.url,
    sessionId: created.id,
    tokenProvider: tokens,
    fetch: (input, init) => {
      if (String(input).endsWith('/livekit-token')) requests.liveKitTokens += 1;
      return fetch(input, init);
    },
  });
  const call = new VideoCall(session, { loadLiveKit: async () => standInLiveKit, liveKitRejoin: { delayMs: () => 10 } });
  calls.push(call);
  return { call, requests, session };
}

const room = () => StandInRoom.created[StandInRoom.created.length - 1]!;

describe('VideoCall with LiveKit (stand-in Room)', () => {
  it('joins the LiveKit room with a token for this participant and turns camera and microphone on', async () => {
    const { call } = callAs('candidate');
    await call.join();

    const state = call.state.value;
    expect(state.phase).to.equal('connected');
    expect(state.mode).to.equal('livekit');
    expect(room().connects).to.have.length(1);
    expect(room().connects[0]!.url).to.equal(server.liveKitUrl);
    const claims = decodeJwtPayload(room().connects[0]!.token)!;
    expect(claims['sub']).to.equal('cam');
    expect(claims['video']).to.include({ room: created.id, canPublish: true });
    expect(localParticipant(state)).to.include({ id: 'cam', name: 'Cam Candidate', microphoneEnabled: true, cameraEnabled: true });
  });

  it('shows participants joining and leaving', async () => {
    const { call } = callAs('candidate');
    await call.join();
    room().join('ivy', 'Ivy Interviewer');
    expect(call.state.value.participants.map((p) => p.name)).to.deep.equal(['Cam Candidate', 'Ivy Interviewer']);
    room().leave('ivy');
    expect(call.state.value.participants.map((p) => p.name)).to.deep.equal(['Cam Candidate']);
  });

  it('mutes and unmutes, and shows when others mute', async () => {
    const { call } = callAs('interviewer');
    await call.join();
    await call.toggleMicrophone();
    expect(localParticipant(call.state.value)!.microphoneEnabled).to.equal(false);
    await call.toggleMicrophone();
    expect(localParticipant(call.state.value)!.microphoneEnabled).to.equal(true);

    const candidate = room().join('cam', 'Cam Candidate');
    candidate.isMicrophoneEnabled = true;
    room().emit(RoomEvent.TrackUnmuted);
    expect(call.state.value.participants[1]!.microphoneEnabled).to.equal(true);
    candidate.isMicrophoneEnabled = false;
    room().emit(RoomEvent.TrackMuted);
    expect(call.state.value.participants[1]!.microphoneEnabled).to.equal(false);
  });

  it('follows the active speaker, who stays active through a pause', async () => {
    const { call } = callAs('interviewer');
    await call.join();
    const candidate = room().join('cam', 'Cam Candidate');
    room().speakers(candidate);
    expect(call.state.value.activeSpeakerId).to.equal('cam');
    expect(call.state.value.participants[1]!.speaking).to.equal(true);
    room().speakers();
    expect(call.state.value.activeSpeakerId).to.equal('cam');
    expect(call.state.value.participants[1]!.speaking).to.equal(false);
    room().speakers(room().localParticipant);
    expect(call.state.value.activeSpeakerId).to.equal('ivy');
  });

  it('shows reconnecting while LiveKit resumes the connection, then connected again', async () => {
    const { call } = callAs('candidate');
    await call.join();
    room().emit(RoomEvent.Reconnecting);
    expect(call.state.value.phase).to.equal('reconnecting');
    room().emit(RoomEvent.Reconnected);
    expect(call.state.value.phase).to.equal('connected');
  });

  it('rejoins with a freshly fetched token when LiveKit could not resume', async () => {
    const { call, requests } = callAs('candidate');
    await call.join();
    expect(requests.liveKitTokens).to.equal(1);
    room().emit(RoomEvent.Disconnected, DisconnectReason.SIGNAL_CLOSE);
    expect(call.state.value.phase).to.equal('reconnecting');
    await until(() => call.state.value.phase === 'connected', 'the rejoin');
    expect(requests.liveKitTokens).to.equal(2);
    expect(room().connects).to.have.length(2);
    expect(call.state.value.error).to.equal(null);
  });

  it('refetches a LiveKit token the media server rejected, once', async () => {
    StandInRoom.connectFailures.push(connectionError(ConnectionErrorReason.NotAllowed, 'token expired'));
    const { call, requests } = callAs('candidate');
    await call.join();
    expect(call.state.value.phase).to.equal('connected');
    expect(requests.liveKitTokens).to.equal(2);
  });

  it("renews the participant's own token through the session's token provider", async () => {
    let fetched = 0;
    // The first token the host hands out is already unusable (forged); the provider gets another.
    const { call } = callAs('candidate', async () => {
      fetched += 1;
      if (fetched === 1) return `${created.tokenFor('candidate').slice(0, -4)}AAAA`;
      return issueToken(server, created.id, participantIds.candidate);
    });
    await call.join();
    expect(call.state.value.phase).to.equal('connected');
    expect(fetched).to.equal(2);
  });

  it('ends the call with "token-expired" when access cannot be renewed', async () => {
    const forged = `${created.tokenFor('candidate').slice(0, -4)}AAAA`;
    const { call } = callAs('candidate', forged);
    await call.join();
    expect(call.state.value.phase).to.equal('failed');
    expect(call.state.value.error).to.include({ code: 'token-expired', fatal: true });
  });

  it('ends the call with "media-server-unreachable" when LiveKit cannot be reached', async () => {
    StandInRoom.connectFailures.push(connectionError(ConnectionErrorReason.ServerUnreachable));
    const { call } = callAs('candidate');
    await call.join();
    expect(call.state.value.error).to.include({ code: 'media-server-unreachable', fatal: true });
  });

  it('never publishes for observers', async () => {
    const { call } = callAs('observer');
    await call.join();
    expect(call.state.value.phase).to.equal('connected');
    expect(call.state.value.canPublish).to.equal(false);
    await call.toggleCamera();
    await call.toggleMicrophone();
    expect(room().localParticipant.calls).to.deep.equal([]);
    expect(decodeJwtPayload(room().connects[0]!.token)!['video']).to.include({ canPublish: false });
  });

  it('leaves: disconnects the room and stops listening to it', async () => {
    const { call } = callAs('candidate');
    await call.join();
    const joined = room();
    await call.leave();
    expect(joined.disconnected).to.equal(true);
    expect(joined.listenerCount()).to.equal(0);
    expect(call.state.value.phase).to.equal('disconnected');
    expect(call.state.value.participants).to.deep.equal([]);
    joined.emit(RoomEvent.Disconnected, DisconnectReason.SIGNAL_CLOSE);
    expect(call.state.value.phase).to.equal('disconnected');
  });

  it('passes device choices to the room', async () => {
    const { call } = callAs('candidate');
    await call.join();
    await call.selectDevice('videoinput', 'camera-2');
    expect(room().switched).to.deep.equal([['videoinput', 'camera-2']]);
    expect(call.state.value.selectedDevices.videoinput).to.equal('camera-2');
  });

  it('captures from the remembered camera and microphone, asked for exactly', async () => {
    saveDeviceChoice({ cameraId: 'camera-2', microphoneId: 'microphone-1' });
    const { call } = callAs('candidate');
    await call.join();
    expect(room().localParticipant.captureOptions).to.deep.equal([{ deviceId: { exact: 'microphone-1' } }, { deviceId: { exact: 'camera-2' } }]);
    expect(localParticipant(call.state.value)).to.include({ microphoneEnabled: true, cameraEnabled: true });
  });

  it('falls back to the default device when the remembered one is gone', async () => {
    saveDeviceChoice({ cameraId: 'unplugged-camera' });
    const { call } = callAs('candidate');
    await call.join();
    expect(room().localParticipant.captureOptions).to.deep.equal([undefined, { deviceId: { exact: 'unplugged-camera' } }, undefined]);
    expect(localParticipant(call.state.value)!.cameraEnabled).to.equal(true);
    expect(call.state.value.error).to.equal(null);
  });

  it('remembers a camera chosen during the call for the next join', async () => {
    const { call } = callAs('candidate');
    await call.join();
    await call.selectDevice('videoinput', 'camera-2');
    expect(readDeviceChoice()).to.deep.equal({ cameraId: 'camera-2', microphoneId: '' });
  });

  it('leaves the room when the interview ends, and cannot be joined again', async () => {
    const own = await createSession(server);
    const session = new InterviewSession({ server: server.url, sessionId: own.id, tokenProvider: own.tokenFor('interviewer') });
    const call = new VideoCall(session, { loadLiveKit: async () => standInLiveKit });
    calls.push(call);
    await call.join();
    const joined = room();
    expect(call.state.value.phase).to.equal('connected');

    await session.end();
    expect(call.state.value.phase, 'at once, on the ended view').to.equal('ended');
    await until(() => joined.disconnected, 'the room to be left');
    expect(joined.listenerCount()).to.equal(0);

    await call.join();
    expect(call.state.value.phase).to.equal('ended');
    expect(room(), 'no new room').to.equal(joined);
    await call.leave();
    expect(call.state.value.phase, 'leaving keeps it over').to.equal('ended');
  });
});
