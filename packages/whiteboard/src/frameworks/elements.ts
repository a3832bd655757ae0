// What a host framework may set on `<interview-whiteboard>`. This package's React and Vue
// declarations are made from it. The whiteboard dispatches no events of its own.
import type { ElementApi } from '@interview-kit/core';
import type { InterviewWhiteboard } from '../whiteboard/whiteboard.component.js';

/** The public API of `<interview-whiteboard>`. */
export type InterviewWhiteboardApi = ElementApi<InterviewWhiteboard, 'session' | 'collab' | 'label' | 'replay' | 'replayAt' | 'strings'>;
