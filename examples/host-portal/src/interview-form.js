import { createHash, randomUUID } from 'node:crypto';
import { ROLES } from '@interview-kit/core/protocol';

/** The languages this portal offers; each is a language id the Interview Kit server knows. */
export const LANGUAGES = ['python', 'javascript', 'typescript', 'java', 'cpp', 'go'];

/** When the Interview Kit server starts the interview: see `autoStart` in docs/embedding.md. */
export const AUTO_STARTS = ['first-join', 'all-joined', 'manual'];

/** When the candidate sees the question: at the start, or already in the lobby. */
export const QUESTION_REVEALS = ['on-start', 'immediately'];

const MIN_DURATION = 5;
const MAX_DURATION = 480;

/** An instant with its offset from UTC, as the form sends the host's local date and time. */
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** How far in the past a new interview may be scheduled: a form filled in slowly is still fine. */
const PAST_GRACE_MS = 15 * 60_000;

/**
 * @typedef {{ path: string, message: string }} FieldError
 * @typedef {{
 *   title?: unknown, source?: unknown, kit?: unknown, prompt?: unknown, language?: unknown, starterCode?: unknown,
 *   tests?: unknown, participants?: unknown, durationMinutes?: unknown,
 *   scheduledAt?: unknown, autoStart?: unknown, revealQuestion?: unknown, autoEnd?: unknown
 * }} InterviewForm what the portal's page posts; `source: "kit"` takes the questions from the
 *   bank's interview kit `kit` instead of the question written in the form
 */

const text = (/** @type {unknown} */ value) => (typeof value === 'string' ? value : '');

/**
 * A participant id that only needs to be unique within its session. With the submission's
 * idempotency key it is derived from the key, so a retried submission makes the very same request
 * (the server replays a create only when the body is the same); without one it is random.
 *
 * @param {string | undefined} idempotencyKey
 * @param {number} index
 */
function participantId(idempotencyKey, index) {
  if (idempotencyKey === undefined) return randomUUID();
  return `p-${createHash('sha256').update(`${idempotencyKey}\n${index}`).digest('hex').slice(0, 24)}`;
}

/**
 * The question written in the form, checked.
 * @param {InterviewForm} form
 * @param {(path: string, message: string) => void} fail
 * @returns {import('@interview-kit/core/protocol').Question}
 */
function inlineQuestion(form, fail) {
  const prompt = text(form.prompt);
  if (!prompt.trim()) fail('prompt', 'Write the question the candidate will solve.');

  const language = text(form.language);
  if (!LANGUAGES.includes(language)) fail('language', `Choose a language: ${LANGUAGES.join(', ')}.`);

  const rows = Array.isArray(form.tests) ? form.tests : [];
  const tests = rows
    .map((row, index) => ({
      index,
      stdin: text(row?.stdin),
      expected: text(row?.expected),
      hidden: row?.hidden === true,
    }))
    // A row left completely empty is an unused "add test" click, not a mistake.
    .filter((test) => test.stdin !== '' || test.expected !== '');
  for (const test of tests) {
    if (test.expected === '') fail(`tests.${test.index}.expected`, `Test ${test.index + 1}: write the expected output.`);
  }
  if (tests.length > 100) fail('tests', 'Use at most 100 tests.');
  return { prompt, language, starterCode: text(form.starterCode), tests: tests.map(({ stdin, expected, hidden }) => ({ stdin, expected, hidden })) };
}

/**
 * Checks the portal's interview form and turns it into an Interview Kit session request,
 * with messages a recruiter can act on. Participant ids are generated here (see participantId).
 *
 * @param {InterviewForm} form
 * @param {{ idempotencyKey?: string, now?: Date }} [options]
 * @returns {{ request: import('./interview-kit-client.js').SessionRequest, errors?: undefined }
 *   | { request?: undefined, errors: FieldError[] }}
 */
