import { createHash, randomUUID } from 'node:crypto';
import type { RecordingConsent, RecordingConsentState, RecordingState } from '@interview-kit/core/protocol';
import type { Db } from '../adapters/db/database.js';
import type { FieldCipher } from '../adapters/crypto/field-cipher.js';
import type { ObjectStore } from '../adapters/storage/object-store.js';
import type { RecordingSettings } from '../config/recordings.js';
import { conflict, forbidden, HttpProblem, notFound, PROBLEM_TYPES } from '../problem.js';
import type { Caller } from '../services/caller.js';
import type { SessionRecord } from '../services/session-record.js';
import type { PlaybackLinks } from './playback-links.js';
import './tables.js';

export type { RecordingConsent, RecordingConsentState } from '@interview-kit/core/protocol';

/** One participant's recording: where it stands, and (for interviewers and the host) a playback link. */
export type RecordingView = RecordingState;

export interface RecordingsDeps {
  db: Db;
  store: ObjectStore;
  cipher: FieldCipher;
  settings: RecordingSettings;
  links: PlaybackLinks;
  now: () => Date;
}

/**
 * Recordings of the call, consented. A session records nothing unless its host set `recording`
 * (`audio` or `audio+video`) and every participant who is recorded (candidates and interviewers;
 * observers publish no media) has consented; until then the server refuses
 * every upload (409). Each participant's browser records its own outgoing tracks and uploads them
 * in numbered chunks: a chunk is stored (in the object store, sealed when encryption at rest is
 * on) before it is acknowledged, a repeated chunk is acknowledged again without a second copy,
 * and a gap is refused with the number to resume from — so a dropped connection or a crash loses
 * seconds, not the interview. Interviewers and the host list recordings with time-limited
 * playback links; candidates and observers never see recordings.
 */
export class Recordings {
  constructor(private readonly deps: RecordingsDeps) {}

  get settings(): RecordingSettings {
    return this.deps.settings;
  }

  async consentState(session: SessionRecord): Promise<RecordingConsentState> {
    const consents = new Map((await consentsOf(this.deps.db, session.id)).map((c) => [c.participantId, c]));
    const participants = session.participants.filter((p) => p.role !== 'observer').map((p) => ({ participantId: p.id, name: p.name, role: p.role, consent: consents.get(p.id) ?? null }));
    return { recording: session.recording, participants, everyone: participants.every((p) => p.consent !== null) };
  }

