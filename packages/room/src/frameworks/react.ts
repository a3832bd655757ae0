/**
 * JSX declarations of `<interview-room>` for React 19 TSX: typed properties, attributes and
 * listener props (`on` + the event name, e.g. `oninterview-session-end`). Load them once, in any
 * file of the app: `import type {} from '@interview-kit/room/react';`. The element must be defined
 * (`import '@interview-kit/room/define'`) before React renders it, so that React sets properties.
 *
 * @module @interview-kit/room/react
 */
import type { ReactProps } from '@interview-kit/core/react';
import type { InterviewRoomApi } from './elements.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'interview-room': ReactProps<InterviewRoomApi>;
    }
  }
}
