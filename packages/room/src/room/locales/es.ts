import { formatsFor, type IntegritySignal } from '@interview-kit/core';
import type { RoomStrings } from '../room.strings.js';

const f = formatsFor('es');
const chars = (n: number) => f.plural(n, { one: '# carácter', other: '# caracteres' });

function signal(signal: IntegritySignal, name: string): string {
  switch (signal.kind) {
    case 'paste':
      return `${name} pegó ${chars(signal.chars)}${signal.fromOutside ? ' desde fuera del editor' : ' copiados en el editor'}`;
    case 'large-insert':
      return `${name} insertó ${chars(signal.chars)} de una vez`;
    case 'focus-lost':
      return `La ventana de ${name} estuvo sin foco durante ${f.unit(Math.max(1, Math.round(signal.ms / 1000)), 'second')}`;
    case 'second-connection':
      return `${name} se conectó por segunda vez (otra pestaña u otro dispositivo)`;
  }
}

/** `<interview-room>` en español. */
export const ROOM_STRINGS_ES: RoomStrings = {
  loading: 'Cargando la entrevista…',
  loadFailed: (reason) => `No se pudo cargar la entrevista: ${reason}`,
  retry: 'Reintentar',
  question: 'Pregunta',
  code: 'Código',
  output: 'Ejecución',
  console: 'Consola',
  runTabs: 'Salida y consola',
  video: 'Vídeo',
  feedback: 'Evaluación',
  notes: 'Notas',
  tests: 'Pruebas',
  guide: 'Guía',
  signals: 'Señales',
  signalsCaution: 'Señales, no veredictos: cada una tiene explicaciones inocentes. Pregunte por ellas; no decida nada solo a partir de ellas.',
  signalsOff: 'Esta sesión no registra señales de integridad.',
  noSignals: 'Aún no hay señales.',
  signal,
  integrityHeading: 'Señales de integridad',
  integrityDisclosure: [
    'Lo que se pega en el editor: cuántos caracteres y si proceden de fuera del editor (el texto pegado no se registra).',
    'Inserciones grandes de texto de una vez que no son pegados: cuántos caracteres.',
    'Cuándo esta ventana pierde el foco y durante cuánto tiempo.',
    'Una segunda conexión a esta entrevista con su enlace.',
    'Los entrevistadores ven estas señales con su hora y aparecen en el informe. Son señales, no veredictos: nada se decide solo a partir de ellas.',
  ],
  integrityBeforeConsent: 'Esta entrevista registra lo siguiente una vez que usted acepte. Antes no se registra nada.',
  integrityConsent: 'Lo entiendo y acepto',
  integrityConsented: (time) => `Aceptó a las ${time}; se están registrando estas señales.`,
  questionOf: (position, total, title) => `Pregunta ${f.number(position)} de ${f.number(total)}: ${title}`,
  chooseQuestion: 'Ir a la pregunta',
  previousQuestion: 'Anterior',
  nextQuestion: 'Siguiente',
  competency: (competency) => `Competencia: ${competency}`,
  probes: 'Preguntas de seguimiento',
  positiveIndicators: 'Indicadores positivos',
  negativeIndicators: 'Indicadores negativos',
  anchors: 'Criterios de puntuación (1–4)',
  tools: 'Herramientas del entrevistador',
  sections: 'Secciones de la entrevista',
  presence: 'Participantes presentes',
  roles: { interviewer: 'entrevistador', candidate: 'candidato', observer: 'observador' },
  connection: {
    connecting: 'Conectando…',
    connected: 'Conectado, sincronizando…',
    synced: 'Conectado',
    offline: 'Sin conexión: sus cambios se conservan y se sincronizarán cuando vuelva la conexión',
  },
  connectionShort: {
    connecting: 'Conectando…',
    connected: 'Sincronizando…',
    synced: 'Conectado',
    offline: 'Sin conexión',
  },
  connectionLabel: 'Conexión',
  timerLabel: 'Tiempo',
  remaining: (time, total) => `Quedan ${time} de ${total}`,
  remainingShort: (time) => `Quedan ${time}`,
  overtime: (time) => `${time} de tiempo extra`,
  elapsed: (time) => `${time} transcurridos`,
  ended: 'Entrevista finalizada',
  notStarted: 'Sin empezar',
  endInterview: 'Finalizar entrevista',
  endConfirm: '¿Finalizar la entrevista para todos? El código pasará a ser de solo lectura.',
  cancel: 'Cancelar',
  examples: 'Ejemplos',
  example: (position) => `Ejemplo ${f.number(position)}`,
  exampleInput: 'Entrada',
  exampleExpected: 'Salida esperada',
  noInput: 'Sin entrada',
  resizeQuestion: 'Cambiar el tamaño del panel de la pregunta',
  resizeEditor: 'Cambiar el tamaño del editor de código',
  endDialogTitle: '¿Finalizar la entrevista?',
  lobbyHeading: 'La entrevista aún no ha empezado',
  scheduledFor: (when) => `Programada para el ${when}`,
  startsWhen: {
    'first-join': 'Empieza en cuanto alguien se une.',
    'all-joined': 'Empieza cuando se hayan unido todos.',
    manual: 'La inicia el entrevistador.',
  },
  whoIsHere: 'Participantes',
  notHereYet: 'aún no está',
  youSuffix: '(usted)',
  startInterview: 'Iniciar entrevista',
  starting: 'Iniciando…',
  deviceCheck: 'Cámara y micrófono',
  recordsHeading: 'Qué guarda esta entrevista',
  records: [
    'Su código a medida que lo escribe, para que los entrevistadores puedan reproducirlo',
    'Cada ejecución de su código y sus resultados',
    'Las notas y la evaluación de los entrevistadores, que usted no ve',
  ],
  questionHidden: 'La pregunta aparece cuando empieza la entrevista.',
  questionPreview: 'Pregunta (el candidato la verá al empezar)',
  timeWarning: (minutes) => f.plural(minutes, { one: 'Queda # minuto', other: 'Quedan # minutos' }),
  addTime: (minutes) => `Añadir ${f.unit(minutes, 'minute')}`,
  timeAdded: (minutes) => f.plural(minutes, { one: 'Se añadió # minuto', other: 'Se añadieron # minutos' }),
  extraTime: (name, minutes) => `${name}: ${f.unit(minutes, 'minute')} de tiempo adicional`,
  extraTimeShort: (minutes) => `+${f.unit(minutes, 'minute')}`,
  joined: (name) => `${name} se unió`,
  left: (name) => `${name} salió`,
  languageChanged: (language, by) => (by ? `${by} cambió el lenguaje a ${language}` : `El lenguaje cambió a ${language}`),
  started: 'La entrevista ha empezado',
  endedHeading: 'Entrevista finalizada: gracias',
  endedBody: 'La entrevista ha terminado. Puede cerrar esta página.',
  endReasons: {
    interviewer: 'El entrevistador finalizó la entrevista.',
    host: 'El organizador finalizó la entrevista.',
    time: 'Se acabó el tiempo.',
    cancelled: 'La entrevista se canceló.',
  },
  cancelledHeading: 'Esta entrevista se canceló',
  cancelledBody: 'Sus enlaces ya no funcionan. El organizador se pondrá en contacto con usted.',
  replay: 'Reproducción',
  dismiss: 'Cerrar',
  notifications: 'Notificaciones',
};
