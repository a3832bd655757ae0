import { signalsOf } from '../integrity/signals.js';
import { chatOf } from '../chat/session-chat.js';
import { consentsOf, mediaExtension, wholeMedia, type Recordings } from '../recordings/recordings.js';
import type { Assistant } from '../recordings/assistant.js';
import type { Transcriber } from '../recordings/transcription.js';
import type { Db } from '../adapters/db/database.js';
import type { AuditLog } from '../audit/audit-log.js';
import { documentName } from '../collab/documents.js';
import type { StoredUpdate } from '../collab/store.js';
import { finalCodeOf } from '../scoring/final-code.js';
import { notesOf, openFeedbackContent } from '../services/feedback.js';
import { openRunFiles, openRunResult, runContext } from '../services/runs/store.js';
import { NO_ENCRYPTION, type FieldCipher } from '../adapters/crypto/field-cipher.js';
import type { SessionRecord } from '../services/session-record.js';
import { tarGz, type ArchiveFile } from './archive.js';

export interface SessionExportDeps {
  db: Db;
  audit: AuditLog;
  /** A document's stored state: snapshot and updates (`CollabStore.load`). */
  loadDocument(name: string): Promise<Uint8Array[]>;
  /** A document's every update, oldest first (`CollabStore.timeline`). */
  timeline(name: string): Promise<StoredUpdate[]>;
  /** Opens feedback sealed at rest (`DATA_ENCRYPTION_KEY`): the archive holds it in clear. */
  cipher?: FieldCipher;
  /** Reads a recording's media (its chunks joined), for the archive. */
  recordings?: Pick<Recordings, 'forPlayback'>;
  /** The transcript and the assistant's draft, opened. */
  transcriber?: Pick<Transcriber, 'transcript'>;
  assistant?: Pick<Assistant, 'stored'>;
  now?: () => Date;
}

/** The version of the archive layout (docs/data-lifecycle.md describes it). */
export const EXPORT_FORMAT_VERSION = 1;

