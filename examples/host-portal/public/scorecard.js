import { fetchJson, ProblemError, ROLE_LABELS, STATUS_LABELS } from './api.js';
import { timeElement } from './local-time.js';

/**
 * The scorecard page: everyone's submitted feedback on one interview, combined by the Interview
 * Kit server (averages, spread, disagreement), with the interviewers' private notes. Written
 * text (evidence, summaries, notes) is shown as plain text, never as HTML.
 */
const RECOMMENDATION_LABELS = { strong_no: 'Strong no', no: 'No', yes: 'Yes', strong_yes: 'Strong yes' };

const [sessionId = ''] = location.pathname.split('/').slice(2).map(decodeURIComponent);
const element = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @param {string} tag @param {string} [text] @param {string} [className] */
function make(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/**
 * @typedef {{ competencyId: string, title: string, count: number, mean: number | null, min: number | null, max: number | null, disagreement: boolean }} CompetencyScore
 * @typedef {{ participantId: string, name: string, role: keyof typeof ROLE_LABELS, recommendation: keyof typeof RECOMMENDATION_LABELS | null, summary: string, submittedAt: string | null, competencies: Record<string, { rating: number | null, evidence: string }> }} Feedback
 */

/** @param {CompetencyScore} score */
function competencyRow(score) {
  const row = make('tr');
  const name = make('th', score.title);
  name.setAttribute('scope', 'row');
  if (score.disagreement) name.append(' ', make('span', 'ratings disagree', 'flag'));
  const mean = score.mean === null ? '—' : score.mean.toFixed(1);
  const range = score.min === null || score.max === null ? '—' : score.min === score.max ? String(score.min) : `${score.min}–${score.max}`;
  row.append(name, make('td', String(score.count)), make('td', mean), make('td', range));
  return row;
}

/** @param {Feedback} feedback @param {Map<string, string>} titles competency titles by id */
function feedbackItem(feedback, titles) {
  const item = make('li');
  const heading = make('h3', `${feedback.name} · ${ROLE_LABELS[feedback.role] ?? feedback.role}`);
  const meta = make('p', '', 'hint');
  meta.append(`Recommends: ${feedback.recommendation ? RECOMMENDATION_LABELS[feedback.recommendation] : 'no recommendation'}`);
  if (feedback.submittedAt) meta.append(' · submitted ', timeElement(feedback.submittedAt));
  item.append(heading, meta);
  if (feedback.summary.trim()) item.append(make('p', feedback.summary, 'written'));
  const ratings = make('dl');
  for (const [id, { rating, evidence }] of Object.entries(feedback.competencies)) {
    ratings.append(make('dt', `${titles.get(id) ?? id}: ${rating === null ? 'not rated' : `${rating} of 4`}`));
    if (evidence.trim()) ratings.append(make('dd', evidence, 'written'));
  }
  if (ratings.childElementCount > 0) item.append(ratings);
  return item;
}

async function main() {
  const page = element('scorecard');
  try {
    const { session, scorecard } = await fetchJson(`/api/sessions/${encodeURIComponent(sessionId)}/scorecard`);
    document.title = `Scorecard: ${session.title} · Acme Hiring`;
    element('scorecard-title').textContent = `Scorecard: ${session.title}`;
    const badge = make('span', STATUS_LABELS[/** @type {keyof typeof STATUS_LABELS} */ (session.status)] ?? session.status, 'badge');
    badge.dataset.status = session.status;
    element('scorecard-meta').replaceChildren(badge, ...(session.scheduledAt ? [' Planned for ', timeElement(session.scheduledAt)] : []));

    const counts = /** @type {Record<string, number>} */ (scorecard.recommendations);
    element('recommendations').replaceChildren(
      ...Object.entries(RECOMMENDATION_LABELS).map(([id, label]) => make('li', `${label}: ${counts[id] ?? 0}`)),
    );
    element('recommendations-disagree').hidden = !scorecard.recommendationsDisagree;

    element('competencies').replaceChildren(.../** @type {CompetencyScore[]} */ (scorecard.competencies).map(competencyRow));

    const titles = new Map(scorecard.rubric.competencies.map((/** @type {{ id: string, title: string }} */ c) => [c.id, c.title]));
    const submitted = /** @type {Feedback[]} */ (scorecard.feedback);
    element('feedback').replaceChildren(...submitted.map((feedback) => feedbackItem(feedback, titles)));
    element('feedback-empty').hidden = submitted.length > 0;
    const pending = /** @type {{ name: string }[]} */ (scorecard.pending);
    element('pending').hidden = pending.length === 0;
    element('pending').textContent = `Waiting for: ${pending.map((p) => p.name).join(', ')}.`;

    element('notes').textContent = scorecard.notes?.trim() ? scorecard.notes : 'No notes.';
    const status = element('scorecard-status');
    status.textContent = 'Scorecard loaded.';
    status.classList.add('visually-hidden');
    element('scorecard-body').hidden = false;
  } catch (error) {
    element('scorecard-status').textContent = '';
    const box = element('scorecard-error');
    box.textContent = `The scorecard could not be loaded. ${error instanceof ProblemError ? error.message : String(error)}`;
    box.hidden = false;
  } finally {
    page.removeAttribute('aria-busy');
  }
}

await main();
