import { fetchJson, LANGUAGE_LABELS, ProblemError, ROLE_LABELS } from './api.js';

/** The create-interview form and the list of interviews. */
const form = /** @type {HTMLFormElement} */ (document.getElementById('interview-form'));
const errorBox = /** @type {HTMLElement} */ (document.getElementById('form-errors'));
const status = /** @type {HTMLElement} */ (document.getElementById('form-status'));
const testRows = /** @type {HTMLOListElement} */ (document.getElementById('test-rows'));
const participantRows = /** @type {HTMLOListElement} */ (document.getElementById('participant-rows'));

/**
 * Adds one row from a template; rows renumber themselves so legends and button names stay
 * "Test 2", "Remove test 2" for screen readers.
 * @param {HTMLOListElement} list
 * @param {string} templateId
 * @param {string} noun
 * @param {Record<string, string | boolean>} [values]
 */
function addRow(list, templateId, noun, values = {}) {
  const template = /** @type {HTMLTemplateElement} */ (document.getElementById(templateId));
  const row = /** @type {HTMLLIElement} */ (template.content.firstElementChild?.cloneNode(true));
  for (const [field, value] of Object.entries(values)) {
    const input = /** @type {HTMLInputElement} */ (row.querySelector(`[data-field="${field}"]`));
    if (typeof value === 'boolean') input.checked = value;
    else input.value = value;
  }
  row.querySelector('[data-action="remove"]')?.addEventListener('click', () => {
    const next = row.nextElementSibling ?? row.previousElementSibling;
    row.remove();
    renumber(list, noun);
    // Keep focus inside the form instead of losing it to <body>.
    /** @type {HTMLElement | null} */ (next?.querySelector('[data-field]') ?? list.nextElementSibling)?.focus();
  });
  list.append(row);
  renumber(list, noun);
  return row;
}

/** @param {HTMLOListElement} list @param {string} noun */
function renumber(list, noun) {
  [...list.children].forEach((row, index) => {
    const title = `${noun} ${index + 1}`;
    /** @type {HTMLElement} */ (row.querySelector('[data-text="title"]')).textContent = title;
    row.querySelector('[data-action="remove"]')?.setAttribute('aria-label', `Remove ${title.toLowerCase()}`);
  });
}

/** @param {HTMLOListElement} list */
function readRows(list) {
  return [...list.children].map((row) =>
    Object.fromEntries(
      [...row.querySelectorAll('[data-field]')].map((element) => {
        const input = /** @type {HTMLInputElement} */ (element);
        return [input.dataset.field, input.type === 'checkbox' ? input.checked : input.value];
      }),
    ),
  );
}

/** The control a server-side error path such as `tests.1.expected` refers to. */
function controlFor(/** @type {string} */ path) {
  const [name, index, field] = path.split('.');
  const list = name === 'tests' ? testRows : name === 'participants' ? participantRows : undefined;
  if (!list) return /** @type {HTMLElement | null} */ (form.elements.namedItem(name ?? ''));
  if (index === undefined) return list.parentElement?.querySelector('button') ?? null;
  return list.children[Number(index)]?.querySelector(`[data-field="${field}"]`) ?? null;
}

/** @param {ProblemError} error */
function showErrors(error) {
  const items = error.errors.length > 0 ? error.errors.map((e) => e.message) : [];
  const heading = document.createElement('p');
  heading.textContent = error.message;
  const list = document.createElement('ul');
  for (const message of items) {
    const item = document.createElement('li');
    item.textContent = message;
    list.append(item);
  }
  errorBox.replaceChildren(heading, ...(items.length ? [list] : []));
  errorBox.hidden = false;
  for (const { path } of error.errors) controlFor(path)?.setAttribute('aria-invalid', 'true');
  errorBox.focus();
}

function clearErrors() {
  errorBox.hidden = true;
  errorBox.replaceChildren();
  for (const element of form.querySelectorAll('[aria-invalid]')) element.removeAttribute('aria-invalid');
}

/** @param {{ id: string, title: string, language: string, createdAt: string, participants: { id: string, name: string, role: keyof typeof ROLE_LABELS }[] }[]} sessions */
function renderSessions(sessions) {
  /** @type {HTMLElement} */ (document.getElementById('sessions-empty')).hidden = sessions.length > 0;
  const items = sessions.map((session) => {
    const item = document.createElement('li');
    const title = document.createElement('h3');
    title.textContent = session.title;
    const meta = document.createElement('p');
    meta.className = 'hint';
    const language = LANGUAGE_LABELS[/** @type {keyof typeof LANGUAGE_LABELS} */ (session.language)] ?? session.language;
    meta.textContent = `${language} · created ${new Date(session.createdAt).toLocaleString()}`;
    const links = document.createElement('ul');
    links.setAttribute('aria-label', `Participant links for ${session.title}`);
    for (const participant of session.participants) {
      const entry = document.createElement('li');
      const link = document.createElement('a');
      link.href = `/room/${encodeURIComponent(session.id)}/${encodeURIComponent(participant.id)}`;
      link.target = '_blank';
      link.textContent = participant.name;
      entry.append(link, ` (${ROLE_LABELS[participant.role] ?? participant.role})`);
      links.append(entry);
    }
    item.append(title, meta, links);
    return item;
  });
  /** @type {HTMLElement} */ (document.getElementById('sessions')).replaceChildren(...items);
}

async function refreshSessions() {
  const { sessions } = await fetchJson('/api/sessions');
  renderSessions(sessions);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors();
  const submit = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
  submit.disabled = true;
  status.textContent = 'Creating the interview…';
  const field = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
  try {
    const { session } = await fetchJson('/api/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: field('title'),
        prompt: field('prompt'),
        language: field('language'),
        starterCode: field('starterCode'),
        tests: readRows(testRows),
        participants: readRows(participantRows),
        durationMinutes: field('durationMinutes'),
      }),
    });
    status.textContent = `Interview “${session.title}” created. The participant links are listed below.`;
    await refreshSessions();
  } catch (error) {
    status.textContent = '';
    showErrors(error instanceof ProblemError ? error : new ProblemError(String(error)));
  } finally {
    submit.disabled = false;
  }
});

document.getElementById('add-test')?.addEventListener('click', () => {
  /** @type {HTMLElement | null} */ (addRow(testRows, 'test-row', 'Test').querySelector('[data-field]'))?.focus();
});
document.getElementById('add-participant')?.addEventListener('click', () => {
  /** @type {HTMLElement | null} */ (addRow(participantRows, 'participant-row', 'Participant', { role: 'candidate' }).querySelector('[data-field]'))?.focus();
});

addRow(testRows, 'test-row', 'Test');
addRow(participantRows, 'participant-row', 'Participant', { role: 'interviewer' });
addRow(participantRows, 'participant-row', 'Participant', { role: 'candidate' });

try {
  const { languages } = await fetchJson('/api/config');
  /** @type {HTMLSelectElement} */ (form.elements.namedItem('language')).replaceChildren(
    ...languages.map((/** @type {keyof typeof LANGUAGE_LABELS} */ id) => new Option(LANGUAGE_LABELS[id] ?? id, id)),
  );
  await refreshSessions();
} catch (error) {
  showErrors(error instanceof ProblemError ? error : new ProblemError(String(error)));
}
