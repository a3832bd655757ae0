/**
 * Lit `ReactiveController`s for what every element repeats: taking the shared session, binding to
 * the collaboration session, letting go, and speaking the page's language.
 *
 * @module
 */
export * from './cleanup.js';
export * from './binding-controller.js';
export * from './session-controller.js';
export * from './collab-controller.js';
export * from './locale-controller.js';
