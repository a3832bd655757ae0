import type { DeviceProblemScope, DeviceCheckStrings } from '../device-check.strings.js';

const DEVICES: Record<DeviceProblemScope, string> = { camera: 'Kamera', microphone: 'Mikrofon', both: 'Kamera und Mikrofon' };

/** `<interview-device-check>` auf Deutsch. */
export const DEVICE_CHECK_STRINGS_DE: DeviceCheckStrings = {
  region: 'Test von Kamera und Mikrofon',
  prompt: 'Prüfen Sie Kamera und Mikrofon vor dem Interview.',
  start: 'Kamera und Mikrofon testen',
  starting: 'Kamera und Mikrofon werden geöffnet …',
  stop: 'Kamera und Mikrofon ausschalten',
  retry: 'Erneut versuchen',
  preview: 'Kameravorschau',
  noPreview: 'Kein Kamerabild',
  level: 'Mikrofonpegel',
  camera: 'Kamera',
  microphone: 'Mikrofon',
  problem: (scope, problem) => {
    const devices = DEVICES[scope];
    switch (problem) {
      case 'permission-denied':
        return `Der Zugriff auf ${scope === 'camera' ? 'die Kamera' : scope === 'microphone' ? 'das Mikrofon' : 'Kamera und Mikrofon'} ist blockiert. Erlauben Sie ihn in Ihrem Browser (Kamerasymbol in der Adressleiste) und versuchen Sie es dann erneut.`;
      case 'no-devices':
        return scope === 'both'
          ? 'Keine Kamera und kein Mikrofon gefunden. Schließen Sie ein Gerät an und versuchen Sie es dann erneut.'
          : `${scope === 'camera' ? 'Keine Kamera' : 'Kein Mikrofon'} gefunden. Schließen Sie ein Gerät an und versuchen Sie es dann erneut.`;
      case 'device-in-use':
        return `${devices} ${scope === 'both' ? 'werden' : 'wird'} von einer anderen Anwendung verwendet. Schließen Sie diese und versuchen Sie es dann erneut.`;
      default:
        return `${devices} ${scope === 'both' ? 'konnten' : 'konnte'} nicht geöffnet werden. Versuchen Sie es erneut.`;
    }
  },
};
