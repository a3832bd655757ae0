import { formatSessionTime, RECOMMENDATIONS, type Recommendation } from '@interview-kit/core/rubric';
import type { CodeEvolution } from './code-evolution.js';
import { escapeHtml } from './html-escape.js';

/**
 * The report's charts as inline SVG (no script, no external resource): the code's size over time
 * with runs and idle stretches, and the recommendation distribution. Each chart has a title and a
 * description for screen readers, and prints in black and white as well as in colour.
 *
 * @module
 */

const W = 720;
const H = 230;
const PLOT = { left: 56, right: W - 16, top: 14, bottom: H - 40 };

/** Labels of the recommendations, in scale order. */
export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  strong_no: 'Strong no',
  no: 'No',
  yes: 'Yes',
  strong_yes: 'Strong yes',
};

/** The code's size (characters) over the interview; runs as marks (filled: every test passed), idle stretches shaded. */
export function codeEvolutionChart(evolution: CodeEvolution, id = 'evo'): string {
  if (!evolution.from || !evolution.to) return '<p class="muted">No edits or runs were recorded.</p>';
  const from = Date.parse(evolution.from);
  const span = Math.max(1000, Date.parse(evolution.to) - from);
  const maxChars = Math.max(1, ...evolution.points.map((p) => p.chars));
  const x = (at: string) => PLOT.left + ((Math.min(Math.max(Date.parse(at) - from, 0), span) / span) * (PLOT.right - PLOT.left));
  const y = (chars: number) => PLOT.bottom - (chars / maxChars) * (PLOT.bottom - PLOT.top);
  const f = (n: number) => n.toFixed(1);

  const idle = evolution.idle
    .map((stretch) => {
      const x0 = x(stretch.from);
      const width = Math.max(1, x(stretch.to) - x0);
      const label = width > 60 ? `<text x="${f(x0 + width / 2)}" y="${PLOT.top + 12}" class="idle-label" text-anchor="middle">idle ${Math.round(stretch.seconds / 60)} min</text>` : '';
      return `<rect class="idle" x="${f(x0)}" y="${PLOT.top}" width="${f(width)}" height="${PLOT.bottom - PLOT.top}"><title>Idle for ${formatSessionTime(stretch.seconds)}</title></rect>${label}`;
    })
    .join('');

  let path = `M${f(PLOT.left)} ${f(y(0))}`;
  for (const point of evolution.points) path += ` H${f(x(point.at))} V${f(y(point.chars))}`;
  path += ` H${f(PLOT.right)}`;
  const noEdits = evolution.points.length
    ? ''
    : `<text x="${f((PLOT.left + PLOT.right) / 2)}" y="${f((PLOT.top + PLOT.bottom) / 2)}" text-anchor="middle" class="idle-label">No edits were recorded: nobody opened the editor</text>`;

  const runs = evolution.runs
    .map((run) => {
      const rx = f(x(run.at));
      const kind = run.passed === null ? 'run' : run.passed ? 'run passed' : 'run failed';
      const result = run.passed === null ? 'no tests' : run.passed ? 'every test passed' : 'some tests failed';
      const when = formatSessionTime((Date.parse(run.at) - from) / 1000);
      return `<g class="${kind}"><line x1="${rx}" x2="${rx}" y1="${PLOT.top}" y2="${PLOT.bottom}"/><circle cx="${rx}" cy="${PLOT.bottom}" r="4.5"/><title>Run at ${when}: ${result}</title></g>`;
    })
    .join('');

  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((share) => {
      const tx = PLOT.left + share * (PLOT.right - PLOT.left);
      const anchor = share === 0 ? 'start' : share === 1 ? 'end' : 'middle';
      return `<line class="grid" x1="${f(tx)}" x2="${f(tx)}" y1="${PLOT.bottom}" y2="${PLOT.bottom + 4}"/><text x="${f(tx)}" y="${PLOT.bottom + 17}" text-anchor="${anchor}">${formatSessionTime((share * span) / 1000)}</text>`;
    })
    .join('');

  const description = `Code size from 0 to ${maxChars} characters over ${formatSessionTime(span / 1000)}; ${evolution.runs.length} runs; ${evolution.idle.length} idle stretches.`;
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">Code size over the interview</title><desc id="${id}-desc">${escapeHtml(description)}</desc>
${idle}
<line class="axis" x1="${PLOT.left}" x2="${PLOT.right}" y1="${PLOT.bottom}" y2="${PLOT.bottom}"/>
<line class="axis" x1="${PLOT.left}" x2="${PLOT.left}" y1="${PLOT.top}" y2="${PLOT.bottom}"/>
<text x="${PLOT.left - 6}" y="${PLOT.top + 4}" text-anchor="end">${maxChars}</text>
<text x="${PLOT.left - 6}" y="${PLOT.bottom}" text-anchor="end">0</text>
<text x="14" y="${f((PLOT.top + PLOT.bottom) / 2)}" text-anchor="middle" transform="rotate(-90 14 ${f((PLOT.top + PLOT.bottom) / 2)})">characters</text>
<path class="size" d="${path}"/>
${noEdits}${runs}
${ticks}
<text x="${f((PLOT.left + PLOT.right) / 2)}" y="${H - 4}" text-anchor="middle">time since the start (m:ss)</text>
</svg>`;
}

/** How many interviewers gave each recommendation, as horizontal bars. */
export function recommendationChart(counts: Record<Recommendation, number>): string {
  const max = Math.max(1, ...Object.values(counts));
  const row = 26;
  const labelWidth = 110;
  const barMax = 300;
  const bars = RECOMMENDATIONS.map((recommendation, i) => {
    const count = counts[recommendation];
    const width = (count / max) * barMax;
    const top = i * row + 4;
    return `<text x="${labelWidth - 8}" y="${top + 15}" text-anchor="end">${RECOMMENDATION_LABELS[recommendation]}</text><rect class="bar ${recommendation}" x="${labelWidth}" y="${top}" width="${width.toFixed(1)}" height="18"/><text x="${(labelWidth + width + 6).toFixed(1)}" y="${top + 15}">${count}</text>`;
  }).join('');
  const description = RECOMMENDATIONS.map((r) => `${RECOMMENDATION_LABELS[r]}: ${counts[r]}`).join(', ');
  return `<svg class="chart bars" viewBox="0 0 ${labelWidth + barMax + 40} ${RECOMMENDATIONS.length * row + 8}" role="img" aria-labelledby="rec-title rec-desc" xmlns="http://www.w3.org/2000/svg">
<title id="rec-title">Recommendations</title><desc id="rec-desc">${escapeHtml(description)}</desc>${bars}</svg>`;
}
