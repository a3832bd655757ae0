import { formatsFor } from '@interview-kit/core';
import type { ReplayStrings } from '../replay.strings.js';

const f = formatsFor('es');

/** La grabación en la reproducción y el asistente, en español. */
export const REPLAY_STRINGS_ES: ReplayStrings = {
  recording: 'Grabación',
  recordingLoading: 'Cargando la grabación…',
  noRecording: 'Esta entrevista no tiene grabación; la reproducción muestra el código y sus ejecuciones.',
  recordingFailed: (reason) => `No se pudo cargar la grabación: ${reason}`,
  videoOf: (name) => `Vídeo de ${name}`,
  audioOnly: 'Solo audio',
  play: 'Reproducir',
  pause: 'Pausa',
  timeline: 'Posición en la reproducción',
  positionOf: (time, total) => `${time} de ${total}`,
  runMarks: 'Ejecuciones',
  runMark: (time, passed) => `Ejecución a las ${time}: ${passed ? 'superada' : 'fallida'}`,
  speechMarks: 'Habla',
  speechMark: (time, name) => `${name} habla a las ${time}`,
  captions: 'Subtítulos',
  transcript: 'Transcripción',
  searchTranscript: 'Buscar en la transcripción',
  searchPlaceholder: 'Palabras dichas…',
  matches: (count) => f.plural(count, { zero: 'Sin coincidencias', one: '# coincidencia', other: '# coincidencias' }),
  showSegment: (time, name) => `Mostrar ${time} en la reproducción (${name})`,
  noTranscript: 'No hay transcripción de esta grabación.',
  assistant: 'Asistente',
  assistantLabel: 'Borrador de un modelo: no es una decisión; tu evaluación es tuya',
  assistantLoading: 'Cargando el borrador del asistente…',
  assistantOff: 'El asistente no está configurado en este servidor.',
  assistantPending: 'Aún no hay borrador: el asistente lo escribe tras la entrevista, cuando la transcripción está lista.',
  assistantFailed: (reason) => `No se pudo cargar el borrador: ${reason}`,
  assistantSummary: 'Resumen',
  suggestedRating: (rating) => `Valoración sugerida: ${rating} de 4`,
  evidence: 'Evidencias',
  showMoment: (time) => `Mostrar ${time} en la reproducción`,
  draftBy: (model, prompt) => `Escrito por ${model} (prompt ${prompt})`,
};
