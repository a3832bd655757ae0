/**
 * Core of Interview Kit: wire types, the REST client, token providers, the shared session
 * object, the observable store of the element models, the Lit context and controllers
 * through which elements share the session, and the sanitising Markdown renderer.
 *
 * @module @interview-kit/core
 */
export * from './protocol.js';
export * from './errors.js';
export * from './jwt.js';
export * from './typed-event-target.js';
export * from './token-provider.js';
export * from './client.js';
export * from './session.js';
export * from './context.js';
export * from './controllers/index.js';
export * from './store.js';
export * from './rubric.js';
export * from './collab/index.js';
export * from './runs.js';
export * from './chat.js';
export * from './chat-model.js';
export * from './console/protocol.js';
export * from './console/interactive-console.js';
export * from './integrity.js';
export * from './integrity-capture.js';
export * from './styles.js';
export * from './markdown.js';
export * from './contrast.js';
export type { AnyElementApi, ElementApi } from './frameworks/element-api.js';
export * from './i18n/index.js';
export * from './recording/recording-uploader.js';
export * from './recording/replay-media.js';
export * from './recording/transcript.js';
