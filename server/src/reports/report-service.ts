import { signalsOf } from '../integrity/signals.js';
import { createHash, randomUUID } from 'node:crypto';
import type { ChatMessage } from '@interview-kit/core/chat';
import type { Scorecard } from '@interview-kit/core/rubric';
import type { Db } from '../adapters/db/database.js';
import { notFound } from '../problem.js';
import type { Score } from '../scoring/score.js';
import type { StoredRun } from '../services/runs/store.js';
import type { SessionRecord } from '../services/session-record.js';
import { timingOf } from '../services/session-views.js';
import { finalBoardOf } from './board.js';
import { codeEvolutionOf, type LoggedUpdate } from './code-evolution.js';
import type { ReportModel, ReportRun } from './model.js';
import type { PdfRenderer } from '../adapters/pdf/pdf-renderer.js';
import type { PageFormat } from '../schemas/reports.js';
import { REPORT_TEMPLATE_VERSION, renderReportHtml } from './template.js';
import type { FinalCode, QuestionCode } from '../scoring/final-code.js';
import { scoredWork, workHashOf } from '../scoring/score-service.js';
import { questionsOf } from './questions.js';

declare module '../adapters/db/schema.js' {
  interface Database {
    reports: {
      id: string;
      session_id: string;
      /** The template version the report's HTML and PDF are rendered with. */
      template_version: number;
      /** SHA-256 of the report's content (everything but its id and time), hex. */
      content_hash: string;
      score_id: string | null;
      created_at: string;
    };
  }
}

export interface ReportServiceDeps {
  db: Db;
  findSession(sessionId: string): Promise<SessionRecord | undefined>;
  latestScore(sessionId: string): Promise<Score | undefined>;
  runs(sessionId: string): Promise<StoredRun[]>;
  /** The shared document's whole update log, oldest first. */
  updates(sessionId: string): Promise<LoggedUpdate[]>;
  finalCode(session: SessionRecord): Promise<FinalCode>;
  /** The final code of every coding question the session reached, in plan order. */
  finalCodes(session: SessionRecord): Promise<QuestionCode[]>;
  /** The scorecard as the host sees it: every submitted feedback and the private notes. */
  scorecard(session: SessionRecord): Promise<Scorecard>;
  /** The session's chat messages, oldest first, opened. */
  chat(session: SessionRecord): Promise<ChatMessage[]>;
  pdf: PdfRenderer;
  now?: () => Date;
}

/** Runs as the code evolution chart marks them: when, and whether every test they ran passed (`null`: no tests). */
const evolutionRuns = (runs: readonly ReportRun[]) => runs.map((run) => ({ at: run.at, passed: run.testsRun ? run.testsPassed === run.testsRun : null }));

/**
 * Interview reports: gathers a session's people, times, question, final code, automatic score,
 * runs, each coding question reached (its final code, score and runs), code evolution, scorecard, integrity signals and chat into a {@link ReportModel}, records it (one record per
 * session, template version and content, so building the same report again adds nothing), and
 * renders it as HTML (the versioned template) or PDF (the same HTML printed by Chromium).
 */
export class ReportService {
  constructor(private readonly deps: ReportServiceDeps) {}

  /**
   * Builds and records the session's report. What a job handler calls once scoring is done;
   * calling it again with nothing changed returns the same record.
   * @throws {HttpProblem} 404 when the session does not exist.
   */
  async prepare(sessionId: string): Promise<ReportModel> {
    const session = await this.deps.findSession(sessionId);
    if (!session) throw notFound(`no session ${sessionId}`);
    return this.report(session);
  }

