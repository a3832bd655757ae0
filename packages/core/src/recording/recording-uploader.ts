import type { InterviewClient } from '../client.js';
import { ProblemError } from '../errors.js';
import { TypedEventTarget } from '../typed-event-target.js';

/** Where a recording stands, as the room shows it. */
export type RecordingStatus =
  /** Not started. */
  | 'idle'
  /** Recording; chunks go up as they come. */
  | 'recording'
  /** Stopped, every chunk stored. */
  | 'stopped'
  /** The server refused it (no consent from everyone, the session is over, too large): `detail` says why. */
  | 'refused'
  /** Chunks could not be stored (the upload queue overflowed, or the server lost track): `detail` says why. */
  | 'failed';

/** The uploader's state: its status, what the server has acknowledged and what waits. */
export interface RecordingUploadState {
  status: RecordingStatus;
  recordingId: string | null;
  /** Chunks the server has stored. */
  stored: number;
  /** Chunks recorded but not yet stored (waiting or being retried). */
  waiting: number;
  /** The last upload failed and is being retried: the recording goes on, its chunks wait. */
  retrying: boolean;
  detail: string | null;
}

/** Fired whenever the state changes. */
export class RecordingStateEvent extends Event {
  constructor(readonly state: RecordingUploadState) {
    super('state');
  }
}

/** What the uploader needs of a `MediaRecorder` (one can be injected in tests). */
export interface ChunkRecorder extends Pick<EventTarget, 'addEventListener'> {
  readonly mimeType: string;
  start(timesliceMs: number): void;
  stop(): void;
}

export interface RecordingUploaderOptions {
  client: InterviewClient;
  sessionId: string;
  /** The participant's own outgoing tracks. */
  stream: MediaStream;
  /** The media type to record in; the first MediaRecorder supports of WebM/Opus (and VP8 with video) by default. */
  mimeType?: string;
  /** How often a chunk is cut (ms). Default 4000: a crash loses at most a few seconds. */
  timesliceMs?: number;
  /** Chunks that may wait for upload before the recording gives up (bounds memory). Default 90 (six minutes at 4 s). */
  maxWaiting?: number;
  /** Delays between attempts of one chunk while the server cannot be reached. */
  retryDelaysMs?: readonly number[];
  createRecorder?: (stream: MediaStream, mimeType: string | undefined) => ChunkRecorder;
}

const DEFAULT_RETRIES = [500, 1000, 2000, 4000, 8000, 15_000];

/** The first of `candidates` this browser's MediaRecorder can record, if any. */
export function supportedRecordingType(candidates: readonly string[]): string | undefined {
  return typeof MediaRecorder === 'undefined' ? undefined : candidates.find((type) => MediaRecorder.isTypeSupported(type));
}

/**
 * Records a participant's own outgoing tracks with `MediaRecorder` and uploads them to the server
 * in numbered chunks, one at a time and in order. A chunk counts as stored only once the server
 * answered so; while the server cannot be reached a chunk is retried (with growing delays, the
 * next ones waiting behind it, up to `maxWaiting`); when an answer was lost and the server already
 * has the chunk, it says which chunk it expects next and the uploader goes on from there. A refusal
 * (someone has not consented, the session is over, the recording is full) stops the recording and
 * says why. Framework-free: the room shows {@link state}.
 */
export class RecordingUploader extends TypedEventTarget<{ state: RecordingStateEvent }> {
  #state: RecordingUploadState = { status: 'idle', recordingId: null, stored: 0, waiting: 0, retrying: false, detail: null };
  #recorder: ChunkRecorder | undefined;
  readonly #queue: { seq: number; data: Blob }[] = [];
  #nextSeq = 0;
  #pumping: Promise<void> | undefined;
  #stopped: Promise<void> | undefined;
  /** Settles once the recorder stopped, whether told to or by itself (every track it records ended). */
  #recorderStopped: Promise<void> | undefined;
  readonly #abort = new AbortController();

  constructor(private readonly options: RecordingUploaderOptions) {
    super();
  }

  get state(): RecordingUploadState {
    return this.#state;
  }

