/**
 * `<interview-whiteboard>`: the collaborative whiteboard of an interview session (an SVG renderer
 * over the session's shared document), with roles, undo of your own actions, zoom, export and
 * replay. Import `@interview-kit/whiteboard/define` to register the element.
 *
 * @module @interview-kit/whiteboard
 */
export { InterviewWhiteboard } from './whiteboard/whiteboard.component.js';
export { BoardModel, type Box, type NewShape } from './whiteboard/board-model.js';
export { Viewport, MIN_ZOOM, MAX_ZOOM } from './whiteboard/viewport.js';
export { TOOLS, WHITEBOARD_LOCALES, WHITEBOARD_STRINGS_EN, type Tool, type WhiteboardStrings } from './whiteboard/whiteboard.strings.js';
