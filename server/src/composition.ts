import type { Db } from './adapters/db/database.js';
import { FieldCipher } from './adapters/crypto/field-cipher.js';
import { ReEncryption, registerReEncryptionJob } from './data-lifecycle/re-encryption.js';
import { createExecutor, ExecutorUnavailableError, type Executor } from './adapters/executor/index.js';
import { documentName } from './collab/documents.js';
import { createCollabServices } from './collab/services.js';
import type { Config, RunSettings } from './config/index.js';
import type { Services } from './context.js';
import type { Logger } from './logger.js';
import { JobMetrics, JobQueue } from './jobs/index.js';
import { createMetrics } from './metrics.js';
import { ApiKeyService } from './services/api-keys.js';
import { FeedbackService, notesOf } from './services/feedback.js';
import { RunMetrics, RunQueue, RunService, RunStore } from './services/runs/index.js';
import { registerAfterInterviewJobs } from './services/after-interview.js';
import { AutoEnder } from './services/auto-end.js';
import { SessionLifecycle } from './services/lifecycle.js';
import { SessionService } from './services/sessions.js';
import { finalCodeOf, finalCodesOf } from './scoring/final-code.js';
import { ScoreService } from './scoring/score-service.js';
import { ScoreStore } from './scoring/score-store.js';
import { createQuestionBank } from './questions/index.js';
import { ReportLinks } from './reports/links.js';
import { PdfRenderer } from './adapters/pdf/pdf-renderer.js';
import { ReportService } from './reports/report-service.js';
import type { SessionRecord } from './services/session-record.js';
import { createTokenSigner } from './services/tokens.js';
import { registerWebhookJobs } from './webhooks/delivery.js';
import { AuditLog } from './audit/audit-log.js';
import { DataSubjects } from './data-lifecycle/data-subjects.js';
import { SessionEraser } from './data-lifecycle/erasure.js';
import { SessionExporter } from './data-lifecycle/export.js';
import { RetentionService } from './data-lifecycle/retention.js';
import { registerRetentionJob, scheduleRetention } from './data-lifecycle/retention-job.js';
import { WebhookService } from './webhooks/endpoints.js';
import { WebhookSender } from './webhooks/sender.js';
import { IntegritySignals } from './integrity/signals.js';
import { createObjectStore } from './adapters/storage/index.js';
import { PlaybackLinks } from './recordings/playback-links.js';
import { Recordings } from './recordings/recordings.js';
import { Assistant } from './recordings/assistant.js';
import { registerAfterCallJobs } from './recordings/after-call.js';
import { Transcriber } from './recordings/transcription.js';
import { Counter, Histogram } from './metrics.js';
import { soloCluster, type Cluster } from './scale-out/cluster.js';
import { DrainState } from './scale-out/drain.js';
import { rateLimitPerMinute } from './services/rate-limiter.js';
import { chatOf, SessionChat } from './chat/session-chat.js';
import { ServerOwnedWriter } from './collab/server-owned-writer.js';

export interface CompositionOptions {
  config: Config;
  db: Db;
  logger: Logger;
  /** Injectable clock for token tests. */
  now?: () => number;
  /** An executor to use instead of the configured one (tests). */
  executor?: Executor;
  /** The other instances, joined by `startServer` (`REDIS_URL`); default: this one alone. */
  cluster?: Cluster;
}

/**
 * The composition root: builds every service and adapter of the server once, in dependency
 * order, and returns them with one `close()` that shuts them down in reverse order (the job queue
 * first, then runs and the executor, the database last). Route modules and WebSocket endpoints receive these through
 * the app context; nothing else constructs a service.
 */
