import { languageOfPath } from '@interview-kit/core/collab/project';
import { describeSignal, SIGNALS_CAUTION } from '@interview-kit/core/integrity';
import { formatSessionTime, type Feedback, type Rating } from '@interview-kit/core/rubric';
import type { ScoredTest } from '../scoring/score.js';
import { codeEvolutionChart, RECOMMENDATION_LABELS, recommendationChart } from './charts.js';
import { HIGHLIGHT_CSS, highlightedHtml } from './highlight.js';
import { escapeHtml as e } from './html-escape.js';
import type { ReportCode, ReportModel, ReportRun } from './model.js';

/**
 * The interview report's HTML template: one self-contained page (inline CSS and SVG, no script,
 * no external resource) that reads on a phone and prints on A4 or Letter. Everything written by
 * people (names, the question, code, evidence, notes) is escaped. Raise
 * {@link REPORT_TEMPLATE_VERSION} with every change to what the page shows; each report records
 * the version it was rendered with.
 *
 * @module
 */

export const REPORT_TEMPLATE_VERSION = 3;

/** Characters of a test's texts shown in the HTML table (the JSON report has up to 2000). */
const TABLE_TEXT_LIMIT = 300;

/** The report as one HTML page. */
export function renderReportHtml(report: ReportModel): string {
  const candidate = report.candidates.map((c) => c.name).join(', ') || 'No candidate';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Interview Kit report template ${REPORT_TEMPLATE_VERSION}">
<meta name="report-template-version" content="${REPORT_TEMPLATE_VERSION}">
<title>${e(`Interview report: ${candidate} — ${report.session.title}`)}</title>
<style>${CSS}${HIGHLIGHT_CSS}</style>
</head>
<body>
<main>
${header(report, candidate)}
${people(report)}
${question(report)}
${score(report)}
${finalCode(report)}
${questions(report)}
${evolution(report)}
${board(report)}
${runs(report)}
${scorecard(report)}
${evidence(report)}
${notes(report)}
${integrity(report)}
${chat(report)}
<footer>Report ${e(report.reportId)} · template version ${REPORT_TEMPLATE_VERSION} · generated ${e(time(report.generatedAt))} · session ${e(report.session.id)}</footer>
</main>
</body>
</html>
`;
}

function header(report: ReportModel, candidate: string): string {
  const s = report.score;
  const headline =
    s?.status === 'done'
      ? `<strong class="big">${s.passed}/${s.total}</strong> tests passed${s.total ? ` (${Math.round((s.passed! / s.total) * 100)}%)` : ''}`
      : s?.status === 'pending'
        ? 'Automatic score: pending'
        : s?.status === 'failed'
          ? 'Automatic score: failed'
          : 'Not scored';
  const card = report.scorecard;
  const submitted = card.feedback.length;
  return `<header>
<p class="eyebrow">Interview report</p>
<h1>${e(candidate)}</h1>
<p class="subtitle">${e(report.session.title)}${report.session.externalId ? ` · <span class="muted">${e(report.session.externalId)}</span>` : ''}</p>
<div class="summary">
<div class="tile"><span class="label">Automatic score</span><span>${headline}</span></div>
<div class="tile"><span class="label">Feedback</span><span><strong class="big">${submitted}</strong> submitted${card.pending.length ? `, ${card.pending.length} pending` : ''}${card.disagreement ? ' · <span class="flag">disagreement</span>' : ''}</span></div>
<div class="tile"><span class="label">Status</span><span>${e(report.session.status)}${report.session.endReason ? ` (${e(report.session.endReason)})` : ''}</span></div>
</div>
</header>`;
}

function people(report: ReportModel): string {
  const { session } = report;
  const actual = session.startedAt && session.endedAt ? formatSessionTime((Date.parse(session.endedAt) - Date.parse(session.startedAt)) / 1000) : '—';
  const rows: [string, string][] = [
    ['Candidate', report.candidates.map((c) => e(c.name) + (c.extraTimeMinutes ? ` <span class="muted">(+${c.extraTimeMinutes} min extra time)</span>` : '')).join(', ') || '—'],
    ['Interviewers', report.interviewers.map((p) => `${e(p.name)}${p.role === 'observer' ? ' <span class="muted">(observer)</span>' : ''}`).join(', ') || '—'],
    ['Scheduled', time(session.scheduledAt)],
    ['Planned length', session.durationMinutes ? `${session.durationMinutes} min${session.extendedMinutes ? ` + ${session.extendedMinutes} min added` : ''}` : '—'],
    ['Started', time(session.startedAt)],
    ['Ended', `${time(session.endedAt)}${session.endReason ? ` <span class="muted">(${e(endReasonLabel(session.endReason))})</span>` : ''}`],
    ['Actual length', actual],
  ];
  return section('people', 'People and schedule', `<dl class="facts">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`);
}

function question(report: ReportModel): string {
  const q = report.question;
  return section(
    'question',
    'Question',
    `<pre class="prose">${e(q.prompt)}</pre>
<p class="muted">${e(q.language)} · ${q.visibleTests} visible and ${q.hiddenTests} hidden tests${q.checker ? " · judged by the question's checker" : ''}</p>`,
  );
}

function score(report: ReportModel): string {
  const s = report.score;
  if (!s) return section('score', 'Automatic score', '<p class="muted">The final code has not been scored yet.</p>');
  if (s.status === 'pending') return section('score', 'Automatic score', '<p>Scoring is in progress.</p>');
  if (s.status === 'failed') return section('score', 'Automatic score', `<p>Scoring failed: ${e(s.error ?? 'unknown reason')}</p>`);
  const rows = s.tests.map(testRow).join('');
  const stale = report.scoreIsOfFinalCode
    ? ''
    : '<p class="warning">This score is of code scored earlier; the final code below has changed since and is not scored yet.</p>';
  return section(
    'score',
    'Automatic score',
    `${stale}<p><strong>${s.passed}/${s.total}</strong> tests passed, hidden tests included · ${e(s.language)} · scored ${e(time(s.finishedAt))}</p>
<div class="scroll"><table class="tests">
<thead><tr><th>Test</th><th>Result</th><th>Verdict</th><th>Judged by</th><th class="num">Time</th><th class="num">Memory</th></tr></thead>
<tbody>${rows}</tbody></table></div>
<p class="muted small">Code SHA-256 ${e(s.codeHash.slice(0, 16))}… · question version ${e(s.questionVersion.slice(0, 16))}…</p>`,
  );
}

function testRow(test: ScoredTest): string {
  const mark = test.passed ? '<span class="pass">✓ passed</span>' : '<span class="fail">✗ failed</span>';
  const texts = [
    ['Input', test.stdin],
    ['Expected', test.expected],
    ['Actual', test.actual],
    ...(test.stderr ? [['Errors', test.stderr]] : []),
  ]
    .map(([label, text]) => `<div><span class="label">${label}</span><pre>${e(cut(text!))}</pre></div>`)
    .join('');
  return `<tr><td>#${test.index + 1}${test.hidden ? ' <span class="tag">hidden</span>' : ''}</td><td>${mark}</td><td>${e(test.verdict)}</td><td>${e(test.judgedBy)}</td><td class="num">${test.wallMs} ms</td><td class="num">${Math.round(test.memoryKb / 1024)} MiB</td></tr>
<tr class="texts"><td colspan="6"><div class="io">${texts}</div></td></tr>`;
}

function finalCode(report: ReportModel): string {
  return section('code', report.questions.length > 1 ? 'Final code of the question in play' : 'Final code', codeBlock(report.finalCode));
}

/** The whiteboard at the end, only when something was drawn (the SVG is sanitised and escaped by `boardToSvg`). */
function board(report: ReportModel): string {
  return report.board ? section('board', 'Whiteboard', `<div class="board">${report.board}</div>`) : '';
}

/** The final code: one block, or for a project one block per file under its path (its language from its extension). */
function codeBlock(final: ReportCode): string {
  if (!final.files) return fileBlock(final);
  return final.files
    .map((file, index) => `<h3 class="file">${e(file.path)}${index === 0 ? ' <span class="muted">(entry)</span>' : ''}</h3>${fileBlock({ code: file.content, language: index === 0 ? final.language : (languageOfPath(file.path) ?? 'text') })}`)
    .join('\n');
}

function fileBlock({ code, language }: { code: string; language: string }): string {
  const lines = highlightedHtml(code, language).split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const body = code ? lines.map((line) => `<span class="line">${line}</span>`).join('') : '<span class="muted">(empty)</span>';
  return `<p class="muted">${e(language)} · ${lines.length} lines</p><pre class="code"><code>${body}</code></pre>`;
}

/** A section per coding question reached, in plan order, when the session reached more than one. */
function questions(report: ReportModel): string {
  if (report.questions.length < 2) return '';
  const start = report.codeEvolution.from ?? report.runs[0]?.at;
  return report.questions
    .map((q, n) => {
      const scored = q.score
        ? `<p><strong>${q.score.passed}/${q.score.total}</strong> tests passed, hidden tests included${q.score.isOfFinalCode ? '' : ' <span class="warning">(of code scored earlier; the final code changed since)</span>'}</p>`
        : '<p class="muted">Not scored yet.</p>';
      const ran = q.runs.length ? `<h3>Runs (${q.runs.length})</h3><ol class="timeline">${runItems(q.runs, start!)}</ol>` : '<p class="muted">No code was run for this question.</p>';
      return section(
        `question-${q.index}`,
        `Question ${n + 1}: ${e(q.title)}`,
        `<p class="prose">${e(q.promptSummary)}</p>
<p class="muted">${q.visibleTests} visible and ${q.hiddenTests} hidden tests</p>
${scored}
${codeBlock(q.finalCode)}
${codeEvolutionChart(q.codeEvolution, `evo-${q.index}`)}
${ran}`,
      );
    })
    .join('\n');
}

function evolution(report: ReportModel): string {
  return section(
    'evolution',
    'How the code evolved',
    `${codeEvolutionChart(report.codeEvolution)}
<p class="legend"><span class="key size"></span> code size <span class="key passed"></span> run, every test passed <span class="key failed"></span> run, a test failed <span class="key norun"></span> run without tests <span class="key idle"></span> idle (2 min or more without edits or runs)</p>`,
  );
}

function runs(report: ReportModel): string {
  if (!report.runs.length) return section('runs', 'Runs', '<p class="muted">No code was run.</p>');
  const start = report.codeEvolution.from ?? report.runs[0]!.at;
  return section('runs', `Runs (${report.runs.length})`, `<ol class="timeline">${runItems(report.runs, start)}</ol>`);
}

/** Runs as timeline items, each at its time into the session (`start`). */
function runItems(runs: readonly ReportRun[], start: string): string {
  return runs
    .map((run) => {
      const result = run.testsRun ? `${run.testsPassed}/${run.testsRun} tests` : 'no tests';
      const ok = run.testsRun ? run.testsPassed === run.testsRun : run.verdict === 'ok';
      return `<li class="${ok ? 'ok' : 'bad'}"><span class="chip">${formatSessionTime((Date.parse(run.at) - Date.parse(start)) / 1000)}</span> ${e(run.name)} · ${e(run.language)} · ${e(run.verdict)} · ${result} · ${run.wallMs} ms</li>`;
    })
    .join('');
}

function scorecard(report: ReportModel): string {
  const card = report.scorecard;
  if (!card.feedback.length) {
    const waiting = card.pending.map((p) => e(p.name)).join(', ');
    return section('scorecard', 'Scorecard', `<p class="muted">No feedback submitted yet${waiting ? `; waiting for ${waiting}` : ''}.</p>`);
  }
  const heads = card.feedback.map((f) => `<th class="num">${e(f.name)}</th>`).join('');
  const rows = card.competencies
    .map((c) => {
      const ratings = card.feedback.map((f) => `<td class="num">${rating(f.competencies[c.competencyId]?.rating ?? null)}</td>`).join('');
      const flag = c.disagreement ? ' <span class="flag">disagreement</span>' : '';
      return `<tr><th scope="row">${e(c.title)}</th>${ratings}<td class="num">${c.mean ?? '—'}</td><td class="num">${c.spread ?? '—'}${flag}</td></tr>`;
    })
    .join('');
  const recommendations = card.feedback
    .map((f) => `<li>${e(f.name)}: <strong>${f.recommendation ? RECOMMENDATION_LABELS[f.recommendation] : '—'}</strong></li>`)
    .join('');
  const summaries = card.feedback
    .filter((f) => f.summary.trim())
    .map((f) => `<div class="note"><p class="label">${e(f.name)}</p>${markdownText(f.summary)}</div>`)
    .join('');
  return section(
    'scorecard',
    'Scorecard',
    `<p class="muted">Rubric ${e(card.rubric.title)} (version ${card.rubric.version}); ratings 1–4; disagreement when ratings are 2 or more apart.</p>
<div class="scroll"><table class="ratings">
<thead><tr><th>Competency</th>${heads}<th class="num">Mean</th><th class="num">Spread</th></tr></thead>
<tbody>${rows}</tbody></table></div>
<h3>Recommendations${card.recommendationsDisagree ? ' <span class="flag">disagree</span>' : ''}</h3>
<div class="two">${recommendationChart(card.recommendations)}<ul class="plain">${recommendations}</ul></div>
${card.pending.length ? `<p class="muted">Not submitted: ${card.pending.map((p) => e(p.name)).join(', ')}</p>` : ''}
${summaries ? `<h3>Summaries</h3>${summaries}` : ''}`,
  );
}

function evidence(report: ReportModel): string {
  const card = report.scorecard;
  const blocks = card.rubric.competencies
    .map((competency) => {
      const notes = card.feedback
        .filter((f) => f.competencies[competency.id]?.evidence.trim())
        .map((f: Feedback) => `<div class="note"><p class="label">${e(f.name)} · rated ${rating(f.competencies[competency.id]!.rating)}</p>${markdownText(f.competencies[competency.id]!.evidence)}</div>`)
        .join('');
      return notes ? `<h3>${e(competency.title)}</h3>${notes}` : '';
    })
    .join('');
  return section('evidence', 'Evidence', blocks || '<p class="muted">No evidence notes.</p>');
}

function notes(report: ReportModel): string {
  const text = report.scorecard.notes;
  return section('notes', 'Interviewer notes', text?.trim() ? `<div class="note">${markdownText(text)}</div>` : '<p class="muted">No notes.</p>');
}

/** The integrity signals with their times, under the caution that they are signals, not verdicts. */
function integrity(report: ReportModel): string {
  const { mode, consents, signals } = report.integrity;
  if (mode === 'off') return section('integrity', 'Integrity signals', '<p class="muted">This session recorded no integrity signals.</p>');
  const start = report.session.startedAt ?? report.session.createdAt;
  const consent = consents.length
    ? consents.map((c) => `<p class="muted">Consent given ${e(time(c.consentedAt))} (disclosure version ${c.textVersion}).</p>`).join('')
    : '<p class="muted">The candidate did not consent; nothing was recorded.</p>';
  const items = signals
    .map((s) => `<li><span class="chip">${sinceStart(s.at, start)}</span> ${e(describeSignal(s, s.name))}</li>`)
    .join('');
  return section(
    'integrity',
    `Integrity signals (${signals.length})`,
    `<p class="caution">${e(SIGNALS_CAUTION)}</p>${consent}${signals.length ? `<ol class="timeline">${items}</ol>` : '<p class="muted">No signals.</p>'}`,
  );
}

/** The session's chat, each message with its time into the interview, its author and role. */
function chat(report: ReportModel): string {
  const { chat } = report;
  if (chat.length === 0) return section('chat', 'Chat', '<p class="muted">No chat messages.</p>');
  const start = report.session.startedAt ?? report.session.createdAt;
  const items = chat
    .map(
      (m) =>
        `<li><span class="chip" title="${e(time(m.at))}">${sinceStart(m.at, start)}</span> ` +
        `<strong>${e(m.name)}</strong> <span class="muted">(${e(m.role)})</span>: <span class="prose">${e(m.text)}</span></li>`,
    )
    .join('');
  return section('chat', `Chat (${chat.length})`, `<ol class="timeline">${items}</ol>`);
}

/** How long after `start` the moment `at` came, as the session's clock shows it (never below 0:00). */
function sinceStart(at: string, start: string): string {
  return formatSessionTime(Math.max(0, (Date.parse(at) - Date.parse(start)) / 1000));
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}" aria-labelledby="${id}-title"><h2 id="${id}-title">${title}</h2>${body}</section>`;
}

