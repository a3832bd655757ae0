import { fetchJson, LANGUAGE_LABELS, ProblemError } from './api.js';
import { createPagedList } from './paged-list.js';
import { QUESTION_STATUS_LABELS, questionFacts } from './question-labels.js';

/**
 * The question bank page: search the bank (words, tag, difficulty, language, type, status), page
 * through the results, and import the server's starter bank with one button.
 */
const element = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * @typedef {{
 *   id: string, title: string, type: 'coding' | 'structured', difficulty: string, tags: string[],
 *   languages: string[], status: keyof typeof QUESTION_STATUS_LABELS, version: number,
 * }} QuestionSummary one entry of the portal's `GET /api/questions`
 */

const search = /** @type {HTMLFormElement} */ (element('question-search'));
const status = element('questions-status');
const languages = /** @type {HTMLSelectElement} */ (element('search-language'));
languages.append(...Object.entries(LANGUAGE_LABELS).map(([id, label]) => new Option(label, id)));

/** @param {QuestionSummary} question */
function item(question) {
  const template = /** @type {HTMLTemplateElement} */ (document.getElementById('question-item'));
  const entry = /** @type {HTMLElement} */ (template.content.firstElementChild?.cloneNode(true));
  const part = (/** @type {string} */ name) => /** @type {HTMLElement} */ (entry.querySelector(`[data-part="${name}"]`));
  const link = /** @type {HTMLAnchorElement} */ (part('title'));
  link.href = `/questions/${encodeURIComponent(question.id)}`;
  link.textContent = question.title;
  const badge = part('status');
  badge.textContent = QUESTION_STATUS_LABELS[question.status] ?? question.status;
  badge.dataset.status = question.status;
  part('facts').textContent = questionFacts(question);
  part('tags').setAttribute('aria-label', `Tags of ${question.title}`);
  part('tags').replaceChildren(
    ...question.tags.map((tag) => {
      const li = document.createElement('li');
      li.textContent = tag;
      return li;
    }),
  );
  if (question.tags.length === 0) part('tags').remove();
  return entry;
}

/** The search as the form has it. */
const filters = () =>
  Object.fromEntries([...new FormData(search)].filter(([, value]) => typeof value === 'string' && value.trim() !== '').map(([name, value]) => [name, String(value)]));

const questions = createPagedList({
  list: element('questions'),
  loadMore: /** @type {HTMLButtonElement} */ (element('load-more-questions')),
  error: element('questions-error'),
  async fetchPage(cursor) {
    const query = new URLSearchParams({ ...filters(), limit: '20', ...(cursor ? { cursor } : {}) });
    const answer = await fetchJson(`/api/questions?${query}`);
    return { items: answer.questions, nextCursor: answer.nextCursor };
  },
  render: item,
  focusTarget: (entry) => entry.querySelector('a'),
  onShown(count) {
    const more = element('load-more-questions').hidden ? '' : ' so far';
    status.textContent = count === 0 ? 'No questions match.' : `${count} ${count === 1 ? 'question' : 'questions'} shown${more}.`;
  },
});

search.addEventListener('submit', (event) => {
  event.preventDefault();
  status.textContent = 'Searching…';
  questions.reload();
});

const importButton = /** @type {HTMLButtonElement} */ (element('import-starter'));
importButton.addEventListener('click', async () => {
  const importStatus = element('import-status');
  const importError = element('import-error');
  importButton.disabled = true;
  importError.hidden = true;
  importStatus.textContent = 'Importing the starter bank…';
  try {
    const { imported, skipped } = await fetchJson('/api/questions/starter-bank', { method: 'POST' });
    importStatus.textContent =
      `Imported ${imported} ${imported === 1 ? 'question' : 'questions'} from the starter bank` +
      (skipped > 0 ? `; ${skipped} the bank had already.` : '.');
    await questions.reload();
  } catch (problem) {
    importStatus.textContent = '';
    importError.textContent = problem instanceof ProblemError ? problem.message : String(problem);
    importError.hidden = false;
  } finally {
    importButton.disabled = false;
  }
});

await questions.reload();