  /**
   * Stores the calling participant's consent to the recording text of `textVersion`; consenting
   * again keeps the first.
   * @throws {HttpProblem} 403 for the host; 409 when the session records nothing or is over.
   */
  async consent(session: SessionRecord, caller: Caller, textVersion: number): Promise<{ consent: RecordingConsent; created: boolean }> {
    const participantId = participantOf(caller);
    if (session.recording === 'off') throw conflict('this session records nothing; there is nothing to consent to');
    if (session.status === 'ended' || session.status === 'cancelled') throw conflict(`the session is ${session.status}`);
    const consentedAt = this.deps.now().toISOString();
    const inserted = await this.deps.db
      .insertInto('recording_consents')
      .values({ session_id: session.id, participant_id: participantId, text_version: textVersion, consented_at: consentedAt })
      .onConflict((oc) => oc.columns(['session_id', 'participant_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return { consent: { participantId, textVersion, consentedAt }, created: true };
    return { consent: (await consentsOf(this.deps.db, session.id)).find((c) => c.participantId === participantId)!, created: false };
  }

  /**
   * Begins a recording of the caller's own tracks.
   * @throws {HttpProblem} 409 unless the session records, is live and everyone has consented.
   */
  async begin(session: SessionRecord, caller: Caller, mimeType: string): Promise<RecordingView> {
    const participantId = participantOf(caller);
    if (session.recording === 'off') throw conflict('this session records nothing');
    if (session.status !== 'live') throw conflict(`recordings begin while the session is live; it is ${session.status}`);
    await this.#assertEveryoneConsented(session);
    const video = /^video\//.test(mimeType);
    if (session.recording === 'audio' && video) throw conflict('this session records audio only; record an audio/* type');
    const kind = video ? 'audio+video' : 'audio';
    const at = this.deps.now().toISOString();
    const id = randomUUID();
    await this.deps.db
      .insertInto('recordings')
      .values({ id, session_id: session.id, participant_id: participantId, kind, mime_type: mimeType, started_at: at, updated_at: at, bytes: 0, chunks: 0 })
      .execute();
    return { id, participantId, kind, mimeType, startedAt: at, updatedAt: at, bytes: 0, nextSeq: 0 };
  }

  /** Where the caller's recording stands (to resume an upload). */
  async state(session: SessionRecord, caller: Caller, recordingId: string): Promise<RecordingView> {
    return viewOf(await this.#own(session, caller, recordingId));
  }

  /**
   * Stores chunk `seq` of the caller's recording, then acknowledges it with the next number.
   * A chunk already stored with the same size is acknowledged again; one of another size, or
   * one past a gap, is refused (409) with `nextSeq`.
   * @throws {HttpProblem} 409 (no consent, session over, gap, conflicting repeat), 413 (too big, recording full)
   */
  async append(session: SessionRecord, caller: Caller, recordingId: string, seq: number, chunk: Buffer): Promise<{ stored: boolean; recording: RecordingView }> {
    const recording = await this.#own(session, caller, recordingId);
    const stored = await this.deps.db
      .selectFrom('recording_chunks')
      .select('bytes')
      .where('recording_id', '=', recordingId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    if (stored) {
      if (Number(stored.bytes) !== chunk.length) throw gap(`chunk ${seq} was stored with ${stored.bytes} bytes, not ${chunk.length}`, recording);
      return { stored: false, recording: viewOf(recording) };
    }
    if (seq !== recording.chunks) throw gap(`expected chunk ${recording.chunks}, got ${seq}`, recording);
    if (session.status === 'ended' && Date.parse(session.endedAt ?? '') + this.deps.settings.lateChunkGraceMs < this.deps.now().getTime()) throw conflict('the session has ended');
    if (session.status !== 'live' && session.status !== 'ended') throw conflict(`the session is ${session.status}`);
    await this.#assertEveryoneConsented(session);
    if (Number(recording.bytes) + chunk.length > this.deps.settings.maxBytes) {
      throw new HttpProblem(413, `the recording holds its most bytes (${this.deps.settings.maxBytes})`, { type: PROBLEM_TYPES.conflict });
    }

    // The bytes first: a chunk is acknowledged only once both it and its row are stored.
    const key = chunkKey(session, recording.participant_id, recordingId, seq);
    await this.deps.store.put(key, this.deps.cipher.sealBytes(chunk, chunkContext(session.id, recordingId, seq)));
    const at = this.deps.now().toISOString();
    const landed = await this.deps.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('recording_chunks')
        .values({ recording_id: recordingId, session_id: session.id, seq, bytes: chunk.length, received_at: at })
        .onConflict((oc) => oc.columns(['recording_id', 'seq']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      await trx
        .updateTable('recordings')
        .set((eb) => ({ bytes: eb('bytes', '+', chunk.length), chunks: eb('chunks', '+', 1), updated_at: at }))
        .where('id', '=', recordingId)
        .execute();
      return true;
    });
    return { stored: landed, recording: viewOf(await this.#row(session.id, recordingId)) };
  }

  /**
   * The session's recordings with playback links, oldest first.
   * @throws {HttpProblem} 403 for candidates and observers.
   */
  async list(session: SessionRecord, caller: Caller): Promise<RecordingView[]> {
    if (caller.kind === 'participant' && caller.claims.role !== 'interviewer') throw forbidden('only interviewers and the host see recordings');
    const rows = await this.deps.db.selectFrom('recordings').selectAll().where('session_id', '=', session.id).orderBy('started_at').orderBy('id').execute();
    return rows.map((row) => {
      const link = this.deps.links.sign(row.id);
      return { ...viewOf(row), url: link.url, urlExpiresAt: link.expiresAt };
    });
  }

  /** The recording a playback link names, and its chunks' sizes in order; undefined when gone. */
  async forPlayback(recordingId: string): Promise<PlaybackSource | undefined> {
    const row = await this.deps.db
      .selectFrom('recordings')
      .innerJoin('sessions', 'sessions.id', 'recordings.session_id')
      .select(['recordings.id', 'recordings.session_id', 'recordings.participant_id', 'recordings.mime_type', 'sessions.tenant_id'])
      .where('recordings.id', '=', recordingId)
      .executeTakeFirst();
    if (!row) return undefined;
    const chunks = await this.deps.db.selectFrom('recording_chunks').select(['seq', 'bytes']).where('recording_id', '=', recordingId).orderBy('seq').execute();
    const session = { id: row.session_id, tenantId: row.tenant_id };
    return {
      mimeType: row.mime_type,
      sizes: chunks.map((c) => Number(c.bytes)),
      read: async (seq: number) =>
        Buffer.from(this.deps.cipher.openBytes(await this.deps.store.get(chunkKey(session, row.participant_id, recordingId, seq)), chunkContext(row.session_id, recordingId, seq))),
    };
  }

  /** Removes every stored chunk of the session (erasure, retention); resolves how many went. */
  eraseObjects(session: { id: string; tenantId: string }): Promise<number> {
    return this.deps.store.deletePrefix(sessionPrefix(session));
  }

  async #assertEveryoneConsented(session: SessionRecord): Promise<void> {
    const state = await this.consentState(session);
    if (!state.everyone) {
      const missing = state.participants.filter((p) => !p.consent).map((p) => p.name);
      throw conflict(`nothing is recorded until everyone consents; waiting for ${missing.join(', ')}`);
    }
  }

  async #own(session: SessionRecord, caller: Caller, recordingId: string) {
    const row = await this.#row(session.id, recordingId);
    if (row.participant_id !== participantOf(caller)) throw notFound(`no recording ${recordingId} of yours in this session`);
    return row;
  }

  async #row(sessionId: string, recordingId: string) {
    const row = await this.deps.db.selectFrom('recordings').selectAll().where('id', '=', recordingId).where('session_id', '=', sessionId).executeTakeFirst();
    if (!row) throw notFound(`no recording ${recordingId} in this session`);
    return row;
  }
}

/** What playback needs: the media type, each chunk's size, and a reader of one chunk's bytes. */
export interface PlaybackSource {
  mimeType: string;
  sizes: number[];
  read(seq: number): Promise<Buffer>;
}

/** A recording's whole media: its chunks, read in order and joined (for the export and transcription). */
export async function wholeMedia(source: PlaybackSource): Promise<Buffer<ArrayBuffer>> {
  const parts: Buffer[] = [];
  for (let seq = 0; seq < source.sizes.length; seq++) parts.push(await source.read(seq));
  return Buffer.concat(parts);
}

/** The file extension of a recording's media type (as MediaRecorder gave it: WebM, Ogg or MP4). */
export const mediaExtension = (mimeType: string) => (/mp4/.test(mimeType) ? 'mp4' : /ogg/.test(mimeType) ? 'ogg' : 'webm');

/** The session's consents, oldest first (also for the export). */
export async function consentsOf(db: Db, sessionId: string): Promise<RecordingConsent[]> {
  const rows = await db.selectFrom('recording_consents').selectAll().where('session_id', '=', sessionId).orderBy('consented_at').execute();
  return rows.map((row) => ({ participantId: row.participant_id, textVersion: Number(row.text_version), consentedAt: row.consented_at }));
}

type RecordingRow = { id: string; participant_id: string; kind: 'audio' | 'audio+video'; mime_type: string; started_at: string; updated_at: string; bytes: number | string; chunks: number };

const viewOf = (row: RecordingRow): RecordingView => ({
  id: row.id,
  participantId: row.participant_id,
  kind: row.kind,
  mimeType: row.mime_type,
  startedAt: row.started_at,
  updatedAt: row.updated_at,
  bytes: Number(row.bytes),
  nextSeq: Number(row.chunks),
});

function gap(detail: string, recording: RecordingRow): HttpProblem {
  return new HttpProblem(409, detail, { type: PROBLEM_TYPES.conflict, extensions: { nextSeq: Number(recording.chunks) } });
}

/** The calling participant, who is recorded: candidates and interviewers (observers publish no media). */
function participantOf(caller: Caller): string {
  if (caller.kind !== 'participant') throw forbidden('recordings are made by participants; the host only reads them');
  if (caller.claims.role === 'observer') throw forbidden('observers publish no media: nothing of theirs is recorded');
  return caller.claims.sub;
}

/** A key part for an id: the id itself when it is plain, else a digest of it (ids are the host's strings). */
function keyPart(id: string): string {
  return /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/.test(id) ? id : `h-${createHash('sha256').update(id).digest('hex').slice(0, 32)}`;
}

/** `recordings/{tenant}/{session}/`: everything of one session, for erasure. */
export const sessionPrefix = (session: { id: string; tenantId: string }) => `recordings/${keyPart(session.tenantId)}/${keyPart(session.id)}/`;

/** `recordings/{tenant}/{session}/{participant}/`: everything recorded of one participant (chunks here, LiveKit egress files too). */
export const participantPrefix = (session: { id: string; tenantId: string }, participantId: string) => `${sessionPrefix(session)}${keyPart(participantId)}/`;

const chunkKey = (session: { id: string; tenantId: string }, participantId: string, recordingId: string, seq: number) =>
  `${participantPrefix(session, participantId)}${recordingId}/${String(seq).padStart(6, '0')}`;

const chunkContext = (sessionId: string, recordingId: string, seq: number) => ({ table: 'recording_chunks', column: 'object', sessionId, row: `${recordingId}/${seq}` });
