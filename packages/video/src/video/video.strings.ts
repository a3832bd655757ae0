import { LocaleCatalog } from '@interview-kit/core';
import type { ConnectionQuality } from '../call/state.js';
import type { VideoErrorCode } from '../call/errors.js';

/**
 * Every user-facing string of `<interview-video>`. The call shows the table of its language
 * ({@link VIDEO_LOCALES}); pass a partial table as `strings` to change any of it.
 */
export interface VideoStrings {
  region: string;
  joinPrompt: string;
  observerJoinPrompt: string;
  join: string;
  connecting: string;
  reconnecting: string;
  leave: string;
  left: string;
  /** Shown instead of the join controls once the interview has ended. */
  ended: string;
  /** Shown instead of the join controls when the interview was cancelled. */
  cancelled: string;
  microphone: string;
  camera: string;
  screenShare: string;
  speakerLayout: string;
  /** The device settings button. */
  devices: string;
  /** The tooltip of a toggle: its name and whether it is on. */
  toggleTitle: (name: string, on: boolean) => string;
  /** The tooltip of the Leave button. */
  leaveTitle: string;
  /** The pre-join panel's link to the camera and microphone check, and its tooltip. */
  checkDevices: string;
  checkDevicesTitle: string;
  cameraDevice: string;
  microphoneDevice: string;
  speakerDevice: string;
  controls: string;
  you: (name: string) => string;
  /** The caption of your own small tile. */
  youShort: string;
  screenOf: (name: string) => string;
  muted: string;
  cameraOff: string;
  speaking: string;
  quality: Record<ConnectionQuality, string>;
  /** The accessible description of a tile. */
  tileLabel: (parts: { name: string; muted: boolean; speaking: boolean; quality: string }) => string;
  waitingForOthers: string;
  observerNote: string;
  retry: string;
  dismiss: string;
  joinedAnnouncement: (mode: 'livekit' | 'p2p') => string;
  reconnectingAnnouncement: string;
  reconnectedAnnouncement: string;
  endedAnnouncement: string;
  participantJoined: (name: string) => string;
  participantLeft: (name: string) => string;
  errors: Record<VideoErrorCode, string>;
}

export const VIDEO_STRINGS_EN: VideoStrings = {
  region: 'Video call',
  joinPrompt: 'Join the video call to see and hear the other participants.',
  observerJoinPrompt: 'Join the video call to watch and listen. Observers do not share camera or microphone.',
  join: 'Join video',
  connecting: 'Connecting to the video call…',
  reconnecting: 'Connection lost. Reconnecting…',
  leave: 'Leave',
  left: 'You left the video call.',
  ended: 'The interview has ended. Camera and microphone are off.',
  cancelled: 'The interview was cancelled. Camera and microphone are off.',
  microphone: 'Microphone',
  camera: 'Camera',
  screenShare: 'Share screen',
  speakerLayout: 'Speaker view',
  devices: 'Device settings',
  toggleTitle: (name, on) => `${name}: ${on ? 'on' : 'off'}`,
  leaveTitle: 'Leave the video call',
  checkDevices: 'Check devices',
  checkDevicesTitle: 'Check your camera and microphone before joining',
  cameraDevice: 'Camera',
  microphoneDevice: 'Microphone',
  speakerDevice: 'Speaker',
  controls: 'Call controls',
  you: (name) => `${name} (you)`,
  youShort: 'You',
  screenOf: (name) => `${name}'s screen`,
  muted: 'Muted',
  cameraOff: 'Camera off',
  speaking: 'Speaking',
  quality: { excellent: 'Excellent connection', good: 'Good connection', poor: 'Poor connection', lost: 'Connection lost', unknown: 'Connection quality unknown' },
  tileLabel: ({ name, muted, speaking, quality }) =>
    [name, muted ? 'microphone muted' : '', speaking ? 'speaking' : '', quality].filter(Boolean).join(', '),
  waitingForOthers: 'Waiting for the others to join…',
  observerNote: 'You are watching. Observers do not share camera or microphone.',
  retry: 'Try again',
  dismiss: 'Dismiss',
  joinedAnnouncement: (mode) => (mode === 'livekit' ? 'Joined the video call.' : 'Joined the video call (direct connection).'),
  reconnectingAnnouncement: 'Video connection lost. Reconnecting.',
  reconnectedAnnouncement: 'Video connection restored.',
  endedAnnouncement: 'The interview has ended. You left the video call; camera and microphone are off.',
  participantJoined: (name) => `${name} joined the video call.`,
  participantLeft: (name) => `${name} left the video call.`,
  errors: {
    'permission-denied':
      'Camera or microphone access is blocked. Allow it in your browser (the camera icon in the address bar), then try again.',
    'no-devices': 'No camera or microphone was found. Connect one, then try again.',
    'device-in-use': 'Your camera or microphone is in use by another application. Close it, then try again.',
    'media-server-unreachable': 'The video server cannot be reached. Check your network connection, then try again.',
    'token-expired': 'Your access to this interview has expired. Reload the page to continue.',
    'room-full': 'This call already has two participants. Video for more than two people needs a LiveKit server; ask your host to configure one.',
    'p2p-unavailable': 'Video for observers needs a LiveKit server; ask your host to configure one.',
    'screen-share-failed': 'Screen sharing did not start. Allow screen recording for your browser, then try again.',
    unknown: 'Something went wrong with the video call. Try again.',
  },
};

/** The video call's strings in every built-in language: English at hand, German, Spanish and Arabic loaded on first need. */
export const VIDEO_LOCALES = new LocaleCatalog<VideoStrings>(VIDEO_STRINGS_EN, {
  de: () => import('./locales/de.js').then((m) => m.VIDEO_STRINGS_DE),
  es: () => import('./locales/es.js').then((m) => m.VIDEO_STRINGS_ES),
  ar: () => import('./locales/ar.js').then((m) => m.VIDEO_STRINGS_AR),
});
