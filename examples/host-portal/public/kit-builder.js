import { fetchJson, ProblemError } from './api.js';
import { createFieldErrors } from './field-errors.js';
import { addRow, readRows } from './form-rows.js';
import { createPagedList } from './paged-list.js';

/**
 * The interview kits page: build a kit (name, duration, ordered sections, each a published
 * question of the bank, optionally with a variant B for an A/B test) and see the kits, each with
 * a link that schedules an interview from it.
 */
const element = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const form = /** @type {HTMLFormElement} */ (element('kit-form'));
const rows = /** @type {HTMLOListElement} */ (element('section-rows'));
const status = element('kit-status');

/** @type {{ id: string, title: string, type: string }[]} the bank's published questions, the sections' choices */
let published = [];

/** Every published question, page after page. */
async function publishedQuestions() {
  /** @type {typeof published} */
  const all = [];
  let cursor = '';
  do {
    const query = new URLSearchParams({ status: 'published', limit: '100', ...(cursor ? { cursor } : {}) });
    const page = await fetchJson(`/api/questions?${query}`);
    all.push(...page.questions);
    cursor = page.nextCursor ?? '';
  } while (cursor);
  return all;
}

/** Offers the published questions in a section's choices. @param {HTMLSelectElement} select @param {string} none */
function offerQuestions(select, none) {
  const chosen = select.value;
  const group = (/** @type {string} */ type, /** @type {string} */ label) => {
    const optgroup = document.createElement('optgroup');
    optgroup.label = label;
    optgroup.append(...published.filter((q) => q.type === type).map((q) => new Option(q.title, q.id)));
    return optgroup;
  };
  select.replaceChildren(new Option(none, ''), group('coding', 'Coding'), group('structured', 'Structured'));
  select.value = chosen;
}

function addSection(/** @type {Record<string, string>} */ values = {}) {
  const row = addRow(rows, 'section-row', 'Section', { minutes: '30', ...values });
  offerQuestions(/** @type {HTMLSelectElement} */ (row.querySelector('[data-field="question"]')), 'Choose a question');
  offerQuestions(/** @type {HTMLSelectElement} */ (row.querySelector('[data-field="variant"]')), 'None');
  return row;
}

/** The control an error path names: `sections.1.minutes`, `sections.0.variants.1.0.id` (variant B), `name`. @param {string} path */
function controlFor(path) {
  const [name = '', index, part, variant] = path.split('.');
  if (name !== 'sections') return /** @type {HTMLElement | null} */ (form.querySelector(`#${CSS.escape(name)}`));
  const row = index === undefined ? undefined : rows.children[Number(index)];
  if (!row) return element('add-section');
  const fieldName = part === 'minutes' || part === 'title' ? part : part === 'variants' && variant === '1' ? 'variant' : 'question';
  return /** @type {HTMLElement | null} */ (row.querySelector(`[data-field="${fieldName}"]`));
}
const errors = createFieldErrors(element('form-errors'), controlFor);

/** The kit as `POST /v1/kits` takes it. */
function kitRequest() {
  const value = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
  return {
    name: value('name'),
    durationMinutes: Number(value('durationMinutes')),
    sections: readRows(rows).map((row) => {
      const question = [{ id: String(row.question) }];
      return {
        ...(String(row.title).trim() ? { title: String(row.title).trim() } : {}),
        minutes: Number(row.minutes),
        ...(row.variant ? { variants: [question, [{ id: String(row.variant) }]] } : { questions: question }),
      };
    }),
  };
}

/** @param {{ id: string, name: string, version: number }} kit */
function kitItem(kit) {
  const template = /** @type {HTMLTemplateElement} */ (document.getElementById('kit-item'));
  const entry = /** @type {HTMLElement} */ (template.content.firstElementChild?.cloneNode(true));
  const part = (/** @type {string} */ name) => /** @type {HTMLElement} */ (entry.querySelector(`[data-part="${name}"]`));
  entry.id = `kit-${kit.id}`;
  part('name').textContent = kit.name;
  part('facts').textContent = `Version ${kit.version}`;
  /** @type {HTMLAnchorElement} */ (part('schedule')).href = `/?kit=${encodeURIComponent(kit.id)}`;
  part('schedule-of').textContent = ` from ${kit.name}`;
  return entry;
}

const kits = createPagedList({
  list: element('kits'),
  loadMore: /** @type {HTMLButtonElement} */ (element('load-more-kits')),
  error: element('kits-error'),
  async fetchPage(cursor) {
    const answer = await fetchJson(`/api/kits?${new URLSearchParams({ limit: '20', ...(cursor ? { cursor } : {}) })}`);
    return { items: answer.kits, nextCursor: answer.nextCursor };
  },
  render: kitItem,
  focusTarget: (entry) => entry.querySelector('h3'),
  onShown: (count) => (element('kits-empty').hidden = count > 0),
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  errors.clear();
  const submit = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
  submit.disabled = true;
  status.textContent = 'Creating the kit…';
  try {
    const { kit } = await fetchJson('/api/kits', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(kitRequest()) });
    form.reset();
    rows.replaceChildren();
    addSection();
    await kits.reload();
    /** @type {HTMLElement | null} */ (document.querySelector(`#kit-${CSS.escape(kit.id)} h3`))?.focus();
    status.textContent = `Kit “${kit.kit.name}” created.`;
  } catch (error) {
    status.textContent = '';
    errors.showProblem(error);
  } finally {
    submit.disabled = false;
  }
});

element('add-section').addEventListener('click', () => {
  /** @type {HTMLElement | null} */ (addSection().querySelector('[data-field]'))?.focus();
});

try {
  published = await publishedQuestions();
} catch (error) {
  errors.show(error instanceof ProblemError ? error.message : String(error));
}
addSection();
await kits.reload();
