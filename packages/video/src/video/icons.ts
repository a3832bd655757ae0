import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

/** The call's icons: 24×24 strokes in the current text colour, hidden from assistive technology (their buttons are labelled). */
export type IconName =
  | 'microphone'
  | 'microphone-off'
  | 'camera'
  | 'camera-off'
  | 'screen-share'
  | 'speaker-layout'
  | 'devices'
  | 'leave';

const SLASH = svg`<path d="M3 3l18 18" />`;
const MICROPHONE = svg`<rect x="9" y="2.5" width="6" height="11.5" rx="3" /><path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M8.5 21h7" />`;
const CAMERA = svg`<rect x="2.5" y="6" width="13" height="12" rx="2" /><path d="M15.5 10.5l6-3.5v10l-6-3.5z" />`;

const PATHS: Record<IconName, SVGTemplateResult> = {
  microphone: MICROPHONE,
  'microphone-off': svg`${MICROPHONE}${SLASH}`,
  camera: CAMERA,
  'camera-off': svg`${CAMERA}${SLASH}`,
  'screen-share': svg`<rect x="2.5" y="3.5" width="19" height="13" rx="2" /><path d="M8 20.5h8M12 16.5v4M12 13V7.5M9.25 10.25L12 7.5l2.75 2.75" />`,
  'speaker-layout': svg`<rect x="2.5" y="3" width="19" height="12" rx="1.5" /><rect x="2.5" y="17.5" width="5.5" height="3.5" rx="1" /><rect x="9.25" y="17.5" width="5.5" height="3.5" rx="1" /><rect x="16" y="17.5" width="5.5" height="3.5" rx="1" />`,
  devices: svg`<path d="M3 6h10M17 6h4M3 12h4M11 12h10M3 18h12M19 18h2" /><circle cx="15" cy="6" r="2" /><circle cx="9" cy="12" r="2" /><circle cx="17" cy="18" r="2" />`,
  leave: svg`<path d="M2.6 14.2c-.5-.5-.5-1.3 0-1.8C5.2 10 8.5 8.7 12 8.7s6.8 1.3 9.4 3.7c.5.5.5 1.3 0 1.8l-1.9 1.9c-.4.4-1.1.5-1.6.1l-2.1-1.6c-.4-.3-.6-.7-.6-1.2v-1.9a11 11 0 0 0-6.4 0v1.9c0 .5-.2.9-.6 1.2l-2.1 1.6c-.5.4-1.2.3-1.6-.1z" />`,
};

/** An inline icon. */
export function icon(name: IconName): TemplateResult {
  return html`<svg part="icon" class="icon" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${PATHS[name]}</svg>`;
}