/** Markdown shown as escaped text, line breaks kept; moment links such as `[12:34](#t=754)` become time chips. */
function markdownText(text: string): string {
  const chips = e(text).replace(/\[(\d{1,2}(?::\d{2}){1,2})\]\(#t=(\d{1,6})\)/g, '<a class="chip" href="#t=$2" title="$1 into the interview">$1</a>');
  return `<p class="prose">${chips}</p>`;
}

function rating(value: Rating | null): string {
  return value === null ? '—' : String(value);
}

function cut(text: string): string {
  return text.length <= TABLE_TEXT_LIMIT ? text : `${text.slice(0, TABLE_TEXT_LIMIT)}…`;
}

function time(iso: string | null): string {
  if (!iso) return '—';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function endReasonLabel(reason: string): string {
  return { interviewer: 'ended by an interviewer', host: 'ended by the host', time: 'time ran out', cancelled: 'cancelled' }[reason] ?? reason;
}

const CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#111827;background:#fff}
main{max-width:960px;margin:0 auto;padding:16px}
h1{font-size:1.7rem;margin:0 0 2px}
h2{font-size:1.15rem;margin:0 0 8px;padding-bottom:4px;border-bottom:2px solid #e5e7eb;break-after:avoid}
h3{font-size:1rem;margin:14px 0 6px;break-after:avoid}
section{margin:22px 0}
.eyebrow{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:.75rem;color:#6b7280}
.subtitle{margin:0 0 12px;color:#374151}
.muted{color:#6b7280}.small{font-size:.8rem}
.caution{border-inline-start:3px solid #d97706;padding-inline-start:8px}
.summary{display:flex;flex-wrap:wrap;gap:8px}
.tile{flex:1 1 180px;border:1px solid #e5e7eb;border-radius:8px;padding:8px 12px;display:flex;flex-direction:column}
.label{display:block;font-size:.75rem;text-transform:uppercase;letter-spacing:.05em;color:#6b7280;margin:0}
.big{font-size:1.5rem}
.warning{background:#fef3c7;border-left:4px solid #f59e0b;padding:6px 10px;margin:0 0 8px}
.flag{display:inline-block;background:#fef3c7;color:#92400e;border:1px solid #f59e0b;border-radius:999px;padding:0 8px;font-size:.75rem;font-weight:600}
.tag{display:inline-block;background:#eef2ff;color:#3730a3;border-radius:4px;padding:0 5px;font-size:.75rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}
.facts dt{color:#6b7280}.facts dd{margin:0}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e5e7eb;vertical-align:top}
thead th{background:#f9fafb;font-weight:600}
.num{text-align:right;white-space:nowrap}
.pass{color:#15803d;font-weight:600}.fail{color:#b91c1c;font-weight:600}
tr.texts td{padding-top:0;border-bottom:1px solid #d1d5db}
.io{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:6px}
.io pre{margin:0;padding:4px 6px;background:#f9fafb;border-radius:4px;font-size:.78rem;white-space:pre-wrap;word-break:break-word;max-height:9em;overflow:hidden}
pre.prose,p.prose,span.prose{white-space:pre-wrap;word-break:break-word;font:inherit;margin:0 0 6px}
pre.code{background:#f8fafc;border:1px solid #e5e7eb;border-radius:6px;padding:10px 0;overflow-x:auto;font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;counter-reset:line}
pre.code .line{display:block;padding:0 12px 0 0;white-space:pre-wrap;word-break:break-all}
pre.code .line::before{counter-increment:line;content:counter(line);display:inline-block;width:3.2em;padding-right:1em;margin-right:.6em;text-align:right;color:#9ca3af;border-right:1px solid #e5e7eb}
svg.chart{width:100%;height:auto;font:11px system-ui,sans-serif;fill:#374151}
svg.chart.bars{max-width:460px}
.board svg{max-width:100%;height:auto;border:1px solid #e5e7eb}
svg .axis{stroke:#9ca3af}svg .grid{stroke:#9ca3af}
svg .size{fill:none;stroke:#1d4ed8;stroke-width:2}
svg .idle{fill:#e5e7eb;opacity:.8}svg .idle-label{fill:#6b7280;font-size:10px}
svg .run line{stroke:#9ca3af;stroke-dasharray:3 3}
svg .run circle{fill:#fff;stroke:#6b7280;stroke-width:1.5}
svg .run.passed line{stroke:#15803d}svg .run.passed circle{fill:#15803d;stroke:#15803d}
svg .run.failed line{stroke:#b91c1c}svg .run.failed circle{fill:#fff;stroke:#b91c1c;stroke-width:2}
svg .bar{fill:#6b7280}svg .bar.strong_no{fill:#b91c1c}svg .bar.no{fill:#f87171}svg .bar.yes{fill:#4ade80}svg .bar.strong_yes{fill:#15803d}
.legend{font-size:.8rem;color:#4b5563}
.key{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-1px;margin:0 3px 0 10px}
.key.size{background:#1d4ed8;height:3px;vertical-align:3px}.key.passed{background:#15803d;border-radius:50%}.key.failed{border:2px solid #b91c1c;border-radius:50%}
.key.norun{border:1.5px solid #6b7280;border-radius:50%}.key.idle{background:#e5e7eb}
ol.timeline{list-style:none;margin:0 0 0 8px;padding:0 0 0 14px;border-left:2px solid #e5e7eb}
ol.timeline li{position:relative;margin:0 0 6px;padding-left:8px}
ol.timeline li::before{content:"";position:absolute;left:-21px;top:.45em;width:10px;height:10px;border-radius:50%;background:#15803d}
ol.timeline li.bad::before{background:#fff;border:2px solid #b91c1c;width:6px;height:6px}
.chip{display:inline-block;font:600 .75rem/1.4 ui-monospace,monospace;background:#eff6ff;color:#1d4ed8;border:1px solid #bfdbfe;border-radius:999px;padding:0 7px;text-decoration:none}
.note{border-left:3px solid #e5e7eb;padding:2px 0 2px 10px;margin:0 0 10px}
.two{display:flex;flex-wrap:wrap;gap:12px;align-items:center}
.two>*{flex:1 1 260px}
ul.plain{list-style:none;padding:0;margin:0}
footer{margin-top:28px;padding-top:8px;border-top:1px solid #e5e7eb;font-size:.75rem;color:#6b7280;word-break:break-all}
@media (max-width:560px){main{padding:10px}body{font-size:14px}.facts{grid-template-columns:1fr}.facts dt{margin-top:6px}}
@media print{
  body{font-size:11pt}main{max-width:none;padding:0}
  .scroll{overflow:visible}
  section{break-inside:auto}tr,.note,.tile,svg{break-inside:avoid}
  pre.code{white-space:pre-wrap;border:none}
  a.chip{color:#1d4ed8}
}
`;