export function toSessionRequest(form, { idempotencyKey, now = new Date() } = {}) {
  /** @type {FieldError[]} */
  const errors = [];
  const fail = (/** @type {string} */ path, /** @type {string} */ message) => errors.push({ path, message });

  const title = text(form.title).trim();
  if (!title) fail('title', 'Give the interview a title.');
  else if (title.length > 200) fail('title', 'Keep the title under 200 characters.');

  const fromKit = form.source === 'kit';
  const kit = text(form.kit);
  if (fromKit && !kit) fail('kit', 'Choose an interview kit.');
  const question = fromKit ? undefined : inlineQuestion(form, fail);

  const people = Array.isArray(form.participants) ? form.participants : [];
  const participants = people.map((person, index) => {
    const name = text(person?.name).trim();
    const role = text(person?.role);
    if (!name) fail(`participants.${index}.name`, `Participant ${index + 1}: enter a name.`);
    else if (name.length > 100) fail(`participants.${index}.name`, `Participant ${index + 1}: keep the name under 100 characters.`);
    if (!ROLES.includes(/** @type {any} */ (role))) {
      fail(`participants.${index}.role`, `Participant ${index + 1}: choose a role (${ROLES.join(', ')}).`);
    }
    return { id: participantId(idempotencyKey, index), name, role: /** @type {import('@interview-kit/core/protocol').Role} */ (role) };
  });
  if (participants.length === 0) fail('participants', 'Add at least one participant.');
  if (participants.length > 20) fail('participants', 'Invite at most 20 participants.');

  /** @type {number | undefined} */
  let durationMinutes;
  if (form.durationMinutes !== undefined && form.durationMinutes !== null && form.durationMinutes !== '') {
    durationMinutes = Number(form.durationMinutes);
    if (!Number.isInteger(durationMinutes) || durationMinutes < MIN_DURATION || durationMinutes > MAX_DURATION) {
      fail('durationMinutes', `Duration: a whole number of minutes from ${MIN_DURATION} to ${MAX_DURATION}.`);
    }
  }

  const scheduledAt = text(form.scheduledAt).trim();
  if (scheduledAt !== '') {
    const at = Date.parse(scheduledAt);
    if (!INSTANT_WITH_OFFSET.test(scheduledAt) || Number.isNaN(at)) fail('scheduledAt', 'Date and time: choose a valid date and time.');
    else if (at < now.getTime() - PAST_GRACE_MS) fail('scheduledAt', 'Date and time: choose a moment that has not passed yet.');
  }

  const autoStart = form.autoStart === undefined || form.autoStart === '' ? 'first-join' : text(form.autoStart);
  if (!AUTO_STARTS.includes(autoStart)) fail('autoStart', `Start: choose one of ${AUTO_STARTS.join(', ')}.`);
  const revealQuestion = form.revealQuestion === undefined || form.revealQuestion === '' ? 'immediately' : text(form.revealQuestion);
  if (!QUESTION_REVEALS.includes(revealQuestion)) fail('revealQuestion', `Question reveal: choose one of ${QUESTION_REVEALS.join(', ')}.`);

  if (errors.length > 0) return { errors };
  return {
    request: {
      title,
      ...(question ? { question } : { kit }),
      participants,
      ...(durationMinutes === undefined ? {} : { durationMinutes }),
      ...(scheduledAt === '' ? {} : { scheduledAt }),
      autoStart: /** @type {import('@interview-kit/core/protocol').AutoStart} */ (autoStart),
      revealQuestion: /** @type {import('@interview-kit/core/protocol').RevealQuestion} */ (revealQuestion),
      autoEnd: form.autoEnd === true,
    },
  };
}

/**
 * The form field an Interview Kit field error points at: the server names the question's parts
 * under `question.` (`question.tests.1.expected`), the form has them at the top (`tests.1.expected`).
 *
 * @param {FieldError[]} errors
 * @returns {FieldError[]}
 */
export function toFormErrors(errors) {
  return errors.map(({ path, message }) => ({ path: path.replace(/^question\./, ''), message }));
}
