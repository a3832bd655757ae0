import type { DeviceProblemScope, DeviceCheckStrings } from '../device-check.strings.js';

/** The device with its article, as a sentence's subject. */
const DEVICES: Record<DeviceProblemScope, string> = { camera: 'la cámara', microphone: 'el micrófono', both: 'la cámara y el micrófono' };

/** `<interview-device-check>` en español. */
export const DEVICE_CHECK_STRINGS_ES: DeviceCheckStrings = {
  region: 'Prueba de cámara y micrófono',
  prompt: 'Pruebe la cámara y el micrófono antes de la entrevista.',
  start: 'Probar cámara y micrófono',
  starting: 'Abriendo la cámara y el micrófono…',
  stop: 'Apagar cámara y micrófono',
  retry: 'Reintentar',
  preview: 'Vista previa de la cámara',
  noPreview: 'Sin imagen de la cámara',
  level: 'Nivel del micrófono',
  camera: 'Cámara',
  microphone: 'Micrófono',
  problem: (scope, problem) => {
    const devices = DEVICES[scope];
    switch (problem) {
      case 'permission-denied':
        return `El acceso ${scope === 'microphone' ? 'al micrófono' : `a ${devices}`} está bloqueado. Permítalo en su navegador (el icono de la cámara en la barra de direcciones) y vuelva a intentarlo.`;
      case 'no-devices':
        return scope === 'both'
          ? 'No se encontró ninguna cámara ni micrófono. Conecte uno y vuelva a intentarlo.'
          : `No se encontró ${scope === 'camera' ? 'ninguna cámara' : 'ningún micrófono'}. Conecte uno y vuelva a intentarlo.`;
      case 'device-in-use':
        return `Otra aplicación está usando ${devices}. Ciérrela y vuelva a intentarlo.`;
      default:
        return `No se ${scope === 'both' ? 'pudieron' : 'pudo'} abrir ${devices}. Vuelva a intentarlo.`;
    }
  },
};
