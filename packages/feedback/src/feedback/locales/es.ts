import { formatsFor } from '@interview-kit/core';
import type { FeedbackStrings } from '../feedback.strings.js';

const f = formatsFor('es');

/** `<interview-feedback>` en español. */
export const FEEDBACK_STRINGS_ES: FeedbackStrings = {
  heading: 'Evaluación de la entrevista',
  loading: 'Cargando el formulario de evaluación…',
  loadFailed: (reason) => `No se pudo cargar el formulario de evaluación: ${reason}`,
  retry: 'Reintentar',
  required: 'obligatorio',
  asked: (questions) => `Preguntado: ${questions.map((q) => `P${f.number(q.index + 1)} ${q.title}`).join('; ')}`,
  rating: (level) => `Puntuación ${f.number(level)}`,
  notRated: 'Aún sin puntuar.',
  evidenceLabel: 'Evidencias',
  evidence: (competency) => `Evidencias de ${competency}`,
  evidenceHint: 'Las evidencias se escriben en Markdown. Alt+M (o Marcar momento) enlaza el momento actual como una marca de tiempo que abre la reproducción en ese punto.',
  preview: 'Vista previa',
  previewOf: (competency) => `de las evidencias de ${competency}`,
  previewEmpty: 'Aún no hay nada escrito.',
  momentChipTitle: 'Mostrar este momento en la reproducción',
  markMoment: 'Marcar momento',
  markMomentIn: (competency) => `en las evidencias de ${competency}`,
  momentInserted: (time) => `Momento ${time} marcado.`,
  recommendation: 'Recomendación general',
  recommendations: { strong_no: 'Claramente no', no: 'No', yes: 'Sí', strong_yes: 'Claramente sí' },
  summary: 'Resumen',
  submit: 'Enviar evaluación',
  submitting: 'Enviando…',
  submitted: (when) => `Enviada el ${when}. Una evaluación enviada es definitiva.`,
  submittedAnnouncement: 'Evaluación enviada.',
  fixErrors: (count) => f.plural(count, { one: 'Hay que revisar un campo.', other: 'Hay que revisar # campos.' }),
  submitFailed: (reason) => `No se pudo enviar la evaluación: ${reason}`,
  alreadySubmitted: 'Esta evaluación ya se envió y no se puede modificar.',
  draftSaved: (time) => `Borrador guardado a las ${time}`,
  draftSaving: 'Guardando el borrador…',
  draftPending: 'Cambios sin guardar',
  draftFailed: 'El borrador aún no se ha guardado; reintentando',
  errors: {
    'unknown-competency': 'Esta competencia no forma parte de la rúbrica.',
    'rating-out-of-range': 'Elija una de las puntuaciones.',
    'rating-required': 'Elija una puntuación.',
    'recommendation-required': 'Elija una recomendación.',
    'summary-required': 'Escriba un resumen.',
    'too-long': 'Este texto es demasiado largo.',
  },
};
