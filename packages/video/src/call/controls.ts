import { arrangeStage, type VideoLayout } from './stage.js';
import { localParticipant, type VideoCallState } from './state.js';

/** One of the call's controls. */
export type CallControlKind = 'microphone' | 'camera' | 'screen-share' | 'speaker-layout' | 'devices' | 'leave';

/** A control to show, and whether it is on (toggles; for `devices`, whether the panel is open). */
export interface CallControl {
  kind: CallControlKind;
  on: boolean;
}

/** What the controls depend on besides the call's state. */
export interface CallControlContext {
  layout: VideoLayout;
  /** Whether the device panel is open. */
  devicesOpen: boolean;
  /** Whether this browser can share a screen. */
  canShareScreen: boolean;
}

/**
 * The controls of a joined call, in order: microphone, camera and screen share for roles that
 * publish (screen share where the browser has it); the speaker-layout switch only when there is
 * more than one large tile to choose from; device settings; leave.
 */
export function callControls(state: VideoCallState, { layout, devicesOpen, canShareScreen }: CallControlContext): CallControl[] {
  const self = localParticipant(state);
  const controls: CallControl[] = [];
  if (state.canPublish) {
    controls.push({ kind: 'microphone', on: !!self?.microphoneEnabled }, { kind: 'camera', on: !!self?.cameraEnabled });
    if (canShareScreen) controls.push({ kind: 'screen-share', on: !!self?.screenSharing });
  }
  if (arrangeStage(state, layout).main.length > 1) controls.push({ kind: 'speaker-layout', on: layout === 'speaker' });
  controls.push({ kind: 'devices', on: devicesOpen }, { kind: 'leave', on: false });
  return controls;
}
