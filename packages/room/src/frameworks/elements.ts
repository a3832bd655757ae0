// What a host framework may set on `<interview-room>` and which of its events it can listen to. This
// package's React and Vue declarations are made from it.
import type { ElementApi } from '@interview-kit/core';
import type { InterviewRoom } from '../room/room.component.js';
// The event map entries of this package's events (`HTMLElementEventMap`).
import '../events.js';

/**
 * The public API of `<interview-room>`. Besides its own events, those of the parts it renders (runs,
 * the editor's connection and language, video) bubble out of it and are listed too.
 */
export type InterviewRoomApi = ElementApi<
  InterviewRoom,
  'server' | 'session' | 'tokenProvider' | 'narrowWidth' | 'replay' | 'replayAt' | 'strings',
  | 'interview-session-ready'
  | 'interview-session-end'
  | 'interview-error'
  | 'interview-run-start'
  | 'interview-run-complete'
  | 'interview-run-error'
  | 'interview-connection-change'
  | 'interview-language-change'
  | 'interview-video-join'
  | 'interview-video-leave'
  | 'interview-video-error'
  | 'interview-device-change',
  {
    /** `light`, `dark`, or `auto` (the default: the reader's `prefers-color-scheme`). */
    theme?: 'light' | 'dark' | 'auto';
  }
>;
