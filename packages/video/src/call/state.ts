import type { VideoErrorCode } from './errors.js';

/** Where a call stands. `ended`: the interview is over (ended or cancelled); the call cannot be joined again. */
export type CallPhase = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'failed' | 'ended';

/** How media travels: through a LiveKit server, or directly between the two participants. */
export type CallMode = 'livekit' | 'p2p';

/** A participant's link quality, in LiveKit's terms (peer-to-peer links are rated the same way). */
export type ConnectionQuality = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

/** One participant of the call as the tiles show them. */
export interface CallParticipant {
  /** Participant id (LiveKit identity). */
  id: string;
  name: string;
  isLocal: boolean;
  microphoneEnabled: boolean;
  cameraEnabled: boolean;
  screenSharing: boolean;
  speaking: boolean;
  connectionQuality: ConnectionQuality;
  cameraTrack?: MediaStreamTrack | undefined;
  screenTrack?: MediaStreamTrack | undefined;
  /** Remote participants only: the audio to play. */
  audioTrack?: MediaStreamTrack | undefined;
  /** The local participant only: the microphone track it sends (also while muted; never played back). */
  microphoneTrack?: MediaStreamTrack | undefined;
}

/** A selectable device. */
export interface DeviceOption {
  deviceId: string;
  label: string;
}

export type DeviceKind = 'audioinput' | 'videoinput' | 'audiooutput';

/** What went wrong, and whether the call is over because of it. */
export interface VideoError {
  code: VideoErrorCode;
  /** Fatal errors end the call (`phase: 'failed'`); others leave it running (e.g. a blocked camera). */
  fatal: boolean;
  /** The underlying error's message, for logs and support. */
  detail?: string;
}

/** Everything the video element renders, as one immutable snapshot. */
export interface VideoCallState {
  phase: CallPhase;
  mode: CallMode | null;
  /** Local participant first. */
  participants: CallParticipant[];
  activeSpeakerId: string | null;
  /** Whether this participant's role may publish media (observers may not). */
  canPublish: boolean;
  devices: Record<DeviceKind, DeviceOption[]>;
  selectedDevices: Record<DeviceKind, string>;
  error: VideoError | null;
}

export const INITIAL_CALL_STATE: VideoCallState = {
  phase: 'idle',
  mode: null,
  participants: [],
  activeSpeakerId: null,
  canPublish: false,
  devices: { audioinput: [], videoinput: [], audiooutput: [] },
  selectedDevices: { audioinput: '', videoinput: '', audiooutput: '' },
  error: null,
};

/** The local participant of a snapshot, if the call has one. */
export function localParticipant(state: VideoCallState): CallParticipant | undefined {
  return state.participants.find((participant) => participant.isLocal);
}

/** The tracks this participant sends to the call: its microphone and its camera, while each is on. */
export interface OutgoingTracks {
  /** The microphone's track; muting disables it, so it stays while the call does. */
  microphone?: MediaStreamTrack | undefined;
  /** The camera's track; turning the camera off stops it, turning it on again gives a new one. */
  camera?: MediaStreamTrack | undefined;
}

/** What the local participant of `state` sends (nothing before joining, or for roles that do not publish); only live tracks. */
export function outgoingTracks(state: VideoCallState): OutgoingTracks {
  const local = localParticipant(state);
  const live = (track: MediaStreamTrack | undefined) => (track?.readyState === 'live' ? track : undefined);
  return { microphone: live(local?.microphoneTrack), camera: live(local?.cameraTrack) };
}

/**
 * Who the speaker layout shows large: a remote speaker before the local one; through pauses the
 * last active speaker stays, as long as they are still in the call.
 */
export function pickActiveSpeaker(participants: CallParticipant[], current: string | null): string | null {
  const speaking = participants.filter((participant) => participant.speaking);
  return (
    speaking.find((participant) => !participant.isLocal)?.id ??
    speaking[0]?.id ??
    (participants.some((participant) => participant.id === current) ? current : null)
  );
}
