/**
 * Collaboration: the shared Y.Doc of a session with its server and peer-to-peer providers,
 * presence, and replay.
 *
 * @module
 */
export * from './structure.js';
export * from './project.js';
export * from './session-state.js';
export * from './protocol.js';
export * from './colours.js';
export * from './collab-session.js';
export * from './save-state.js';
export * from './replay.js';
export * from './board.js';
export * from './mesh-bridge.js';
