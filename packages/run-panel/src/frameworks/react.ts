/**
 * JSX declarations of `<interview-run-panel>` and `<interview-tests>` for React 19 TSX: typed
 * properties, attributes and listener props (`on` + the event name, e.g. `oninterview-run-
 * complete`). Load them once, in any file of the app: `import type {} from '@interview-kit/run-
 * panel/react';`. The element must be defined (`import '@interview-kit/run-panel/define'`) before
 * React renders it, so that React sets properties.
 *
 * @module @interview-kit/run-panel/react
 */
import type { ReactProps } from '@interview-kit/core/react';
import type { InterviewRunPanelApi, InterviewTestsApi } from './elements.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'interview-run-panel': ReactProps<InterviewRunPanelApi>;
      'interview-tests': ReactProps<InterviewTestsApi>;
    }
  }
}