  /** The report of a session the caller may read (see `SessionService.forCaller`). */
  async report(session: SessionRecord): Promise<ReportModel> {
    const [score, runs, updates, finalCode, finalCodes, scorecard, integrity, chat] = await Promise.all([
      this.deps.latestScore(session.id),
      this.deps.runs(session.id),
      this.deps.updates(session.id),
      this.deps.finalCode(session),
      this.deps.finalCodes(session),
      this.deps.scorecard(session),
      signalsOf(this.deps.db, session.id),
      this.deps.chat(session),
    ]);
    const names = new Map(session.participants.map((p) => [p.id, p.name]));
    const reportRuns = runs.map((run): ReportRun => {
      const tests = run.result.tests ?? [];
      return {
        id: run.id,
        at: run.createdAt,
        participantId: run.participantId,
        name: names.get(run.participantId) ?? run.participantId,
        language: run.language,
        verdict: run.result.verdict,
        wallMs: run.result.wallMs,
        testsRun: tests.filter((t) => !t.notRun).length,
        testsPassed: tests.filter((t) => t.passed).length,
        question: run.result.question ?? 0,
      };
    });
    const content: Omit<ReportModel, 'reportId' | 'generatedAt'> = {
      templateVersion: REPORT_TEMPLATE_VERSION,
      session: {
        id: session.id,
        title: session.title,
        externalId: session.externalId,
        ...timingOf(session),
        extendedMinutes: session.extendedMinutes,
      },
      candidates: session.participants.filter((p) => p.role === 'candidate').map(({ id, name, extraTimeMinutes }) => ({ id, name, extraTimeMinutes })),
      interviewers: session.participants.flatMap((p) => (p.role === 'candidate' ? [] : [{ id: p.id, name: p.name, role: p.role }])),
      question: {
        prompt: session.question.prompt,
        language: session.question.language,
        visibleTests: session.question.tests.filter((t) => !t.hidden).length,
        hiddenTests: session.question.tests.filter((t) => t.hidden).length,
        checker: Boolean(session.question.checker),
      },
      finalCode,
      score: score ?? null,
      scoreIsOfFinalCode: score?.codeHash === (finalCodes.length ? scoredWork(finalCodes).codeHash : workHashOf(finalCode)),
      runs: reportRuns,
      questions: questionsOf(finalCodes, score, reportRuns, (slot, own) => codeEvolutionOf(updates, evolutionRuns(own), session, slot)),
      codeEvolution: codeEvolutionOf(updates, evolutionRuns(reportRuns), session),
      board: finalBoardOf(updates),
      scorecard,
      integrity: {
        mode: session.integrity,
        consents: integrity.consents,
        signals: integrity.signals.map((signal) => ({ ...signal, name: names.get(signal.participantId) ?? signal.participantId })),
      },
      chat,
    };
    const { id, createdAt } = await this.#record(session.id, content);
    return { reportId: id, generatedAt: createdAt, ...content };
  }

  /** The report as one self-contained HTML page. */
  html(report: ReportModel): string {
    return renderReportHtml(report);
  }

  /** The report as a PDF: the same HTML, printed by the system Chromium. */
  pdf(report: ReportModel, format: PageFormat): Promise<Buffer> {
    return this.deps.pdf.render(this.html(report), format);
  }

  /** Records the report's content once per template version; the record that exists wins. */
  async #record(sessionId: string, content: Omit<ReportModel, 'reportId' | 'generatedAt'>): Promise<{ id: string; createdAt: string }> {
    const hash = createHash('sha256').update(JSON.stringify(content)).digest('hex');
    await this.deps.db
      .insertInto('reports')
      .values({
        id: randomUUID(),
        session_id: sessionId,
        template_version: content.templateVersion,
        content_hash: hash,
        score_id: content.score?.id ?? null,
        created_at: (this.deps.now?.() ?? new Date()).toISOString(),
      })
      .onConflict((oc) => oc.columns(['session_id', 'template_version', 'content_hash']).doNothing())
      .execute();
    const row = await this.deps.db
      .selectFrom('reports')
      .select(['id', 'created_at'])
      .where('session_id', '=', sessionId)
      .where('template_version', '=', content.templateVersion)
      .where('content_hash', '=', hash)
      .executeTakeFirstOrThrow();
    return { id: row.id, createdAt: row.created_at };
  }
}
