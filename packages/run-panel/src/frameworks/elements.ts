// What a host framework may set on `<interview-run-panel>` and `<interview-tests>` and which of
// their events it can listen to. This package's React and Vue declarations are made from it.
import type { ElementApi } from '@interview-kit/core';
import type { InterviewRunPanel } from '../run-panel/run-panel.component.js';
import type { InterviewTests } from '../tests/tests.component.js';
// The event map entries of this package's events (`HTMLElementEventMap`).
import '../events.js';

/** The public API of `<interview-run-panel>`. */
export type InterviewRunPanelApi = ElementApi<
  InterviewRunPanel,
  'session' | 'collab' | 'code' | 'language' | 'standalone' | 'globalShortcut' | 'strings',
  'interview-run-start' | 'interview-run-complete' | 'interview-run-error'
>;

/** The public API of `<interview-tests>`. */
export type InterviewTestsApi = ElementApi<
  InterviewTests,
  'session' | 'collab' | 'strings'
>;
