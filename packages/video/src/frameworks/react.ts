/**
 * JSX declarations of `<interview-video>` and `<interview-device-check>` for React 19 TSX: typed
 * properties, attributes and listener props (`on` + the event name, e.g. `oninterview-video-join`).
 * Load them once, in any file of the app: `import type {} from '@interview-kit/video/react';`. The
 * element must be defined (`import '@interview-kit/video/define'`) before React renders it, so that
 * React sets properties.
 *
 * @module @interview-kit/video/react
 */
import type { ReactProps } from '@interview-kit/core/react';
import type { InterviewVideoApi, InterviewDeviceCheckApi } from './elements.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'interview-video': ReactProps<InterviewVideoApi>;
      'interview-device-check': ReactProps<InterviewDeviceCheckApi>;
    }
  }
}
