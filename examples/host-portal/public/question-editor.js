import { fetchJson, LANGUAGE_LABELS, ProblemError } from './api.js';
import { createFieldErrors } from './field-errors.js';
import { addRow, readRows } from './form-rows.js';
import { createConfirmation } from './confirm-dialog.js';
import { bindMarkdownPreview } from './markdown-preview.js';
import { QUESTION_STATUS_LABELS, questionFacts } from './question-labels.js';
import { fieldOfPath, slugOf, toQuestionChanges, toQuestionContent, toQuestionValues } from './question-shape.js';

/**
 * The question editor (`/questions/new`, `/questions/:id`): a coding question's prompt with a
 * Markdown preview, its languages (starter code and reference solution), its tests; a structured
 * question's competency, probes, indicators and anchors. "Save draft" stores it; "Publish" saves
 * and asks the server to publish, which first runs every reference solution against every test:
 * the page says "Checking reference solutions…" until the server answers, then "Published", or
 * shows the server's refusal (the failing language and test) next to the test. Changing a
 * published question is checked the same way and makes a new version.
 */
const element = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const form = /** @type {HTMLFormElement} */ (element('question-form'));
const field = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
const languageRows = /** @type {HTMLOListElement} */ (element('language-rows'));
const testRows = /** @type {HTMLOListElement} */ (element('test-rows'));
const status = element('question-status');
const saveButton = /** @type {HTMLButtonElement} */ (element('save'));
const publishButton = /** @type {HTMLButtonElement} */ (element('publish'));
const archiveButton = /** @type {HTMLButtonElement} */ (element('archive'));
const anchors = /** @type {HTMLTextAreaElement[]} */ ([...form.querySelectorAll('[data-anchor]')]);

/** @type {{ id: string, status: 'draft' | 'published' | 'archived', version: number } | null} the question as last saved */
let saved = null;
let slugTouched = false;

/** The control an error path of the bank names (see fieldOfPath). @param {string} path */
function controlFor(path) {
  const place = fieldOfPath(path);
  if ('anchor' in place) return anchors[place.anchor] ?? element('anchors');
  if ('field' in place) return /** @type {HTMLElement | null} */ (form.querySelector(`#${CSS.escape(place.field)}`));
  const list = place.list === 'tests' ? testRows : languageRows;
  /** @type {Element | undefined} */
  let row;
  if ('index' in place && place.index !== undefined) row = list.children[place.index];
  if ('language' in place && place.language !== undefined) {
    row = [...list.children].find((li) => /** @type {HTMLSelectElement} */ (li.querySelector('[data-field="language"]')).value === place.language);
  }
  if (!row) return /** @type {HTMLElement | null} */ (list.parentElement?.querySelector(':scope > button') ?? null);
  const part = 'part' in place ? place.part : undefined;
  return /** @type {HTMLElement | null} */ (part ? row.querySelector(`[data-field="${part}"]`) : row.querySelector('fieldset'));
}
const errors = createFieldErrors(element('form-errors'), controlFor);

const chosenType = () => /** @type {'coding' | 'structured'} */ (/** @type {HTMLInputElement | null} */ (form.querySelector('input[name="type"]:checked'))?.value ?? 'coding');

function showType() {
  const coding = chosenType() === 'coding';
  element('coding-fields').hidden = !coding;
  element('structured-fields').hidden = coding;
}

/** What the fields hold. @returns {import('./question-shape.js').QuestionValues} */
function values() {
  return {
    type: chosenType(),
    slug: field('slug').value,
    title: field('title').value,
    prompt: field('prompt').value,
    difficulty: field('difficulty').value,
    tags: field('tags').value,
    estimatedMinutes: field('estimatedMinutes').value,
    guide: field('guide').value,
    languages: /** @type {any} */ (readRows(languageRows)),
    tests: /** @type {any} */ (readRows(testRows)),
    competency: field('competency').value,
    probes: field('probes').value,
    positiveIndicators: field('positiveIndicators').value,
    negativeIndicators: field('negativeIndicators').value,
    anchors: anchors.map((anchor) => anchor.value),
  };
}

/** Fills the fields from a question of the bank. @param {Record<string, any>} question */
function fill(question) {
  const v = toQuestionValues(question);
  for (const name of /** @type {const} */ (['slug', 'title', 'prompt', 'difficulty', 'tags', 'estimatedMinutes', 'guide', 'probes', 'positiveIndicators', 'negativeIndicators'])) {
    field(name).value = v[name];
  }
  if (v.competency) field('competency').value = v.competency;
  anchors.forEach((anchor, index) => (anchor.value = v.anchors[index] ?? ''));
  for (const radio of form.querySelectorAll('input[name="type"]')) /** @type {HTMLInputElement} */ (radio).checked = /** @type {HTMLInputElement} */ (radio).value === v.type;
  languageRows.replaceChildren();
  testRows.replaceChildren();
  for (const row of v.languages) addRow(languageRows, 'language-row', 'Language', { ...row });
  for (const row of v.tests) addRow(testRows, 'test-row', 'Test', { ...row });
  showType();
}

