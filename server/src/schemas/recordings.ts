import { z } from 'zod';
import { RecordingMode, SessionIdParams } from './common.js';

export const RecordingConsentRequest = z
  .strictObject({ textVersion: z.int().min(1).max(1000).describe('The version of the recording notice the participant was shown') })
  .meta({ id: 'RecordingConsentRequest' });

export const RecordingConsent = z
  .object({ participantId: z.string(), textVersion: z.int(), consentedAt: z.iso.datetime().describe("The server's time") })
  .meta({ id: 'RecordingConsent' });

export const RecordingConsentState = z
  .object({
    recording: RecordingMode,
    participants: z.array(z.object({ participantId: z.string(), name: z.string(), role: z.string(), consent: RecordingConsent.nullable() })),
    everyone: z.boolean().describe('Every participant has consented: recording may begin'),
  })
  .meta({ id: 'RecordingConsentState' });

/** Media types MediaRecorder produces (WebM, Ogg, MP4), with optional codecs. */
const MEDIA_TYPE = /^(audio|video)\/(webm|ogg|mp4)(;\s*codecs="?[A-Za-z0-9.,\s-]{1,80}"?)?$/;

export const BeginRecordingRequest = z
  .strictObject({ mimeType: z.string().max(120).regex(MEDIA_TYPE, 'an audio/ or video/ webm, ogg or mp4 type, as MediaRecorder reports it') })
  .meta({ id: 'BeginRecordingRequest' });

export const Recording = z
  .object({
    id: z.string(),
    participantId: z.string(),
    kind: z.enum(['audio', 'audio+video']),
    mimeType: z.string(),
    startedAt: z.iso.datetime().describe("The server's time when it began: media time 0 on the session's timeline"),
    updatedAt: z.iso.datetime(),
    bytes: z.int(),
    nextSeq: z.int().describe('The number the next chunk must carry'),
    url: z.string().optional().describe('A time-limited link to the media (interviewers and the host); supports Range requests'),
    urlExpiresAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'Recording' });

export const Recordings = z.object({ recordings: z.array(Recording) }).meta({ id: 'Recordings' });

export const RecordingParams = SessionIdParams.extend({ recordingId: z.uuid() });
export const ChunkParams = RecordingParams.extend({ seq: z.coerce.number().int().min(0).max(1_000_000) });
export const PlaybackParams = z.strictObject({ token: z.string().min(10).max(600) });

export const Transcript = z
  .object({
    segments: z.array(
      z.object({
        recordingId: z.string(),
        participantId: z.string().describe('The speaker: each participant is recorded apart'),
        startMs: z.int(),
        endMs: z.int(),
        at: z.iso.datetime().describe("The segment's start on the session's timeline"),
        text: z.string(),
      }),
    ),
    transcripts: z.array(z.object({ recordingId: z.string(), status: z.enum(['done', 'skipped']), detail: z.string().nullable(), model: z.string() })),
  })
  .meta({ id: 'Transcript', description: 'Every recording’s segments in time order, and whether each recording was transcribed or skipped (and why)' });

export const AssistantDraft = z
  .object({
    status: z.enum(['off', 'pending', 'ready']).describe('off: no assistant is configured; pending: none stored yet'),
    draft: z
      .object({
        label: z.string().describe('Always shown with the draft: it was written by a model and decides nothing'),
        summary: z.string(),
        competencies: z.array(
          z.object({
            competency: z.string(),
            suggestedRating: z.int().min(1).max(4),
            rationale: z.string(),
            evidence: z.array(z.object({ at: z.string().describe('A time on the session’s timeline (a replay link)'), what: z.string() })),
          }),
        ),
        promptVersion: z.string(),
        model: z.string(),
        usage: z.object({ promptTokens: z.int().nullable(), completionTokens: z.int().nullable(), totalTokens: z.int().nullable() }),
        latencyMs: z.int(),
        createdAt: z.iso.datetime(),
      })
      .optional(),
  })
  .meta({ id: 'AssistantDraft' });
