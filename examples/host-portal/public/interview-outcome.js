/**
 * What the portal's webhooks told of an interview, as its list entry shows it: the automatic
 * score ("2/3 tests passed", or "Scoring…" between the end and the score), how many feedback
 * forms came in, and, once the report is ready, links to it as a page and as a PDF.
 */

/**
 * @typedef {{
 *   status: string | null, startedAt: string | null, endedAt: string | null, score: { passed: number, total: number } | null, scoring: boolean,
 *   reportReady: boolean, feedbackSubmitted: number,
 * }} InterviewOutcome one interview's `outcome` from the portal's API (null: nothing heard yet)
 */

/** "2/3 tests passed", "1/1 test passed", "Scoring…" or "" (nothing to say). @param {InterviewOutcome | null} outcome */
export function scoreText(outcome) {
  if (outcome?.score) {
    const { passed, total } = outcome.score;
    return `${passed}/${total} ${total === 1 ? 'test' : 'tests'} passed`;
  }
  return outcome?.scoring ? 'Scoring…' : '';
}

/** "1 feedback submitted", or "" before any. @param {InterviewOutcome | null} outcome */
export function feedbackText(outcome) {
  return outcome && outcome.feedbackSubmitted > 0 ? `${outcome.feedbackSubmitted} feedback submitted` : '';
}

/**
 * Fills the outcome parts of a cloned list entry: `score`, `feedback` (inside `outcome`, hidden
 * while empty), and the `report` and `report-pdf` links (hidden until the report is ready).
 * @param {(name: string) => HTMLElement} part the entry's element marked `data-part="name"`
 * @param {string} sessionId
 * @param {InterviewOutcome | null} outcome
 */
export function showOutcome(part, sessionId, outcome) {
  const score = scoreText(outcome);
  const feedback = feedbackText(outcome);
  const scorePart = part('score');
  scorePart.textContent = score;
  scorePart.hidden = score === '';
  scorePart.dataset.state = outcome?.score ? (outcome.score.passed === outcome.score.total ? 'all-passed' : 'done') : 'pending';
  part('feedback').textContent = feedback;
  part('feedback').hidden = feedback === '';
  part('outcome').hidden = score === '' && feedback === '';

  const ready = outcome?.reportReady === true;
  const base = `/sessions/${encodeURIComponent(sessionId)}`;
  for (const [name, href] of [['report', `${base}/report`], ['report-pdf', `${base}/report.pdf`]]) {
    const link = /** @type {HTMLAnchorElement} */ (part(name));
    link.hidden = !ready;
    if (ready) link.href = href;
    else link.removeAttribute('href');
  }
}
