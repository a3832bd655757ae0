// Interview reports against the real app: real sandbox (scoring), real SQLite (or PostgreSQL with
// TEST_DATABASE_URL), and the system Chromium printing the PDF, read back with pdftotext.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { changeSession } from '@interview-kit/core/testing';
import { ReportLinks } from '../reports/links.js';
import { call, createSession, problemOf, sampleSession, startTestServer, type CreatedSession, type TestServer } from '../testing/harness.js';

const CANDIDATE = 'Zoë <b>Candidate</b> & Co';
const COMPETENCIES = ['Problem solving', 'Code quality', 'Verification and testing', 'Communication'];

/** Fetches bytes (for PDFs) with an optional API key or token. */
async function bytes(url: string, auth?: string): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await fetch(url, { headers: auth ? { authorization: `Bearer ${auth}` } : {} });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

/** The text of a PDF, as poppler's pdftotext reads it, and its page size as pdfinfo reports it. */
function readPdf(pdf: Buffer): { text: string; pageSize: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ik-report-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const pageSize = /Page size:\s*(.*)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? '';
    return { text, pageSize };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function submitFeedback(server: TestServer, session: CreatedSession, who: string, ratings: number[], recommendation: string, evidence: string) {
  const own = await call(server.url, 'GET', `/v1/sessions/${session.id}/feedback`, { auth: session.tokens[who] });
  const competencies = Object.fromEntries(
    own.body.rubric.competencies.map((c: { id: string }, i: number) => [c.id, { rating: ratings[i], evidence: i === 0 ? evidence : '' }]),
  );
  const res = await call(server.url, 'POST', `/v1/sessions/${session.id}/feedback`, {
    auth: session.tokens[who],
    body: { competencies, recommendation, summary: `${who} says: solid` },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

describe('interview reports', () => {
  let server: TestServer;
  let session: CreatedSession;
  before(async () => {
    server = await startTestServer({ env: { EXECUTOR: 'local' } });
    const request = sampleSession();
    request.participants = request.participants.map((p) => (p.id === 'cam' ? { ...p, name: CANDIDATE } : p));
    request.question.prompt = 'Print the **sum** <script>alert("prompt")</script>';
    session = await createSession(server, request);
    const run = await call(server.url, 'POST', '/v1/runs', {
      auth: session.tokens.cam,
      body: { language: 'python', code: request.question.starterCode, tests: 'all' },
    });
    assert.equal(run.status, 200, JSON.stringify(run.body));
    await changeSession(server, session.id, 'end');
    await submitFeedback(server, session, 'ivy', [4, 3, 3, 4], 'strong_yes', 'Spotted the edge case at [1:05](#t=65) <img src=x onerror=alert(1)>');
    await submitFeedback(server, session, 'oli', [2, 3, 3, 4], 'yes', 'Needed a hint');
    const score = await server.services.scores.score(session.id);
    assert.equal(score.status, 'done');
  });
  after(() => server.dispose());

  it('as JSON: people, times, final code, the score with hidden tests, runs, code evolution and the scorecard', async () => {
    const res = await call(server.url, 'GET', `/v1/sessions/${session.id}/report`, { auth: server.apiKey });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const report = res.body;
    assert.equal(report.templateVersion, 3);
    assert.equal(res.headers.get('report-template-version'), '3');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(report.candidates.map((c: any) => c.name), [CANDIDATE]);
    assert.deepEqual(report.interviewers.map((p: any) => [p.name, p.role]), [['Ivy Interviewer', 'interviewer'], ['Oli Observer', 'observer']]);
    assert.ok(report.session.startedAt && report.session.endedAt);
    assert.equal(report.finalCode.code, sampleSession().question.starterCode);
    assert.deepEqual([report.score.passed, report.score.total, report.score.tests[1].hidden], [2, 2, true]);
    assert.equal(report.runs.length, 1);
    assert.deepEqual([report.runs[0].name, report.runs[0].testsRun, report.runs[0].testsPassed], [CANDIDATE, 2, 2]);
    assert.ok(report.codeEvolution.points.length >= 1, 'the seeded code is the first point');
    assert.equal(report.codeEvolution.runs.length, 1);
    const solving = report.scorecard.competencies.find((c: any) => c.title === 'Problem solving');
    assert.deepEqual([solving.mean, solving.spread, solving.disagreement], [3, 2, true]);
    assert.deepEqual(report.scorecard.recommendations, { strong_no: 0, no: 0, yes: 1, strong_yes: 1 });

    const again = await call(server.url, 'GET', `/v1/sessions/${session.id}/report`, { auth: session.tokens.ivy });
    assert.equal(again.body.reportId, report.reportId, 'the same content is the same report');
    const rows = await server.db.selectFrom('reports').select(['template_version']).where('session_id', '=', session.id).execute();
    assert.deepEqual(rows, [{ template_version: 3 }]);
  });

  it('as one self-contained HTML page with everything people wrote escaped', async () => {
    const res = await call(server.url, 'GET', `/v1/sessions/${session.id}/report.html`, { auth: session.tokens.ivy });
    assert.equal(res.status, 200);
    assert.match(res.contentType, /^text\/html/);
    assert.match(res.headers.get('content-security-policy') ?? '', /style-src 'unsafe-inline'/);
    const html: string = res.body;
    assert.ok(html.includes('Zoë &lt;b&gt;Candidate&lt;/b&gt; &amp; Co'), 'the name is escaped');
    assert.ok(!html.includes('<script'), 'no script: neither ours nor the prompt’s');
    assert.ok(!html.includes('<img'), 'evidence markup is text');
    assert.match(html, /<a class="chip" href="#t=65"[^>]*>1:05<\/a>/, 'moment links become time chips');
    assert.match(html, /<span class="tok-keyword">print<\/span>|<span class="tok-variableName">print<\/span>/, 'the final code is highlighted');
    assert.match(html, /<svg class="chart"[\s\S]*Code size over the interview/);
    assert.match(html, /<svg class="chart bars"/);
    assert.match(html, /disagreement/);
    assert.match(html, /<span class="tag">hidden<\/span>/);
    assert.ok(!/(src|href)="(https?:)?\/\//.test(html), 'nothing is loaded from elsewhere');
  });

  it('as a PDF printed by Chromium whose text holds the candidate, the score and every competency; A4 or Letter', async () => {
    const a4 = await bytes(`${server.url}/v1/sessions/${session.id}/report.pdf`, server.apiKey);
    assert.equal(a4.status, 200, a4.body.toString());
    assert.equal(a4.type, 'application/pdf');
    const { text, pageSize } = readPdf(a4.body);
    assert.match(pageSize, /A4/);
    assert.ok(text.includes(CANDIDATE), 'candidate name');
    assert.match(text, /2\/2\s+tests passed/);
    for (const competency of COMPETENCIES) assert.ok(text.includes(competency), competency);
    assert.match(text, /Template version 3|template version 3/);

    const letter = await bytes(`${server.url}/v1/sessions/${session.id}/report.pdf?format=Letter`, session.tokens.ivy);
    assert.match(readPdf(letter.body).pageSize, /letter/i);
    problemOf(await call(server.url, 'GET', `/v1/sessions/${session.id}/report.pdf?format=A3`, { auth: server.apiKey }), 400);
  });

  it('refuses candidates and observers with 403 on the report in every form and on links', async () => {
    for (const who of ['cam', 'oli']) {
      for (const path of ['report', 'report.html', 'report.pdf']) {
        problemOf(await call(server.url, 'GET', `/v1/sessions/${session.id}/${path}`, { auth: session.tokens[who] }), 403, `${path} as ${who}`);
      }
      problemOf(
        await call(server.url, 'POST', `/v1/sessions/${session.id}/report-links`, { auth: session.tokens[who], body: { expiresInSeconds: 600 } }),
        403,
        `report-links as ${who}`,
      );
    }
    problemOf(await call(server.url, 'GET', `/v1/sessions/${session.id}/report.html`), 401);
  });

  it('opens through a signed link without an API key; a changed or expired link gets 401', async () => {
    const created = await call(server.url, 'POST', `/v1/sessions/${session.id}/report-links`, { auth: server.apiKey, body: { expiresInSeconds: 600 } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.ok(Math.abs(Date.parse(created.body.expiresAt) - Date.now() - 600_000) < 5000);
    const page = await call(created.body.url, 'GET', '');
    assert.equal(page.status, 200);
    assert.ok(page.body.includes('Zoë &lt;b&gt;Candidate'));
    const pdf = await bytes(created.body.pdfUrl);
    assert.equal(pdf.status, 200);
    assert.ok(readPdf(pdf.body).text.includes(CANDIDATE));

    const token = /report-links\/([^/]+)\//.exec(created.body.url)![1]!;
    const [payload, signature] = token.split('.') as [string, string];
    const otherPayload = Buffer.from(JSON.stringify({ s: 'another-session', e: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
    for (const forged of [`${otherPayload}.${signature}`, `${payload}.${signature.slice(1)}`, 'nonsense']) {
      problemOf(await call(server.url, 'GET', `/v1/report-links/${forged}/report.html`), 401, 'tampered');
      problemOf(await call(server.url, 'GET', `/v1/report-links/${forged}/report.pdf`), 401, 'tampered pdf');
    }
    const expired = new ReportLinks(server.config.jwtSecret, () => Date.now() - 3_600_000).issue(session.id, 600);
    const refused = problemOf(await call(server.url, 'GET', `/v1/report-links/${expired.token}/report.html`), 401, 'expired');
    assert.match(refused.detail, /expired/);
  });
});
