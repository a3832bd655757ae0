import { LocaleCatalog } from '@interview-kit/core';
import type { DeviceProblem } from './device-check-model.js';

/** Which devices a problem concerns. */
export type DeviceProblemScope = 'camera' | 'microphone' | 'both';

/**
 * Every user-facing string of `<interview-device-check>`. The check shows the table of its
 * language ({@link DEVICE_CHECK_LOCALES}); pass a partial table as `strings` to change any of it.
 */
export interface DeviceCheckStrings {
  region: string;
  prompt: string;
  start: string;
  starting: string;
  stop: string;
  retry: string;
  preview: string;
  noPreview: string;
  level: string;
  camera: string;
  microphone: string;
  /** The message for a problem with the camera, the microphone, or both alike. */
  problem: (scope: DeviceProblemScope, problem: DeviceProblem) => string;
}

const DEVICE_NAMES: Record<DeviceProblemScope, string> = { camera: 'camera', microphone: 'microphone', both: 'camera and microphone' };
const capitalized = (text: string) => text[0]!.toUpperCase() + text.slice(1);

export const DEVICE_CHECK_STRINGS_EN: DeviceCheckStrings = {
  region: 'Camera and microphone check',
  prompt: 'Check your camera and microphone before the interview.',
  start: 'Test camera and microphone',
  starting: 'Opening camera and microphone…',
  stop: 'Turn camera and microphone off',
  retry: 'Try again',
  preview: 'Camera preview',
  noPreview: 'No camera picture',
  level: 'Microphone level',
  camera: 'Camera',
  microphone: 'Microphone',
  problem: (scope, problem) => {
    const devices = DEVICE_NAMES[scope];
    switch (problem) {
      case 'permission-denied':
        return `${capitalized(devices)} access is blocked. Allow it in your browser (the camera icon in the address bar), then try again.`;
      case 'no-devices':
        return scope === 'both' ? 'No camera or microphone was found. Connect one, then try again.' : `No ${devices} was found. Connect one, then try again.`;
      case 'device-in-use':
        return `Your ${devices} ${scope === 'both' ? 'are' : 'is'} in use by another application. Close it, then try again.`;
      default:
        return `Your ${devices} could not be opened. Try again.`;
    }
  },
};

/** The device check's strings in every built-in language: English at hand, German, Spanish and Arabic loaded on first need. */
export const DEVICE_CHECK_LOCALES = new LocaleCatalog<DeviceCheckStrings>(DEVICE_CHECK_STRINGS_EN, {
  de: () => import('./locales/de.js').then((m) => m.DEVICE_CHECK_STRINGS_DE),
  es: () => import('./locales/es.js').then((m) => m.DEVICE_CHECK_STRINGS_ES),
  ar: () => import('./locales/ar.js').then((m) => m.DEVICE_CHECK_STRINGS_AR),
});
