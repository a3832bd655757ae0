import {
  isOver,
  RECORDING_NOTICE_VERSION,
  RecordingUploader,
  Store,
  type InterviewSession,
  type Readable,
  type RecordingConsent,
  type RecordingConsentState,
  type RecordingMode,
  type RecordingUploadState,
  type SessionView,
} from '@interview-kit/core';
import { outgoingTracks, type VideoCallState } from '@interview-kit/video';

/**
 * What the room's recording indicator says:
 * - `waiting-consent`: not everyone recorded has agreed, so nothing is recorded;
 * - `ready`: everyone agreed; recording begins once the interview is live and this participant is in the call;
 * - `starting`: recording, but the server has not yet stored a first chunk;
 * - `recording`: the server has stored this participant's recording so far;
 * - `retrying`: chunks cannot be uploaded right now and wait (they are retried);
 * - `stopped`: the recording ended (the interview ended, or this participant left the call);
 * - `failed`: the server refused the recording or its upload gave up.
 */
export type RecordingIndicator = 'waiting-consent' | 'ready' | 'starting' | 'recording' | 'retrying' | 'stopped' | 'failed';

/** Everything the room shows of the call's recording, as one snapshot. */
export interface CallRecordingState {
  /** The session's setting; `off` records nothing and shows nothing. */
  mode: RecordingMode;
  /** Who has consented, as last read from the server; `undefined` before the first answer. */
  consents: RecordingConsentState | undefined;
  /** Whether this participant is asked to consent (candidates and interviewers publish media; observers do not). */
  asked: boolean;
  /** This participant's consent, once given. */
  own: RecordingConsent | null;
  /** This participant declined here (not sent anywhere: until they agree, nothing is recorded). */
  declined: boolean;
  /** A consent is being sent. */
  consenting: boolean;
  /** This participant's current (or last) recording's upload. */
  upload: RecordingUploadState | undefined;
  /** What the indicator says; `undefined` when the session records nothing. */
  indicator: RecordingIndicator | undefined;
}

export interface CallRecordingOptions {
  /** How often who has consented is asked again, until everyone has (ms). Default 3000. */
  pollMs?: number;
  /** How long the outgoing tracks must stay unchanged before a recording begins (ms): a call publishes its microphone and camera one after the other. Default 500. */
  settleMs?: number;
  /** How often a chunk is cut and uploaded (ms); the uploader's default (4000) unless set. */
  timesliceMs?: number;
}

/** The call as the recording follows it: its state, whose local participant's tracks are recorded. */
export interface FollowedCall {
  readonly state: Readable<VideoCallState>;
}

/**
 * The call's recording in the room, framework-free: it reads who has consented (asked again every
 * few seconds until everyone has — consents are not pushed), sends this participant's consent, and
 * once everyone recorded has consented, the session is live and this participant is in the call,
 * records their own outgoing tracks (`outgoingTracks` of the {@link follow}ed call: the microphone,
 * and the camera for `audio+video`) with a {@link RecordingUploader}. The recording stops — its last
 * chunk uploaded — when the interview ends or the participant leaves the call, and a new one begins
 * when they join again, turn their camera on again, or reload the page.
 */
