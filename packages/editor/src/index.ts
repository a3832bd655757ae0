/**
 * `<interview-editor>`: the collaborative code editor of an interview session (CodeMirror 6 bound
 * to the session's shared document), with a project's file list, presence, roles and replay. Import
 * `@interview-kit/editor/define` to register the element.
 *
 * @module @interview-kit/editor
 */
export { InterviewEditor } from './editor/editor.component.js';
export { EDITOR_LOCALES, EDITOR_STRINGS_EN, type EditorStrings, type FileListStrings } from './editor/editor.strings.js';
export { PROJECT_FILE_LIMIT, ProjectModel, type ProjectChange, type ProjectEntry, type ProjectNameProblem } from './editor/project-model.js';
export { LANGUAGES, loadLanguage, type LanguageDefinition } from './editor/languages.js';
export { ReplayPlayer, REPLAY_SPEEDS } from './editor/replay-player.js';
export { runMarksOf, runRecordsOf, latestRunAt, type RunMark } from './editor/replay-timeline.js';
export * from './events.js';
