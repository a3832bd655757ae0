import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { TranscriptSegment, TranscriptStatus } from '@interview-kit/core/protocol';
import type { Db } from '../adapters/db/database.js';
import type { FieldCipher } from '../adapters/crypto/field-cipher.js';
import type { TranscriptionSettings } from '../config/models.js';
import { PermanentJobError } from '../jobs/index.js';
import type { Logger } from '../logger.js';
import { callModel } from './model-calls.js';
import { mediaExtension, wholeMedia, type Recordings } from './recordings.js';
import './tables.js';

export type { TranscriptSegment, TranscriptStatus } from '@interview-kit/core/protocol';

/** The part of an OpenAI-compatible `verbose_json` transcription the server reads. */
const TranscriptionAnswer = z.object({
  text: z.string(),
  duration: z.number().optional(),
  segments: z.array(z.object({ start: z.number().min(0), end: z.number().min(0), text: z.string() })).optional(),
});

export interface TranscriberDeps {
  db: Db;
  recordings: Pick<Recordings, 'forPlayback'>;
  cipher: FieldCipher;
  settings: TranscriptionSettings | undefined;
  logger: Logger;
  now: () => Date;
}

/**
 * Transcripts of recordings, through an OpenAI-compatible `/v1/audio/transcriptions` endpoint
 * (`TRANSCRIBE_URL`, hosted or self-hosted). Speakers are known by construction: each
 * participant's tracks are recorded apart, so every segment of a recording is its participant's.
 * A recording is transcribed once (a retried job skips those done); one too large for the
 * endpoint, or empty, is marked skipped with the reason, never silently dropped. Segment text is
 * sealed at rest when encryption is on.
 */
export class Transcriber {
  constructor(private readonly deps: TranscriberDeps) {}

  get enabled(): boolean {
    return this.deps.settings !== undefined;
  }

  /** Transcribes every recording of the session not transcribed yet. */
  async transcribeSession(sessionId: string, signal: AbortSignal): Promise<void> {
    const settings = this.deps.settings;
    if (!settings) return;
    const pending = await this.deps.db
      .selectFrom('recordings')
      .leftJoin('transcripts', 'transcripts.recording_id', 'recordings.id')
      .select(['recordings.id', 'recordings.participant_id', 'recordings.mime_type', 'recordings.started_at', 'recordings.bytes'])
      .where('recordings.session_id', '=', sessionId)
      .where('transcripts.recording_id', 'is', null)
      .orderBy('recordings.started_at')
      .execute();
    for (const recording of pending) {
      const bytes = Number(recording.bytes);
      if (bytes === 0) await this.#store(sessionId, recording.id, settings.model, { skipped: 'the recording is empty' });
      else if (bytes > settings.maxBytes) {
        await this.#store(sessionId, recording.id, settings.model, { skipped: `the recording has ${bytes} bytes; the transcription endpoint takes at most ${settings.maxBytes} (TRANSCRIBE_MAX_BYTES)` });
      } else {
        const segments = await this.#transcribe(settings, recording, signal);
        await this.#store(sessionId, recording.id, settings.model, { segments });
        this.deps.logger.info('recording transcribed', { sessionId, recordingId: recording.id, segments: segments.length });
      }
    }
  }

  /** The session's transcript, every recording's segments in time order, and each recording's status. */
  async transcript(sessionId: string): Promise<{ segments: TranscriptSegment[]; transcripts: TranscriptStatus[] }> {
    const [rows, statuses] = await Promise.all([
      this.deps.db
        .selectFrom('transcript_segments')
        .innerJoin('recordings', 'recordings.id', 'transcript_segments.recording_id')
        .select(['transcript_segments.id', 'transcript_segments.recording_id', 'transcript_segments.participant_id', 'start_ms', 'end_ms', 'text', 'recordings.started_at'])
        .where('transcript_segments.session_id', '=', sessionId)
        .execute(),
      this.deps.db.selectFrom('transcripts').select(['recording_id', 'status', 'detail', 'model']).where('session_id', '=', sessionId).orderBy('created_at').execute(),
    ]);
    const segments = rows.map((row) => ({
      recordingId: row.recording_id,
      participantId: row.participant_id,
      startMs: Number(row.start_ms),
      endMs: Number(row.end_ms),
      at: new Date(Date.parse(row.started_at) + Number(row.start_ms)).toISOString(),
      text: this.deps.cipher.openText(row.text, segmentContext(sessionId, row.id)),
    }));
    segments.sort((a, b) => a.at.localeCompare(b.at) || a.participantId.localeCompare(b.participantId));
    return { segments, transcripts: statuses.map((s) => ({ recordingId: s.recording_id, status: s.status, detail: s.detail, model: s.model })) };
  }

  async #transcribe(
    settings: TranscriptionSettings,
    recording: { id: string; mime_type: string },
    signal: AbortSignal,
  ): Promise<{ startMs: number; endMs: number; text: string }[]> {
    const source = await this.deps.recordings.forPlayback(recording.id);
    if (!source) throw new PermanentJobError(`recording ${recording.id} is gone`);
    const form = new FormData();
    form.set('file', new Blob([await wholeMedia(source)], { type: recording.mime_type.split(';')[0]! }), `recording.${mediaExtension(recording.mime_type)}`);
    form.set('model', settings.model);
    form.set('response_format', 'verbose_json');
    form.append('timestamp_granularities[]', 'segment');
    const { body } = await callModel(settings, '/v1/audio/transcriptions', form, signal);
    const answer = TranscriptionAnswer.safeParse(body);
    if (!answer.success) throw new Error(`the transcription endpoint answered an unexpected shape: ${answer.error.issues[0]?.message ?? 'invalid'}`);
    const { text, segments, duration } = answer.data;
    const found = segments ?? (text.trim() ? [{ start: 0, end: duration ?? 0, text }] : []);
    return found
      .filter((s) => s.text.trim() !== '')
      .map((s) => ({ startMs: Math.round(s.start * 1000), endMs: Math.round(Math.max(s.end, s.start) * 1000), text: s.text.trim() }));
  }

  /** Replaces the recording's transcript in one transaction: its segments and its status. */
  async #store(sessionId: string, recordingId: string, model: string, outcome: { segments: { startMs: number; endMs: number; text: string }[] } | { skipped: string }): Promise<void> {
    const participant = await this.deps.db.selectFrom('recordings').select('participant_id').where('id', '=', recordingId).executeTakeFirst();
    if (!participant) return; // erased meanwhile
    await this.deps.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('transcript_segments').where('recording_id', '=', recordingId).execute();
      await trx.deleteFrom('transcripts').where('recording_id', '=', recordingId).execute();
      if ('segments' in outcome && outcome.segments.length > 0) {
        await trx
          .insertInto('transcript_segments')
          .values(
            outcome.segments.map((s) => {
              const id = randomUUID();
              return { id, session_id: sessionId, recording_id: recordingId, participant_id: participant.participant_id, start_ms: s.startMs, end_ms: s.endMs, text: this.deps.cipher.sealText(s.text, segmentContext(sessionId, id)) };
            }),
          )
          .execute();
      }
      await trx
        .insertInto('transcripts')
        .values({ recording_id: recordingId, session_id: sessionId, status: 'skipped' in outcome ? 'skipped' : 'done', detail: 'skipped' in outcome ? outcome.skipped : null, model, created_at: this.deps.now().toISOString() })
        .execute();
    });
  }
}

const segmentContext = (sessionId: string, id: string) => ({ table: 'transcript_segments', column: 'text', sessionId, row: id });
