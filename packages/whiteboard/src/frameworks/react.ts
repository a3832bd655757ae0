/**
 * JSX declarations of `<interview-whiteboard>` for React 19 TSX: typed properties and attributes.
 * Load them once, in any file of the app: `import type {} from '@interview-kit/whiteboard/react';`. The element must be
 * defined (`import '@interview-kit/whiteboard/define'`) before React renders it, so that React sets
 * properties.
 *
 * @module @interview-kit/whiteboard/react
 */
import type { ReactProps } from '@interview-kit/core/react';
import type { InterviewWhiteboardApi } from './elements.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'interview-whiteboard': ReactProps<InterviewWhiteboardApi>;
    }
  }
}
