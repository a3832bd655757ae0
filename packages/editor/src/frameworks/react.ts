/**
 * JSX declarations of `<interview-editor>` for React 19 TSX: typed properties, attributes and
 * listener props (`on` + the event name, e.g. `oninterview-language-change`). Load them once, in
 * any file of the app: `import type {} from '@interview-kit/editor/react';`. The element must be
 * defined (`import '@interview-kit/editor/define'`) before React renders it, so that React sets
 * properties.
 *
 * @module @interview-kit/editor/react
 */
import type { ReactProps } from '@interview-kit/core/react';
import type { InterviewEditorApi } from './elements.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'interview-editor': ReactProps<InterviewEditorApi>;
    }
  }
}