export function composeServices({ config, db, logger, now = Date.now, executor, cluster = soloCluster(config.scaleOut.instanceId) }: CompositionOptions): Services {
  const closers: (() => Promise<void>)[] = [() => db.destroy(), () => cluster.close()];
  const date = () => new Date(now());
  const metrics = createMetrics(config.instanceId);
  const apiKeys = new ApiKeyService(db, date);
  const tokens = createTokenSigner({ secret: config.jwtSecret, issuer: config.tokenIssuer, ttlSeconds: config.tokenTtlSeconds, now });
  const sessions = new SessionService(db, tokens, date);
  const lifecycle = new SessionLifecycle(db, sessions, date);
  const jobs = new JobQueue({ db, postgres: config.databaseUrl !== undefined, logger, now, ...config.jobs });
  const jobMetrics = new JobMetrics(metrics.registry, jobs, logger, 5_000, now);
  const webhookSender = new WebhookSender({ timeoutMs: config.webhooks.timeoutMs, allowPrivateNetworks: config.webhooks.allowPrivateNetworks });
  const webhooks = new WebhookService(db, { settings: config.webhooks, now: date, onQueued: () => jobs.wake() });
  registerWebhookJobs(jobs, { settings: config.webhooks, sender: webhookSender, now: date });
  // Feedback, notes and code are sealed at rest when DATA_ENCRYPTION_KEY is set.
  const cipher = new FieldCipher(config.encryption);
  const reEncryption = new ReEncryption(db, cipher);
  registerReEncryptionJob(jobs, { reEncryption, logger });
  const integrity = new IntegritySignals(db, date);
  const collab = createCollabServices({
    db,
    cipher,
    tokens,
    sessions,
    lifecycle,
    iceServers: config.iceServers,
    quotas: config.collabQuotas,
    registry: metrics.registry,
    logger,
    integrity,
    cluster,
  });
  closers.push(() => collab.store.idle());
  closers.push(() => collab.runRecords.idle());
  closers.push(() => collab.sharedSession.idle());
  // The chat: stored, then appended to the document's server-owned array (read from the log each time when another instance may write it too).
  const chatWriter = new ServerOwnedWriter({ sync: collab.sync, store: collab.store, keptDocuments: cluster.redis ? 0 : undefined });
  closers.push(() => chatWriter.idle());
  const chat = new SessionChat({
    db,
    writer: chatWriter,
    limit: rateLimitPerMinute('chat', config.chat.perParticipantPerMinute, cluster.redis),
    maxMessages: config.chat.maxMessages,
    cipher,
    now: date,
  });
  // The interviewers' private notes, as text (feedback shows them; the assistant reads them).
  const loadNotes = async (sessionId: string) => notesOf(await collab.store.load(documentName(sessionId, 'private')));
  const feedback = new FeedbackService(db, { cipher, loadNotes });

  const queue = new RunQueue({ concurrency: config.runs.concurrency, maxWaiting: config.runs.queueSize });
  const sandbox = startExecutor(config.runs, logger, executor);
  const runs = new RunService({
    store: new RunStore(db, cipher),
    executor: sandbox,
    queue,
    perSessionPerMinute: config.runs.perSessionPerMinute,
    sessionLimit: rateLimitPerMinute('runs', config.runs.perSessionPerMinute, cluster.redis),
    requestBudgetMs: config.runs.requestBudgetMs,
    maxFiles: config.runs.maxFiles,
    interactive: config.runs.interactive,
    metrics: new RunMetrics(metrics.registry, queue),
    logger,
    now,
  });
  closers.push(() => runs.close());
  // Publishing checks reference solutions in background turns of the same queue: interviews' runs keep a slot.
  const bank = createQuestionBank(db, { executor: sandbox, queue }, sessions, date, cipher);
  // A move to another question reaches every open room through the shared document.
  bank.sessionQuestions.onMove((session) =>
    void collab.followQuestion(session).catch((error: unknown) => logger.error('could not push the current question', { sessionId: session.id, error })),
  );
  const loadFinalCode = async (session: SessionRecord) => finalCodeOf(await collab.store.load(documentName(session.id, 'shared')), session.question);
  const loadFinalCodes = async (session: SessionRecord) =>
    finalCodesOf(await collab.store.load(documentName(session.id, 'shared')), await bank.sessionQuestions.planOf(session));
  const scores = new ScoreService({
    store: new ScoreStore(db),
    findSession: (sessionId) => sessions.find(sessionId),
    loadFinalCodes,
    executor: sandbox,
    queue,
    logger,
    now: date,
  });
  // Scoring stops before the runs and the executor it uses.
  closers.push(() => scores.close());
  const pdf = new PdfRenderer();
  closers.push(() => pdf.close());
  const reports = new ReportService({
    db,
    findSession: (sessionId) => sessions.find(sessionId),
    latestScore: (sessionId) => scores.latest(sessionId),
    runs: (sessionId) => runs.list(sessionId),
    updates: (sessionId) => collab.store.timeline(documentName(sessionId, 'shared')),
    finalCode: loadFinalCode,
    finalCodes: loadFinalCodes,
    scorecard: (session) => feedback.scorecard(session, { kind: 'host', tenantId: session.tenantId, keyId: 'report' }),
    chat: (session) => chatOf(db, cipher, session),
    pdf,
    now: date,
  });
  const reportLinks = new ReportLinks(config.jwtSecret, now);
  // After the end: scoring, then the report, each announced by its event (webhooks).
  registerAfterInterviewJobs(jobs, { db, scores, reports, now: date });
  // The candidate data lifecycle: the audit log, export, erasure, data subjects, retention.
  const audit = new AuditLog(db, date);
  closers.push(() => audit.idle());
  const objects = createObjectStore(config.recordings.storage, config.dataDir);
  closers.push(async () => objects.close());
  const playbackLinks = new PlaybackLinks(config.jwtSecret, config.recordings.linkTtlSeconds, now);
  const recordings = new Recordings({ db, store: objects, cipher, settings: config.recordings, links: playbackLinks, now: date });
  // After the call: transcripts of the recordings, then the assistant's draft for interviewers.
  const transcriber = new Transcriber({ db, recordings, cipher, settings: config.models.transcription, logger, now: date });
  const assistantTokens = new Counter({ name: 'assistant_tokens_total', help: "Tokens the assistant's model used, by kind", labelNames: ['kind'], registers: [metrics.registry] });
  const assistantCalls = new Histogram({ name: 'assistant_call_seconds', help: "The assistant model's answer time, by outcome (stored, invalid)", labelNames: ['outcome'], buckets: [1, 2, 5, 10, 20, 40, 80, 160], registers: [metrics.registry] });
  const assistant = new Assistant({
    db,
    cipher,
    endpoint: config.models.assistant,
    now: date,
    observe: (usage, latencyMs, outcome) => {
      if (usage.promptTokens) assistantTokens.inc({ kind: 'prompt' }, usage.promptTokens);
      if (usage.completionTokens) assistantTokens.inc({ kind: 'completion' }, usage.completionTokens);
      assistantCalls.observe({ outcome }, latencyMs / 1000);
    },
  });
  registerAfterCallJobs(jobs, {
    db,
    transcriber,
    assistant,
    findSession: (id) => sessions.find(id),
    finalCode: loadFinalCode,
    runs: (sessionId) => runs.list(sessionId),
    notes: loadNotes,
    assistantRetries: config.models.assistantRetries,
    lateChunkGraceMs: config.recordings.lateChunkGraceMs,
    now: date,
  });
  const exporter = new SessionExporter({ db, audit, loadDocument: (name) => collab.store.load(name), timeline: (name) => collab.store.timeline(name), cipher, recordings, transcriber, assistant, now: date });
  const eraser = new SessionEraser({ db, audit, collab, recordings, logger, now: date });
  const subjects = new DataSubjects({ db, audit, exporter, eraser, findSession: (id) => sessions.find(id), now: date });
  const retention = new RetentionService({ db, audit, eraser, recordings, logger, now: date });
  registerRetentionJob(jobs, { db, retention, logger, now: date });
  scheduleRetention(db, date(), date()).catch((error: Error) => logger.error('the retention pass could not be scheduled', { error: error.message }));
  const autoEnd = new AutoEnder(lifecycle, sessions, logger, { now });
  autoEnd.wake();
  closers.push(() => autoEnd.close());
  jobs.start().catch((error: Error) => logger.error('the job queue failed to start', { error: error.message }));
  // Closed first: no new job starts, running handlers finish (within JOB_SHUTDOWN_GRACE_MS) while everything they use is open.
  closers.push(async () => {
    await jobs.close();
    jobMetrics.close();
    webhookSender.close();
  });
  // Only the server writes run records into the shared document.
  const published = (what: string) => (error: unknown) =>
    logger.error(`${what} failed`, { error: (error as Error).message ?? String(error) });
  runs.onFinished((run, session) => collab.runRecords.publish(run, session).catch(published(`publishing the record of run ${run.id}`)));
  // The count of passed hidden tests joins the record only at the run's fixed reveal time.
  runs.onHiddenRevealed((run, session) => collab.runRecords.reveal(run, session).catch(published(`revealing the hidden tests of run ${run.id}`)));

  let closing: Promise<void> | undefined;
  return {
    config,
    db,
    logger,
    metrics,
    apiKeys,
    tokens,
    sessions,
    lifecycle,
    feedback,
    collab,
    runs,
    scores,
    reports,
    reportLinks,
    jobs,
    webhooks,
    bank,
    audit,
    integrity,
    chat,
    recordings,
    playbackLinks,
    transcriber,
    assistant,
    data: { exporter, eraser, subjects, retention },
    encryption: { cipher, reEncryption },
    scaleOut: { cluster, drain: new DrainState() },
    close: () =>
      (closing ??= (async () => {
        for (const close of closers.reverse()) await close();
      })()),
  };
}

/**
 * Creates the configured executor in the background and says at start-up whether code can run;
 * an executor that fails to start stands in as unavailable, so code never runs unsandboxed.
 */
function startExecutor(settings: RunSettings, logger: Logger, given: Executor | undefined): Promise<Executor> {
  const created = given ? Promise.resolve(given) : createExecutor(settings.executor);
  return created.then(
    (executor) => {
      if (executor.available) logger.info('code execution ready', { executor: settings.executor.kind, concurrency: settings.concurrency });
      else logger.warn('code execution is unavailable', { reason: executor.unavailableReason });
      return executor;
    },
    (error: unknown) => {
      const reason = `the ${settings.executor.kind} executor failed to start: ${(error as Error).message ?? error}`;
      logger.error('code execution is unavailable', { reason });
      return { available: false, unavailableReason: reason, languages: async () => [], run: async () => Promise.reject(new ExecutorUnavailableError(reason)) };
    },
  );
}
