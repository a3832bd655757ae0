import { fetchJson, LANGUAGE_LABELS, ProblemError, ROLE_LABELS } from './api.js';

/**
 * A participant's page. The browser talks to the Interview Kit server itself, with a token the
 * portal backend issues for this participant; the token lives in memory only, never in a URL.
 */
const [sessionId = '', participantId = ''] = location.pathname.split('/').slice(2).map(decodeURIComponent);

/**
 * The host's token provider: asks the portal backend for a token and reuses it until a minute
 * before it expires. This is the function `<interview-room>` will call for fresh tokens.
 */
function createTokenProvider() {
  /** @type {{ token: string, expiresAt: string } | undefined} */
  let current;
  return async () => {
    if (!current || Date.parse(current.expiresAt) - Date.now() < 60_000) {
      current = await fetchJson(
        `/api/sessions/${encodeURIComponent(sessionId)}/participants/${encodeURIComponent(participantId)}/token`,
        { method: 'POST' },
      );
    }
    return /** @type {{ token: string }} */ (current).token;
  };
}

const element = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Markdown → sanitized HTML; without the renderer, the prompt is shown as plain text. */
async function renderMarkdown(/** @type {HTMLElement} */ target, /** @type {string} */ markdown) {
  try {
    const [{ marked }, { default: DOMPurify }] = await Promise.all([
      import('/vendor/marked.js'),
      import('/vendor/purify.js'),
    ]);
    // The prompt sits under the page's "Question" heading, so its headings start one level lower.
    const demoted = marked.parse(markdown, {
      walkTokens: (token) => {
        if (token.type === 'heading') token.depth = Math.min(6, token.depth + 2);
      },
    });
    target.innerHTML = DOMPurify.sanitize(await demoted);
  } catch {
    const plain = document.createElement('pre');
    plain.textContent = markdown;
    target.replaceChildren(plain);
  }
}

/** @param {import('@interview-kit/core/protocol').SessionView} view */
async function renderSession(view) {
  const me = view.participants.find((p) => p.id === view.viewer.participantId);
  const role = ROLE_LABELS[/** @type {keyof typeof ROLE_LABELS} */ (view.viewer.role)] ?? view.viewer.role;
  document.title = `${view.title} · Acme Hiring`;
  element('session-title').textContent = view.title;
  element('viewer').textContent = me ? `You are ${me.name}, joining as ${role}.` : `You are joining as ${role}.`;
  element('session-status').textContent = view.status === 'ended' ? 'Ended' : 'Active';
  element('session-language').textContent =
    LANGUAGE_LABELS[/** @type {keyof typeof LANGUAGE_LABELS} */ (view.question.language)] ?? view.question.language;
  element('session-duration').textContent = view.durationMinutes ? `${view.durationMinutes} minutes` : 'Open-ended';
  element('starter-code').textContent = view.question.starterCode || '(none)';
  await renderMarkdown(element('prompt'), view.question.prompt);

  const rows = view.question.tests.map((test) => {
    const row = document.createElement('tr');
    for (const value of [String(test.index + 1), test.stdin, test.expected, test.hidden ? 'Hidden' : 'Visible']) {
      const cell = document.createElement('td');
      cell.textContent = value;
      row.append(cell);
    }
    return row;
  });
  /** @type {HTMLTableSectionElement} */ (element('tests').querySelector('tbody')).replaceChildren(...rows);
  element('tests').hidden = rows.length === 0;
  // An interviewer's list includes the hidden tests; a candidate's only counts them.
  const listedHidden = view.question.tests.filter((test) => test.hidden).length;
  const unlisted = view.question.hiddenTestCount - listedHidden;
  const plural = (/** @type {number} */ n) => `${n} hidden ${n === 1 ? 'test' : 'tests'}`;
  element('hidden-count').textContent =
    rows.length === 0 && unlisted === 0
      ? 'This question has no tests.'
      : listedHidden > 0
        ? `${plural(listedHidden)} marked Hidden ${listedHidden === 1 ? 'is' : 'are'} never shown to the candidate.`
        : unlisted > 0
          ? `${plural(unlisted)} will also score the final code.`
          : '';

  element('participants').replaceChildren(
    ...view.participants.map((p) => {
      const item = document.createElement('li');
      item.textContent = `${p.name} (${ROLE_LABELS[p.role] ?? p.role})${p.id === me?.id ? ' — you' : ''}`;
      return item;
    }),
  );
}

async function main() {
  const room = element('room');
  try {
    const { serverUrl } = await fetchJson('/api/config');
    const tokenProvider = createTokenProvider();
    const view = await fetchJson(`${serverUrl.replace(/\/+$/, '')}/v1/sessions/${encodeURIComponent(sessionId)}`, {
      headers: { authorization: `Bearer ${await tokenProvider()}` },
    });
    await renderSession(view);
    element('session').hidden = false;
    element('room-status').textContent = `Interview loaded: ${view.title}.`;
    element('room-status').classList.add('visually-hidden');
  } catch (error) {
    element('room-status').textContent = '';
    const box = element('room-error');
    box.textContent = `This interview could not be opened. ${error instanceof ProblemError ? error.message : String(error)}`;
    box.hidden = false;
  } finally {
    room.removeAttribute('aria-busy');
  }
}

await main();
