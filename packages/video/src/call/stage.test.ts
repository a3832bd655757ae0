import { expect } from '@esm-bundle/chai';
import { callControls } from './controls.js';
import { arrangeStage } from './stage.js';
import { INITIAL_CALL_STATE, type CallParticipant, type VideoCallState } from './state.js';

function person(id: string, more: Partial<CallParticipant> = {}): CallParticipant {
  return {
    id,
    name: id,
    isLocal: false,
    microphoneEnabled: true,
    cameraEnabled: true,
    screenSharing: false,
    speaking: false,
    connectionQuality: 'good',
    ...more,
  };
}

function call(participants: CallParticipant[], more: Partial<VideoCallState> = {}): VideoCallState {
  return { ...INITIAL_CALL_STATE, phase: 'connected', canPublish: true, participants, ...more };
}

const me = person('me', { isLocal: true });
const keys = (state: VideoCallState, layout: 'grid' | 'speaker' = 'grid') => {
  const stage = arrangeStage(state, layout);
  return { main: stage.main.map((tile) => tile.key), self: stage.self?.key ?? null };
};

describe('arrangeStage', () => {
  it('shows you alone large, and small beside anyone else', () => {
    expect(keys(call([me]))).to.deep.equal({ main: ['me:camera'], self: null });
    expect(keys(call([me, person('ada')]))).to.deep.equal({ main: ['ada:camera'], self: 'me:camera' });
    expect(keys(call([me, person('ada'), person('bo')]))).to.deep.equal({ main: ['ada:camera', 'bo:camera'], self: 'me:camera' });
  });

  it('shows shared screens large, yours too, with your camera small', () => {
    expect(keys(call([{ ...me, screenSharing: true }]))).to.deep.equal({ main: ['me:screen'], self: 'me:camera' });
    expect(keys(call([me, person('ada', { screenSharing: true })]))).to.deep.equal({ main: ['ada:camera', 'ada:screen'], self: 'me:camera' });
  });

  it('features a screen someone else shares, else the active speaker, in the speaker layout', () => {
    const ada = person('ada');
    const bo = person('bo', { speaking: true });
    expect(keys(call([me, ada, bo], { activeSpeakerId: 'bo' }), 'speaker').main).to.deep.equal(['bo:camera', 'ada:camera']);
    expect(keys(call([{ ...me, screenSharing: true }, ada, { ...bo, screenSharing: true }], { activeSpeakerId: 'ada' }), 'speaker').main[0]).to.equal(
      'bo:screen',
    );
    expect(keys(call([me, ada, bo], { activeSpeakerId: 'me' }), 'speaker').main[0], 'not yourself').to.equal('ada:camera');
  });

  it('gives roles that do not publish no tile of their own beside the others', () => {
    expect(keys(call([me, person('ada')], { canPublish: false }))).to.deep.equal({ main: ['ada:camera'], self: null });
  });
});

describe('callControls', () => {
  const context = { layout: 'grid' as const, devicesOpen: false, canShareScreen: true };
  const kinds = (state: VideoCallState, more = {}) => callControls(state, { ...context, ...more }).map(({ kind, on }) => `${kind}:${on}`);

  it('offers the layout switch only when there is more than one large tile', () => {
    expect(kinds(call([me, person('ada')]))).to.deep.equal(['microphone:true', 'camera:true', 'screen-share:false', 'devices:false', 'leave:false']);
    expect(kinds(call([{ ...me, microphoneEnabled: false }, person('ada'), person('bo')]), { layout: 'speaker', devicesOpen: true })).to.deep.equal([
      'microphone:false',
      'camera:true',
      'screen-share:false',
      'speaker-layout:true',
      'devices:true',
      'leave:false',
    ]);
  });

  it('offers no publishing controls to roles that do not publish, and no screen share where the browser has none', () => {
    expect(kinds(call([me, person('ada')], { canPublish: false }))).to.deep.equal(['devices:false', 'leave:false']);
    expect(kinds(call([me]), { canShareScreen: false })).to.deep.equal(['microphone:true', 'camera:true', 'devices:false', 'leave:false']);
  });
});
