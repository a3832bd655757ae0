export * from './call.js';
export * from './errors.js';
export * from './state.js';
export * from './stage.js';
export * from './controls.js';
export * from './device-preferences.js';
// The observable store of the call's state is core's, shared by every element model.
export { Store, type Readable } from '@interview-kit/core';
export type { CallEngine } from './engine.js';
export type { LiveKitModule, LkRoom, LkParticipant, LkLocalParticipant, LkPublication, LkTrack, LkCaptureOptions } from './livekit.js';