export class CallRecording {
  readonly #store: Store<CallRecordingState>;
  readonly #session: InterviewSession;
  readonly #options: CallRecordingOptions;
  #call: FollowedCall | undefined;
  #unfollow: (() => void) | undefined;
  #uploader: RecordingUploader | undefined;
  /** The tracks `#uploader` records. */
  #recorded: MediaStreamTrack[] = [];
  /** The tracks to record as last seen, so that unrelated call changes (who speaks) change nothing. */
  #wanted: MediaStreamTrack[] = [];
  #work: Promise<void> = Promise.resolve();
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #polling = false;
  #settleTimer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  constructor(session: InterviewSession, options: CallRecordingOptions = {}) {
    this.#session = session;
    this.#options = options;
    this.#store = new Store<CallRecordingState>({
      mode: 'off',
      consents: undefined,
      asked: false,
      own: null,
      declined: false,
      consenting: false,
      upload: undefined,
      indicator: undefined,
    });
    session.addEventListener('change', this.#onSessionChange);
    this.#onSessionChange();
  }

  get state(): Readable<CallRecordingState> {
    return this.#store;
  }

  /** Records the local participant's tracks of `call` (the room's video call, once it is joined). */
  follow(call: FollowedCall): void {
    if (call === this.#call || this.#disposed) return;
    this.#unfollow?.();
    this.#call = call;
    this.#unfollow = call.state.subscribe(() => this.#onTracks());
    this.#onTracks();
  }

  /** Sends this participant's consent to the current notice, then reads who has consented. */
  async consent(): Promise<void> {
    const { client, sessionId } = this.#session;
    this.#update({ consenting: true });
    try {
      const own = await client.giveRecordingConsent(sessionId, RECORDING_NOTICE_VERSION);
      this.#update({ own, declined: false, consents: withConsent(this.#store.value.consents, own) });
      await this.#readConsents();
    } finally {
      this.#update({ consenting: false });
    }
  }

  /** This participant does not agree (for now): nothing is recorded until they do. */
  decline(): void {
    this.#update({ declined: true });
  }

  /** Stops following; a recording under way stops and uploads its last chunk. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    this.#session.removeEventListener('change', this.#onSessionChange);
    clearTimeout(this.#pollTimer);
    clearTimeout(this.#settleTimer);
    this.#unfollow?.();
    this.#unfollow = undefined;
    this.#wanted = [];
    await this.#reconcile();
  }

  readonly #onSessionChange = (): void => {
    const view = this.#session.view;
    if (!view) return;
    const asked = view.viewer.role === 'candidate' || view.viewer.role === 'interviewer';
    this.#update({ mode: view.recording, asked });
    if (view.recording === 'off') return;
    // Consents are never withdrawn: once everyone has, there is nothing more to learn.
    if (!isOver(view.status) && !this.#store.value.consents?.everyone) void this.#poll();
    this.#onTracks();
  };

  /** Asks who has consented, again every `pollMs` until everyone has or the interview is over. */
  async #poll(): Promise<void> {
    if (this.#polling || this.#disposed) return;
    this.#polling = true;
    clearTimeout(this.#pollTimer);
    try {
      await this.#readConsents();
    } catch {
      // Asked again below: an outage must not leave the room believing nobody consented for good.
    } finally {
      this.#polling = false;
    }
    const view = this.#session.view;
    if (this.#disposed || !view || isOver(view.status) || this.#store.value.consents?.everyone) return;
    this.#pollTimer = setTimeout(() => void this.#poll(), this.#options.pollMs ?? 3000);
  }

  async #readConsents(): Promise<void> {
    const consents = await this.#session.client.recordingConsent(this.#session.sessionId);
    if (this.#disposed) return;
    const self = this.#session.view?.viewer.participantId;
    const own = consents.participants.find((participant) => participant.participantId === self)?.consent ?? null;
    this.#update({ consents, own });
    this.#onTracks();
  }

  /** The call or the session changed: begin, keep or stop the recording. */
  #onTracks(): void {
    const wanted = this.#tracksToRecord();
    const same = wanted.length === this.#wanted.length && wanted.every((track, index) => track === this.#wanted[index]);
    if (same) return;
    this.#wanted = wanted;
    clearTimeout(this.#settleTimer);
    // Stopping waits for nothing; beginning waits until the call's tracks settle.
    if (wanted.length === 0) void this.#reconcile();
    else this.#settleTimer = setTimeout(() => void this.#reconcile(), this.#options.settleMs ?? 500);
  }

  /** What is to be recorded now: nothing unless everyone consented, the session is live and the participant is in the call. */
  #tracksToRecord(): MediaStreamTrack[] {
    const view: SessionView | undefined = this.#session.view;
    const { mode, consents, asked } = this.#store.value;
    const call = this.#call?.state.value;
    if (this.#disposed || mode === 'off' || !asked || !consents?.everyone || view?.status !== 'live' || !call) return [];
    if (call.phase !== 'connected' && call.phase !== 'reconnecting') return [];
    const { microphone, camera } = outgoingTracks(call);
    return [microphone, mode === 'audio+video' ? camera : undefined].filter((track): track is MediaStreamTrack => !!track);
  }

  /** Brings the recording in line with {@link #wanted}, one change at a time. */
  #reconcile(): Promise<void> {
    this.#work = this.#work.then(async () => {
      const wanted = this.#wanted;
      const uploader = this.#uploader;
      // A track no longer sent (the camera turned off) stops contributing; a new one needs a new recording.
      if (uploader && (wanted.length === 0 || wanted.some((track) => !this.#recorded.includes(track)))) {
        this.#uploader = undefined;
        this.#recorded = [];
        await uploader.stop();
      }
      if (this.#uploader || wanted.length === 0 || this.#disposed) return;
      const next = new RecordingUploader({
        client: this.#session.client,
        sessionId: this.#session.sessionId,
        stream: new MediaStream(wanted),
        ...(this.#options.timesliceMs && { timesliceMs: this.#options.timesliceMs }),
      });
      next.addEventListener('state', (event) => this.#update({ upload: event.state }));
      this.#uploader = next;
      this.#recorded = wanted;
      this.#update({ upload: next.state });
      await next.start();
    });
    return this.#work;
  }

  #update(change: Partial<CallRecordingState>): void {
    const next = { ...this.#store.value, ...change };
    this.#store.update({ ...change, indicator: indicatorOf(next, this.#session.view) });
  }
}

/** `consents` with `own` in its participant's line: the list shows it before the server is asked again. */
function withConsent(consents: RecordingConsentState | undefined, own: RecordingConsent): RecordingConsentState | undefined {
  if (!consents) return consents;
  const participants = consents.participants.map((participant) => (participant.participantId === own.participantId ? { ...participant, consent: own } : participant));
  return { ...consents, participants, everyone: participants.every((participant) => participant.consent !== null) };
}

/** What the indicator says for `state` (see {@link RecordingIndicator}); `undefined` when nothing is or was to be recorded. */
export function indicatorOf(state: Omit<CallRecordingState, 'indicator'>, view: Pick<SessionView, 'status'> | undefined): RecordingIndicator | undefined {
  const { mode, consents, asked, upload } = state;
  if (mode === 'off' || !consents || !view) return undefined;
  // Over: no more media is recorded (the last chunk may still be on its way up).
  if (isOver(view.status)) return !upload || upload.status === 'idle' ? undefined : upload.status === 'refused' || upload.status === 'failed' ? 'failed' : 'stopped';
  if (!consents.everyone) return 'waiting-consent';
  // Observers record nothing themselves: the others' browsers record while the interview is live.
  if (!asked) return view.status === 'live' ? 'recording' : 'ready';
  switch (upload?.status) {
    case undefined:
      return 'ready';
    case 'idle':
      return 'starting';
    case 'recording':
      return upload.retrying ? 'retrying' : upload.stored > 0 ? 'recording' : 'starting';
    case 'stopped':
      return 'stopped';
    case 'refused':
    case 'failed':
      return 'failed';
  }
}
