// What a host framework may set on `<interview-editor>` and which of its events it can listen to.
// This package's React and Vue declarations are made from it.
import type { ElementApi } from '@interview-kit/core';
import type { InterviewEditor } from '../editor/editor.component.js';
// The event map entries of this package's events (`HTMLElementEventMap`).
import '../events.js';

/** The public API of `<interview-editor>`. */
export type InterviewEditorApi = ElementApi<
  InterviewEditor,
  'session' | 'collab' | 'label' | 'replay' | 'replayAt' | 'strings',
  'interview-connection-change' | 'interview-language-change' | 'interview-insertion-signal' | 'interview-replay-moment'
>;
