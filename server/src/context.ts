import type { Cluster } from './scale-out/cluster.js';
import type { DrainState } from './scale-out/drain.js';
import type { RequestHandler } from 'express';
import type { Db } from './adapters/db/database.js';
import type { Security } from './api.js';
import type { CollabServices } from './collab/services.js';
import type { Config } from './config/index.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { ApiKeyService } from './services/api-keys.js';
import type { JobQueue } from './jobs/index.js';
import type { FeedbackService } from './services/feedback.js';
import type { RunService } from './services/runs/index.js';
import type { SessionLifecycle } from './services/lifecycle.js';
import type { SessionService } from './services/sessions.js';
import type { ScoreService } from './scoring/score-service.js';
import type { ReportLinks } from './reports/links.js';
import type { PlaybackLinks } from './recordings/playback-links.js';
import type { Recordings } from './recordings/recordings.js';
import type { Assistant } from './recordings/assistant.js';
import type { Transcriber } from './recordings/transcription.js';
import type { ReportService } from './reports/report-service.js';
import type { QuestionBank } from './questions/index.js';
import type { TokenSigner } from './services/tokens.js';
import type { WebhookService } from './webhooks/endpoints.js';
import type { AuditLog } from './audit/audit-log.js';
import type { DataSubjects } from './data-lifecycle/data-subjects.js';
import type { SessionEraser } from './data-lifecycle/erasure.js';
import type { SessionExporter } from './data-lifecycle/export.js';
import type { RetentionService } from './data-lifecycle/retention.js';
import type { FieldCipher } from './adapters/crypto/field-cipher.js';
import type { ReEncryption } from './data-lifecycle/re-encryption.js';
import type { IntegritySignals } from './integrity/signals.js';
import type { SessionChat } from './chat/session-chat.js';

/** Every service and adapter of the server, as the composition root (`composition.ts`) builds them. */
export interface Services {
  config: Config;
  db: Db;
  logger: Logger;
  metrics: Metrics;
  apiKeys: ApiKeyService;
  tokens: TokenSigner;
  sessions: SessionService;
  lifecycle: SessionLifecycle;
  feedback: FeedbackService;
  collab: CollabServices;
  runs: RunService;
  /** Automatic scoring of the final code. */
  scores: ScoreService;
  /** Interview reports: JSON, HTML and PDF. */
  reports: ReportService;
  /** Signed, expiring links that open a report without an API key. */
  reportLinks: ReportLinks;
  /** The durable job queue: register handlers per kind; jobs are enqueued in the transaction that causes them. */
  jobs: JobQueue;
  /** The tenant's webhook endpoints and their deliveries. */
  webhooks: WebhookService;
  /** Questions, interview kits, sessions made from them, export and import, statistics. */
  bank: QuestionBank;
  /** The hash-chained audit log of every access to candidate data and every change. */
  audit: AuditLog;
  /** Integrity signals, disclosed: the candidate's consent, their signals, who reads them. */
  integrity: IntegritySignals;
  /** The session's text chat: stamped and stored by the server, shared through the document's `chat` array. */
  chat: SessionChat;
  /** Recordings of the call, consented: chunked uploads into the object store, playback. */
  recordings: Recordings;
  /** Time-limited links that play a recording without any other credential. */
  playbackLinks: PlaybackLinks;
  /** Transcripts of recordings (`TRANSCRIBE_*`), speakers known by construction. */
  transcriber: Transcriber;
  /** The interviewers' assistant (`ASSISTANT_*`): a labelled draft, never a decision. */
  assistant: Assistant;
  /** Candidate data on request and by policy: export, erasure, data-subject requests, retention. */
  data: { exporter: SessionExporter; eraser: SessionEraser; subjects: DataSubjects; retention: RetentionService };
  /** Encryption at rest of feedback, notes and code (`DATA_ENCRYPTION_KEY`), and re-encryption under the current key. */
  encryption: { cipher: FieldCipher; reEncryption: ReEncryption };
  /** The other instances (Redis, or none) and whether this one is draining (SIGTERM). */
  scaleOut: { cluster: Cluster; drain: DrainState };
  /** Shuts everything down in reverse order of construction, the database last. */
  close(): Promise<void>;
}

/** What route modules get from the app: the services, and guards for their routes. */
export interface AppContext extends Services {
  /** Authenticates with any of `accept` and applies the per-caller rate limit. */
  guard(...accept: Security[]): RequestHandler[];
}