  /** Begins the recording on the server, then starts recording. Resolves once recording, or refused. */
  async start(): Promise<RecordingUploadState> {
    if (this.#state.status !== 'idle') return this.#state;
    const { client, sessionId, stream, timesliceMs = 4000 } = this.options;
    const mimeType =
      this.options.mimeType ??
      supportedRecordingType(stream.getVideoTracks().length ? ['video/webm;codecs=vp8,opus', 'video/webm'] : ['audio/webm;codecs=opus', 'audio/webm', 'audio/ogg;codecs=opus']);
    const recorder = (this.options.createRecorder ?? ((s, type) => new MediaRecorder(s, type ? { mimeType: type } : {})))(stream, mimeType);
    let begun;
    try {
      begun = await client.beginRecording(sessionId, recorder.mimeType || mimeType || 'audio/webm');
    } catch (error) {
      this.#set({ status: error instanceof ProblemError ? 'refused' : 'failed', detail: (error as Error).message });
      return this.#state;
    }
    this.#recorder = recorder;
    this.#recorderStopped = new Promise((resolve) => recorder.addEventListener('stop', () => resolve()));
    recorder.addEventListener('dataavailable', (event) => {
      const { data } = event as BlobEvent;
      if (data.size === 0) return;
      this.#queue.push({ seq: this.#nextSeq++, data });
      if (this.#queue.length > (this.options.maxWaiting ?? 90)) {
        this.#fail('too many chunks are waiting for the server; recording stopped');
        return;
      }
      this.#set({ waiting: this.#queue.length });
      this.#pump();
    });
    this.#set({ status: 'recording', recordingId: begun.id, detail: null });
    recorder.start(timesliceMs);
    return this.#state;
  }

  /** Stops recording; resolves once every chunk recorded is stored (or the upload has failed). */
  stop(): Promise<RecordingUploadState> {
    const recorder = this.#recorder;
    if (!recorder || this.#state.status !== 'recording') return Promise.resolve(this.#state);
    // The last chunk arrives with (just before) `stop`; a recorder whose tracks all ended has stopped already.
    if (!this.#stopped) {
      try {
        recorder.stop();
      } catch {
        // Older browsers refuse to stop an inactive recorder: it has stopped, as wanted.
      }
    }
    this.#stopped ??= this.#recorderStopped!.then(async () => {
      while (this.#pumping) await this.#pumping;
      if (this.#state.status === 'recording') this.#set({ status: 'stopped' });
    });
    return this.#stopped.then(() => this.#state);
  }

  /** Stops at once, without waiting for uploads (the page is going away). */
  dispose(): void {
    this.#abort.abort();
    if (this.#state.status === 'recording') this.#recorder?.stop();
  }

  #pump(): void {
    this.#pumping ??= this.#drain().finally(() => {
      this.#pumping = undefined;
      if (this.#queue.length > 0 && this.#state.status === 'recording') this.#pump();
    });
  }

  async #drain(): Promise<void> {
    const { client, sessionId } = this.options;
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRIES;
    let attempt = 0;
    while (this.#queue.length > 0 && this.#state.status === 'recording' && !this.#abort.signal.aborted) {
      const chunk = this.#queue[0]!;
      try {
        const stored = await client.uploadRecordingChunk(sessionId, this.#state.recordingId!, chunk.seq, chunk.data, { signal: this.#abort.signal });
        this.#acknowledged(stored.nextSeq);
        attempt = 0;
        if (this.#state.retrying) this.#set({ retrying: false });
      } catch (error) {
        if (this.#abort.signal.aborted) return;
        const problem = error instanceof ProblemError ? error.problem : undefined;
        const nextSeq = (problem as { nextSeq?: unknown } | undefined)?.nextSeq;
        if (problem?.status === 409 && typeof nextSeq === 'number' && nextSeq > chunk.seq) {
          // The server stored it already (our answer was lost): go on from where it is.
          this.#acknowledged(nextSeq);
        } else if (problem && problem.status !== 429 && problem.status < 500) {
          this.#recorder?.stop();
          this.#set({ status: problem.status === 409 && typeof nextSeq === 'number' ? 'failed' : 'refused', detail: (error as Error).message });
          return;
        } else {
          const retryAfter = Number((problem as { retryAfter?: unknown } | undefined)?.retryAfter) || 0;
          const delay = retryAfter ? retryAfter * 1000 : delays[Math.min(attempt, delays.length - 1)]!;
          attempt += 1;
          if (!this.#state.retrying) this.#set({ retrying: true });
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
    }
  }

  /** The server holds every chunk before `nextSeq`. */
  #acknowledged(nextSeq: number): void {
    while (this.#queue.length > 0 && this.#queue[0]!.seq < nextSeq) this.#queue.shift();
    this.#set({ stored: nextSeq, waiting: this.#queue.length });
  }

  #fail(detail: string): void {
    this.#recorder?.stop();
    this.#queue.length = 0;
    this.#set({ status: 'failed', detail, waiting: 0 });
  }

  #set(change: Partial<RecordingUploadState>): void {
    this.#state = { ...this.#state, ...change };
    this.dispatchEvent(new RecordingStateEvent(this.#state));
  }
}
