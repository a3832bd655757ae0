import { fetchJson, LANGUAGE_LABELS } from './api.js';
import { createConfirmation } from './confirm-dialog.js';
import { createInterviewList } from './interview-list.js';
import { createScheduleForm } from './schedule-form.js';

/** The portal's home page: the schedule form and the list of interviews. */
const element = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

const copyStatus = element('copy-status');
const interviews = createInterviewList({
  list: /** @type {HTMLUListElement} */ (element('sessions')),
  empty: element('sessions-empty'),
  error: element('sessions-error'),
  loadMore: /** @type {HTMLButtonElement} */ (element('load-more')),
  announce: (message) => {
    copyStatus.textContent = message;
  },
  confirmCancel: createConfirmation(
    /** @type {HTMLDialogElement} */ (element('cancel-dialog')),
    (title) => `“${title}” will be cancelled and its participant links will stop working. This cannot be undone.`,
  ),
});

const schedule = createScheduleForm({
  form: /** @type {HTMLFormElement} */ (element('interview-form')),
  async onCreated(session) {
    await interviews.reload();
    interviews.reveal(session.id);
  },
});

try {
  const [{ languages }, { kits }] = await Promise.all([fetchJson('/api/config'), fetchJson('/api/kits?limit=100')]);
  schedule.setLanguages(languages.map((/** @type {keyof typeof LANGUAGE_LABELS} */ id) => ({ id, label: LANGUAGE_LABELS[id] ?? id })));
  // The kits page links here with `?kit=<id>` to schedule an interview from that kit.
  schedule.setKits(kits, new URLSearchParams(location.search).get('kit'));
} catch (error) {
  schedule.showProblem(error);
}
// Scores and reports arrive by webhook at the portal's backend, which passes them on here.
new EventSource('/api/outcomes').addEventListener('message', (message) => interviews.update(JSON.parse(message.data)));

await interviews.reload();
