export * from './call.js';
export * from './errors.js';
export * from './state.js';
export * from './store.js';
export type { CallEngine } from './engine.js';
export type { LiveKitModule, LkRoom, LkParticipant, LkLocalParticipant, LkPublication, LkTrack } from './livekit.js';
