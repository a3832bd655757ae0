import { randomUUID } from 'node:crypto';
import { ROLES } from '@interview-kit/core/protocol';

/** The languages this portal offers; each is a language id the Interview Kit server knows. */
export const LANGUAGES = ['python', 'javascript', 'typescript', 'java', 'cpp', 'go'];

const MIN_DURATION = 5;
const MAX_DURATION = 480;

/**
 * @typedef {{ path: string, message: string }} FieldError
 * @typedef {{
 *   title?: unknown, prompt?: unknown, language?: unknown, starterCode?: unknown,
 *   tests?: unknown, participants?: unknown, durationMinutes?: unknown
 * }} InterviewForm what the portal's page posts
 */

const text = (/** @type {unknown} */ value) => (typeof value === 'string' ? value : '');

/**
 * Checks the portal's interview form and turns it into an Interview Kit session request,
 * with messages a recruiter can act on. Participant ids are generated here: they only need to
 * be unique within the session.
 *
 * @param {InterviewForm} form
 * @returns {{ request: import('@interview-kit/core/protocol').CreateSessionRequest, errors?: undefined }
 *   | { request?: undefined, errors: FieldError[] }}
 */
export function toSessionRequest(form) {
  /** @type {FieldError[]} */
  const errors = [];
  const fail = (/** @type {string} */ path, /** @type {string} */ message) => errors.push({ path, message });

  const title = text(form.title).trim();
  if (!title) fail('title', 'Give the interview a title.');
  else if (title.length > 200) fail('title', 'Keep the title under 200 characters.');

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

  const people = Array.isArray(form.participants) ? form.participants : [];
  const participants = people.map((person, index) => {
    const name = text(person?.name).trim();
    const role = text(person?.role);
    if (!name) fail(`participants.${index}.name`, `Participant ${index + 1}: enter a name.`);
    else if (name.length > 100) fail(`participants.${index}.name`, `Participant ${index + 1}: keep the name under 100 characters.`);
    if (!ROLES.includes(/** @type {any} */ (role))) {
      fail(`participants.${index}.role`, `Participant ${index + 1}: choose a role (${ROLES.join(', ')}).`);
    }
    return { id: randomUUID(), name, role: /** @type {import('@interview-kit/core/protocol').Role} */ (role) };
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

  if (errors.length > 0) return { errors };
  return {
    request: {
      title,
      question: {
        prompt,
        language,
        starterCode: text(form.starterCode),
        tests: tests.map(({ stdin, expected, hidden }) => ({ stdin, expected, hidden })),
      },
      participants,
      ...(durationMinutes === undefined ? {} : { durationMinutes }),
    },
  };
}