/** Shows the question's state: heading, badge, version, which buttons apply. @param {{ id: string, status: 'draft' | 'published' | 'archived', version: number, question: any }} answer */
function showSaved(answer) {
  saved = { id: answer.id, status: answer.status, version: answer.version };
  slugTouched = true;
  element('editor-heading').textContent = answer.question.title;
  document.title = `${answer.question.title} · Acme Hiring`;
  const badge = element('question-state');
  badge.textContent = QUESTION_STATUS_LABELS[answer.status];
  badge.dataset.status = answer.status;
  badge.hidden = false;
  element('question-meta').textContent = questionFacts({ ...answer.question, languages: Object.keys(answer.question.starterCode ?? {}), version: answer.version });
  field('slug').readOnly = true;
  for (const radio of form.querySelectorAll('input[name="type"]')) /** @type {HTMLInputElement} */ (radio).disabled = true;
  saveButton.textContent = answer.status === 'published' ? 'Publish a new version' : 'Save draft';
  publishButton.hidden = answer.status !== 'draft';
  archiveButton.hidden = answer.status === 'archived';
  saveButton.hidden = answer.status === 'archived';
  if (location.pathname !== `/questions/${answer.id}`) history.replaceState(null, '', `/questions/${encodeURIComponent(answer.id)}`);
}

/** Sends one request with the buttons disabled; a problem is shown next to its fields. @param {() => Promise<void>} work */
async function busy(work) {
  errors.clear();
  for (const button of [saveButton, publishButton, archiveButton]) button.disabled = true;
  try {
    await work();
  } catch (error) {
    errors.showProblem(error);
  } finally {
    for (const button of [saveButton, publishButton, archiveButton]) button.disabled = false;
  }
}

/** Stores the fields: a new draft, a draft changed in place, or (published) a new version once the server checked it. */
async function save() {
  const v = values();
  if (!saved) {
    const { question } = await fetchJson('/api/questions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(toQuestionContent(v)) });
    return question;
  }
  const { question } = await fetchJson(`/api/questions/${encodeURIComponent(saved.id)}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(toQuestionChanges(v)),
  });
  return question;
}

/** Says what is going on, and what went wrong when it fails. @param {string} doing @param {string} failed @param {() => Promise<void>} work */
async function step(doing, failed, work) {
  status.textContent = doing;
  await busy(async () => {
    try {
      await work();
    } catch (error) {
      status.textContent = failed;
      throw error;
    }
  });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const checking = saved?.status === 'published' && chosenType() === 'coding';
  step(checking ? 'Checking reference solutions…' : 'Saving…', checking ? 'Not published.' : 'Not saved.', async () => {
    const question = await save();
    showSaved(question);
    status.textContent = question.status === 'published' ? `Published version ${question.version}.` : 'Draft saved.';
  });
});

publishButton.addEventListener('click', () => {
  step('Saving…', 'Not published.', async () => {
    showSaved(await save());
    if (!saved) return;
    status.textContent = chosenType() === 'coding' ? 'Checking reference solutions…' : 'Publishing…';
    const { question } = await fetchJson(`/api/questions/${encodeURIComponent(saved.id)}/publish`, { method: 'POST' });
    showSaved(question);
    status.textContent = `Published version ${question.version}.`;
  });
});

const confirmArchive = createConfirmation(
  /** @type {HTMLDialogElement} */ (element('archive-dialog')),
  (title) => `“${title}” will no longer change or go into new interviews; interviews and kits that used it keep it. This cannot be undone.`,
);

archiveButton.addEventListener('click', async () => {
  if (!saved || !(await confirmArchive(field('title').value))) return;
  const { id } = saved;
  step('Archiving…', 'Not archived.', async () => {
    const { question } = await fetchJson(`/api/questions/${encodeURIComponent(id)}/archive`, { method: 'POST' });
    showSaved(question);
    status.textContent = 'Archived: no new interviews will use it.';
  });
});

for (const radio of form.querySelectorAll('input[name="type"]')) radio.addEventListener('change', showType);
field('slug').addEventListener('input', () => (slugTouched = true));
field('title').addEventListener('input', () => {
  if (!slugTouched) field('slug').value = slugOf(field('title').value);
});
element('add-language').addEventListener('click', () => {
  const taken = new Set(values().languages.map((row) => row.language));
  const language = Object.keys(LANGUAGE_LABELS).find((id) => !taken.has(id)) ?? 'python';
  /** @type {HTMLElement | null} */ (addRow(languageRows, 'language-row', 'Language', { language }).querySelector('[data-field]'))?.focus();
});
element('add-test').addEventListener('click', () => {
  /** @type {HTMLElement | null} */ (addRow(testRows, 'test-row', 'Test').querySelector('[data-field]'))?.focus();
});

const preview = bindMarkdownPreview(/** @type {HTMLTextAreaElement} */ (field('prompt')), element('prompt-preview'));
archiveButton.hidden = true;

const id = /^\/questions\/([^/]+)$/.exec(location.pathname)?.[1];
try {
  if (id && id !== 'new') {
    const { question } = await fetchJson(`/api/questions/${id}`);
    fill(question.question);
    showSaved(question);
  } else {
    addRow(languageRows, 'language-row', 'Language', { language: 'python' });
    addRow(testRows, 'test-row', 'Test');
    showType();
  }
} catch (error) {
  errors.show(error instanceof ProblemError ? error.message : String(error));
}
await preview.update();
element('editor').removeAttribute('aria-busy');
