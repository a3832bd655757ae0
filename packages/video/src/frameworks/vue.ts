/**
 * Vue 3 `GlobalComponents` declarations of `<interview-video>` and `<interview-device-check>`, so
 * that `vue-tsc` checks their props and event handlers (`@interview-video-join="…"` gets the typed
 * event). Load them once, in any file of the app: `import type {} from
 * '@interview-kit/video/vue';`. Vue must treat the tags as custom elements
 * (`compilerOptions.isCustomElement`), and, with the element defined first (`import
 * '@interview-kit/video/define'`), sets bound properties written in camelCase as properties.
 *
 * @module @interview-kit/video/vue
 */
import type { VueElement } from '@interview-kit/core/vue';
import type { InterviewVideoApi, InterviewDeviceCheckApi } from './elements.js';

declare module 'vue' {
  interface GlobalComponents {
    'interview-video': VueElement<InterviewVideoApi>;
    'interview-device-check': VueElement<InterviewDeviceCheckApi>;
  }
}