const EXTENSIONS: Record<string, string> = { python: 'py', javascript: 'js', typescript: 'ts', java: 'java', cpp: 'cpp', c: 'c', go: 'go' };
const extensionOf = (language: string) => EXTENSIONS[language] ?? 'txt';
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Everything held about a session, as the files of an archive under `<session id>/`:
 * `manifest.json`, `session.json` (with participants, question and hidden tests), `code/final.<ext>`
 * (and for a project `code/final/<path>`, every file), `code/runs/<n>-<run id>.<ext>` (the program,
 * or a project's entry, of each run; a project's every file in `code/runs/<n>-<run id>/<path>`),
 * `runs.json` (stdin, results, output),
 * `recordings.json` and `recordings/<id>.<ext>` (the consents, each recording's details and media),
 * `transcript.json` (segments with speakers and times), `assistant.json` (the assistant's draft, or null),
 * `timeline.json` (every stored update of the shared code, base64, with author and time),
 * `notes.md` and `notes-timeline.json` (the interviewers' private document), `feedback.json`
 * (drafts and submissions), `scores.json`, `reports.json`, `integrity.json` (the candidate's consent and the integrity signals), `chat.json` (every chat
 * message with its author, role and time), `events.json`,
 * `webhook-deliveries.json` (with the bodies sent) and `audit.json` (the entries about it).
 */
export class SessionExporter {
  readonly #now: () => Date;

  constructor(private readonly deps: SessionExportDeps) {
    this.#now = deps.now ?? (() => new Date());
  }

  /** The session's export as one `.tar.gz`. */
  async archive(session: SessionRecord): Promise<Buffer> {
    const at = this.#now();
    return tarGz(await this.files(session, at), at);
  }

  /** The files of the session's export (see the class), under `<prefix><session id>/`. */
  async files(session: SessionRecord, at: Date, prefix = ''): Promise<ArchiveFile[]> {
    const { db } = this.deps;
    const id = session.id;
    const cipher = this.deps.cipher ?? NO_ENCRYPTION;
    const [shared, sharedTimeline, notes, notesTimeline, runs, feedback, scores, reports, events, deliveries, audit, integrity, chat] = await Promise.all([
      this.deps.loadDocument(documentName(id, 'shared')),
      this.deps.timeline(documentName(id, 'shared')),
      this.deps.loadDocument(documentName(id, 'private')),
      this.deps.timeline(documentName(id, 'private')),
      db.selectFrom('runs').select(['id', 'participant_id', 'language', 'code', 'files', 'stdin', 'result', 'created_at']).where('session_id', '=', id).orderBy('created_at').orderBy('id').execute(),
      db.selectFrom('session_feedback').selectAll().where('session_id', '=', id).orderBy('participant_id').execute(),
      db.selectFrom('scores').selectAll().where('session_id', '=', id).orderBy('created_at').execute(),
      db.selectFrom('reports').selectAll().where('session_id', '=', id).orderBy('created_at').execute(),
      db.selectFrom('session_events').select(['id', 'type', 'data', 'created_at']).where('session_id', '=', id).orderBy('seq').execute(),
      db.selectFrom('webhook_deliveries').selectAll().where('session_id', '=', id).orderBy('created_at').execute(),
      this.deps.audit.forSession(session.tenantId, id),
      signalsOf(db, id),
      chatOf(db, cipher, session),
    ]);
    const final = finalCodeOf(shared, session.question);
    const open = (run: (typeof runs)[number], column: 'code' | 'stdin') => cipher.openText(run[column], runContext(column, id, run.id));
    const runCode = runs.map((run, i) => {
      const name = `code/runs/${String(i + 1).padStart(3, '0')}-${run.id}`;
      const project = openRunFiles(cipher, { ...run, session_id: id });
      return {
        file: { name: `${name}.${extensionOf(run.language)}`, content: open(run, 'code') },
        project: project?.map((file) => ({ name: `${name}/${file.path}`, content: file.content })) ?? [],
      };
    });
    const timelineOf = (updates: StoredUpdate[]) =>
      updates.map((u) => ({ seq: u.seq, author: u.author, at: u.createdAt, update: Buffer.from(u.update).toString('base64') }));
    const files: ArchiveFile[] = [
      { name: 'session.json', content: json(session) },
      { name: `code/final.${extensionOf(final.language)}`, content: final.code },
      ...(final.files ?? []).map((file) => ({ name: `code/final/${file.path}`, content: file.content })),
      ...runCode.flatMap((run) => [run.file, ...run.project]),
      {
        name: 'runs.json',
        content: json(
          runs.map((run, i) => ({
            id: run.id,
            participantId: run.participant_id,
            language: run.language,
            at: run.created_at,
            codeFile: runCode[i]!.file.name,
            ...(runCode[i]!.project.length ? { projectFiles: runCode[i]!.project.map((file) => file.name) } : {}),
            stdin: open(run, 'stdin'),
            result: openRunResult(cipher, { ...run, session_id: id }),
          })),
        ),
      },
      { name: 'timeline.json', content: json(timelineOf(sharedTimeline)) },
      { name: 'notes.md', content: notesOf(notes) ?? '' },
      { name: 'notes-timeline.json', content: json(timelineOf(notesTimeline)) },
      {
        name: 'feedback.json',
        content: json(
          feedback.map((f) => ({
            participantId: f.participant_id,
            status: f.status,
            rubricVersion: Number(f.rubric_version),
            content: JSON.parse(openFeedbackContent(cipher, f)) as unknown,
            createdAt: f.created_at,
            updatedAt: f.updated_at,
            submittedAt: f.submitted_at,
          })),
        ),
      },
      { name: 'scores.json', content: json(scores.map((s) => ({ ...s, result: s.result === null ? null : (JSON.parse(s.result) as unknown) }))) },
      { name: 'reports.json', content: json(reports) },
      { name: 'integrity.json', content: json(integrity) },
      { name: 'chat.json', content: json(chat) },
      { name: 'events.json', content: json(events.map((e) => ({ id: e.id, type: e.type, at: e.created_at, data: JSON.parse(e.data) as unknown }))) },
      { name: 'webhook-deliveries.json', content: json(deliveries) },
      { name: 'audit.json', content: json(audit) },
      ...(await this.#recordingFiles(id)),
    ];
    const manifest = {
      format: 'interview-kit-session-export',
      version: EXPORT_FORMAT_VERSION,
      sessionId: id,
      exportedAt: at.toISOString(),
      files: ['manifest.json', ...files.map((f) => f.name)],
    };
    return [{ name: 'manifest.json', content: json(manifest) }, ...files].map((f) => ({ ...f, name: `${prefix}${id}/${f.name}` }));
  }

  /**
   * `recordings.json` (the consents and each recording's details) and each recording's media as
   * `recordings/<id>.<ext>` — unless together they exceed {@link EXPORT_MEDIA_MAX_BYTES}, which an
   * archive built in memory does not hold: then `recordings.json` says so, and each recording is
   * fetched through its playback link instead.
   */
  async #recordingFiles(sessionId: string): Promise<ArchiveFile[]> {
    const [consents, rows] = await Promise.all([
      consentsOf(this.deps.db, sessionId),
      this.deps.db.selectFrom('recordings').selectAll().where('session_id', '=', sessionId).orderBy('started_at').orderBy('id').execute(),
    ]);
    const total = rows.reduce((sum, row) => sum + Number(row.bytes), 0);
    const withMedia = this.deps.recordings !== undefined && total <= EXPORT_MEDIA_MAX_BYTES;
    const mediaName = (row: (typeof rows)[number]) => `recordings/${row.id}.${mediaExtension(row.mime_type)}`;
    const media: ArchiveFile[] = [];
    if (withMedia) {
      for (const row of rows) {
        const source = await this.deps.recordings!.forPlayback(row.id);
        if (!source) continue;
        media.push({ name: mediaName(row), content: await wholeMedia(source) });
      }
    }
    const details = {
      consents,
      recordings: rows.map((row) => ({
        id: row.id,
        participantId: row.participant_id,
        kind: row.kind,
        mimeType: row.mime_type,
        startedAt: row.started_at,
        bytes: Number(row.bytes),
        chunks: Number(row.chunks),
        file: withMedia ? mediaName(row) : null,
      })),
      ...(withMedia || rows.length === 0
        ? {}
        : { media: `not included: ${total} bytes of media exceed the archive's ${EXPORT_MEDIA_MAX_BYTES}; fetch each recording through GET /v1/sessions/${sessionId}/recordings` }),
    };
    const transcript = this.deps.transcriber ? await this.deps.transcriber.transcript(sessionId) : { segments: [], transcripts: [] };
    const draft = this.deps.assistant ? ((await this.deps.assistant.stored(sessionId)) ?? null) : null;
    return [{ name: 'recordings.json', content: json(details) }, ...media, { name: 'transcript.json', content: json(transcript) }, { name: 'assistant.json', content: json(draft) }];
  }
}

/** The most recording media one export archive carries (it is built in memory). */
export const EXPORT_MEDIA_MAX_BYTES = 256 * 1024 * 1024;
