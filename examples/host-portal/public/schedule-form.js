import { fetchJson, ProblemError } from './api.js';
import { createFieldErrors } from './field-errors.js';
import { addRow, readRows } from './form-rows.js';
import { localInputToInstant, toLocalInput } from './local-time.js';
import { createSubmissionKeys } from './submission-key.js';

/**
 * The schedule form: what it posts to the portal's backend, one idempotency key per submission,
 * the server's field errors next to the fields, and a fresh form after each created interview.
 * The question is written in the form, or comes "From a kit" of the question bank (the form then
 * posts `{ source: "kit", kit }`, and takes the kit's duration when one is chosen).
 *
 * @param {{ form: HTMLFormElement, onCreated: (session: { id: string, title: string }) => Promise<void> | void }} options
 */
export function createScheduleForm({ form, onCreated }) {
  const status = /** @type {HTMLElement} */ (form.querySelector('#form-status'));
  const testRows = /** @type {HTMLOListElement} */ (form.querySelector('#test-rows'));
  const participantRows = /** @type {HTMLOListElement} */ (form.querySelector('#participant-rows'));
  const submit = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
  const keys = createSubmissionKeys();
  const kitSelect = /** @type {HTMLSelectElement} */ (form.querySelector('#kit'));
  const duration = /** @type {HTMLInputElement} */ (form.elements.namedItem('durationMinutes'));

  /** The control a field error path such as `tests.1.expected` or `scheduledAt` refers to. */
  function controlFor(/** @type {string} */ path) {
    const [name = '', index, field] = path.split('.');
    const list = name === 'tests' ? testRows : name === 'participants' ? participantRows : undefined;
    if (!list) return /** @type {HTMLElement | null} */ (form.querySelector(`#${CSS.escape(name)}`));
    if (index === undefined) return list.parentElement?.querySelector('button') ?? null;
    return /** @type {HTMLElement | null} */ (list.children[Number(index)]?.querySelector(`[data-field="${field}"]`) ?? null);
  }
  const errors = createFieldErrors(/** @type {HTMLElement} */ (form.querySelector('#form-errors')), controlFor);

  /** The date picker offers no moment that has already passed (the backend refuses those too). */
  function offerFutureOnly() {
    /** @type {HTMLInputElement} */ (form.elements.namedItem('scheduledAt')).min = toLocalInput(new Date());
  }

  function resetRows() {
    testRows.replaceChildren();
    participantRows.replaceChildren();
    addRow(testRows, 'test-row', 'Test');
    addRow(participantRows, 'participant-row', 'Participant', { role: 'interviewer' });
    addRow(participantRows, 'participant-row', 'Participant', { role: 'candidate' });
  }

  /** The request body, as the portal's `POST /api/sessions` reads it. */
  function body() {
    const value = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
    const choice = (/** @type {string} */ name) => /** @type {HTMLInputElement | null} */ (form.querySelector(`input[name="${name}"]:checked`))?.value ?? '';
    const scheduledAt = value('scheduledAt');
    const source = choice('source');
    return JSON.stringify({
      title: value('title'),
      source,
      ...(source === 'kit' ? { kit: kitSelect.value } : {}),
      // The host's wall time in its own time zone, with the offset, so the server stores the right instant.
      scheduledAt: scheduledAt ? (localInputToInstant(scheduledAt) ?? scheduledAt) : '',
      durationMinutes: value('durationMinutes'),
      prompt: value('prompt'),
      language: value('language'),
      starterCode: value('starterCode'),
      tests: readRows(testRows),
      participants: readRows(participantRows),
      autoStart: choice('autoStart'),
      revealQuestion: choice('revealQuestion'),
      autoEnd: /** @type {HTMLInputElement} */ (form.elements.namedItem('autoEnd')).checked,
    });
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    submit.disabled = true;
    status.textContent = 'Creating the interview…';
    const payload = body();
    try {
      const { session } = await fetchJson('/api/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': keys.keyFor(payload) },
        body: payload,
      });
      keys.done();
      form.reset();
      resetRows();
      offerFutureOnly();
      // "In the list" only once it is: the status follows the list's reload.
      let listed = true;
      try {
        await onCreated(session);
      } catch {
        listed = false;
      }
      status.textContent = listed
        ? `Interview “${session.title}” created. Its participant links are in the list.`
        : `Interview “${session.title}” created. Reload the page to see its participant links.`;
    } catch (error) {
      status.textContent = '';
      errors.showProblem(error);
    } finally {
      submit.disabled = false;
    }
  });

  /** Shows the kit choice or the question's fields, as the "Interview content" choice says. */
  function showSource() {
    const fromKit = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="source"]:checked'))?.value === 'kit';
    /** @type {HTMLElement} */ (form.querySelector('#kit-choice')).hidden = !fromKit;
    /** @type {HTMLElement} */ (form.querySelector('#inline-question')).hidden = fromKit;
  }
  for (const radio of form.querySelectorAll('input[name="source"]')) radio.addEventListener('change', showSource);
  form.addEventListener('reset', () => setTimeout(showSource));
  // A kit brings its duration; the person can still change it.
  kitSelect.addEventListener('change', async () => {
    if (!kitSelect.value) return;
    try {
      const { kit } = await fetchJson(`/api/kits/${encodeURIComponent(kitSelect.value)}`);
      duration.value = String(kit.kit.durationMinutes);
    } catch {
      // The duration stays as it is; the server applies the kit's when none is sent.
    }
  });

  form.querySelector('#add-test')?.addEventListener('click', () => {
    /** @type {HTMLElement | null} */ (addRow(testRows, 'test-row', 'Test').querySelector('[data-field]'))?.focus();
  });
  form.querySelector('#add-participant')?.addEventListener('click', () => {
    /** @type {HTMLElement | null} */ (addRow(participantRows, 'participant-row', 'Participant', { role: 'candidate' }).querySelector('[data-field]'))?.focus();
  });
  resetRows();
  offerFutureOnly();

  return {
    /** Fills the language choice. @param {{ id: string, label: string }[]} languages */
    setLanguages(languages) {
      /** @type {HTMLSelectElement} */ (form.elements.namedItem('language')).replaceChildren(...languages.map(({ id, label }) => new Option(label, id)));
    },
    /**
     * Fills the kit choice; `chosen` picks one and switches the form to "From a kit".
     * @param {{ id: string, name: string }[]} kits
     * @param {string | null} [chosen]
     */
    setKits(kits, chosen = null) {
      kitSelect.replaceChildren(new Option('Choose a kit', ''), ...kits.map(({ id, name }) => new Option(name, id)));
      if (chosen && kits.some((kit) => kit.id === chosen)) {
        kitSelect.value = chosen;
        /** @type {HTMLInputElement} */ (form.querySelector('input[name="source"][value="kit"]')).checked = true;
        showSource();
        kitSelect.dispatchEvent(new Event('change'));
      }
    },
    /** Shows a problem that is not about one submission (the page could not load its settings). @param {unknown} error */
    showProblem(error) {
      errors.show(error instanceof ProblemError ? error.message : String(error));
    },
  };
}
