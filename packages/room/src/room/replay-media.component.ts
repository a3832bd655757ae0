import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ref } from 'lit/directives/ref.js';
import {
  decodeTimeline,
  formatsFor,
  playbackUrl,
  ReplayMedia,
  searchSegments,
  segmentsAt,
  SessionController,
  timedSegments,
  type Formats,
  type InterviewSession,
  type RecordingState,
  type TimedSegment,
} from '@interview-kit/core';
import { runMarksOf, runRecordsOf, type RunMark } from '@interview-kit/editor';
import { MomentSelectEvent } from '@interview-kit/feedback';
import { replayMediaStyles } from './replay-media.styles.js';
import { REPLAY_STRINGS_EN, type ReplayStrings } from './replay.strings.js';

/** While playing, the room hears of the moment at most this often (ms); the media's own view follows every frame. */
const MOMENT_EVERY_MS = 200;
/** A moment from the room closer than this (ms) to the media's is the media's own, coming back. */
const SAME_MOMENT_MS = 500;

/** What the Replay's recording part loaded. */
interface Loaded {
  recordings: RecordingState[];
  segments: TimedSegment[];
  runs: RunMark[];
  names: ReadonlyMap<string, string>;
  /** The recording shown large: the other person's, else the first. */
  main: RecordingState | undefined;
}

/**
 * @summary The Replay's recording, for interviewers once the interview ended: part of
 * `<interview-room>` (which places it above the editor in the Replay), not meant for pages on its own.
 *
 * Each participant's recording plays in a `<video>` (or, recorded as audio only, an `<audio>`
 * with the speaker's name shown): the other person large. Captions under it say what is said at the
 * moment shown, with the speaker's name. One timeline spans the whole interview, with its runs
 * (marks to choose) and the stretches of speech; the transcript beside it has a search: typing
 * words lists the segments holding them, and choosing one (click, or Enter) shows its moment.
 * A `ReplayMedia` keeps the media in step with the timeline.
 *
 * The room gives it the moment to show (`at`); every moment chosen here, and the media's clock
 * while playing, goes back as `interview-moment-select`, so that the code replay follows. Without
 * a recording it says so, and the replay goes on as before.
 *
 * @fires {MomentSelectEvent} interview-moment-select - A moment was chosen here, or reached while playing (`detail.at`, ms since the epoch).
 *
 * @csspart recording-status - The line saying the recording loads, failed, or does not exist.
 * @csspart replay-media - The recording: media, captions, transcript and timeline.
 * @csspart media-tile - One participant's recording (`data-kind` is `video` or `audio`; `data-speaking` while they speak).
 * @csspart media - One participant's `<video>` or `<audio>`.
 * @csspart captions - What is said at the moment shown.
 * @csspart caption - One speaker's caption.
 * @csspart media-timeline - The play button, the slider and its marks.
 * @csspart media-play - Play/pause of the recording (and, with it, of the code).
 * @csspart media-scrubber - The slider over the whole interview.
 * @csspart media-run-mark - One run's mark on the timeline (`data-outcome` is `passed` or `failed`).
 * @csspart media-position - The moment shown and the length, as text.
 * @csspart transcript - The transcript with its search.
 * @csspart transcript-search - The search field.
 * @csspart transcript-matches - How many segments hold the words searched for.
 * @csspart transcript-list - The segments listed.
 * @csspart transcript-segment - One segment (a button showing its moment; `aria-current` while it is said).
 */
export class InterviewReplayMedia extends LitElement {
  static override styles = replayMediaStyles;

  /** The session, from the room (through context). */
  @property({ attribute: false }) session: InterviewSession | undefined;
  /** The room's words for the Replay. */
  @property({ attribute: false }) strings: ReplayStrings = REPLAY_STRINGS_EN;
  /** The room's formatting (times as its language writes them). */
  @property({ attribute: false }) format: Formats = formatsFor('en');
  /** The moment to show, ms since the epoch (the room's `replayAt`). */
  @property({ attribute: false }) at: number | undefined;

  @state() private loaded: Loaded | 'loading' | { failed: string } = 'loading';
  /** The moment shown, ms since the epoch. */
  @state() private shown = 0;
  @state() private playing = false;
  @state() private query = '';

  #media: ReplayMedia | undefined;
  #lastSent = 0;

  constructor() {
    super();
    new SessionController(this, { bind: (session, cleanup) => void this.#load(session, cleanup) });
  }

  /** The media model, once loaded (for hosts' tests and tools). */
  get media(): ReplayMedia | undefined {
    return this.#media;
  }

  async #load(session: InterviewSession, cleanup: { add(undo: () => void): void }): Promise<void> {
    let live = true;
    cleanup.add(() => {
      live = false;
      this.#media?.destroy();
      this.#media = undefined;
      this.loaded = 'loading';
    });
    try {
      const { client, sessionId } = session;
      const [{ recordings }, transcript, timeline, view] = await Promise.all([
        client.recordings(sessionId),
        client.transcript(sessionId).catch(() => ({ segments: [] })),
        client.timeline(sessionId).then(decodeTimeline),
        session.view ?? session.load(),
      ]);
      if (!live) return;
      const names = new Map(view.participants.map((p) => [p.id, p.name]));
      const main = recordings.find((r) => r.participantId !== view.viewer.participantId) ?? recordings[0];
      const start = Date.parse(view.startedAt ?? view.createdAt);
      const end = Date.parse(view.endedAt ?? '') || timeline.at(-1)?.at || start;
      this.#media = new ReplayMedia(recordings, {
        span: { start, end },
        onTime: (at) => this.#moved(at),
        onPlaying: (playing) => {
          this.playing = playing;
          if (!playing) this.#send(this.#media!.at);
        },
      });
      if (this.at !== undefined) this.#media.seek(this.at);
      this.shown = this.#media.at;
      this.loaded = { recordings, segments: timedSegments(transcript.segments), runs: runMarksOf(runRecordsOf(timeline), view.question.index ?? 0), names, main };
    } catch (error) {
      if (live) this.loaded = { failed: error instanceof Error ? error.message : String(error) };
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const media = this.#media;
    if (changed.has('at') && media && this.at !== undefined && Math.abs(this.at - media.at) > SAME_MOMENT_MS) {
      this.#lastSent = this.at;
      media.seek(this.at);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#media?.pause();
  }

  /** The media moved: show it, and tell the room (at most every {@link MOMENT_EVERY_MS} while playing). */
  #moved(at: number): void {
    this.shown = at;
    if (!this.#media?.playing || Math.abs(at - this.#lastSent) >= MOMENT_EVERY_MS) this.#send(at);
  }

  #send(at: number): void {
    if (at === this.#lastSent && this.at === at) return;
    this.#lastSent = at;
    this.dispatchEvent(new MomentSelectEvent({ at }));
  }

  /** Shows `at`: the media and (through the room) the code. */
  seek(at: number): void {
    this.#media?.seek(at);
  }

  protected override render(): TemplateResult {
    const t = this.strings;
    const loaded = this.loaded;
    if (loaded === 'loading') return html`<p class="status" part="recording-status" role="status">${t.recordingLoading}</p>`;
    if ('failed' in loaded) return html`<p class="status" part="recording-status" role="status">${t.recordingFailed(loaded.failed)}</p>`;
    if (loaded.recordings.length === 0 || !this.#media) return html`<p class="status" part="recording-status" role="status">${t.noRecording}</p>`;
    return html`<section class="replay-media" part="replay-media" aria-label=${t.recording}>
      <div class="stage">
        ${this.#renderMedia(loaded)}
        <div class="captions" part="captions" role="group" aria-label=${t.captions}>${this.#renderCaptions(loaded)}</div>
      </div>
      ${this.#renderTranscript(loaded)} ${this.#renderTimeline(this.#media, loaded)}
    </section>`;
  }

  /** Every recording as a media element: the main one large, the others small beside it. */
  #renderMedia(loaded: Loaded): TemplateResult {
    const t = this.strings;
    const media = this.#media!;
    const server = this.session!.client.server;
    return html`<div class="media">
      ${loaded.recordings.map((recording) => {
        const name = loaded.names.get(recording.participantId) ?? recording.participantId;
        const attach = ref((element) => media.attach(recording.id, element as HTMLMediaElement | undefined));
        const main = recording === loaded.main;
        const speaking = segmentsAt(loaded.segments, this.shown).some((s) => s.participantId === recording.participantId);
        return recording.kind === 'audio+video'
          ? html`<figure class="tile ${main ? 'main' : 'side'}" part="media-tile" data-kind="video" ?data-speaking=${speaking}>
              <video part="media" preload="auto" playsinline src=${playbackUrl(server, recording) ?? nothing} aria-label=${t.videoOf(name)} ${attach}></video>
              <figcaption translate="no">${name}</figcaption>
            </figure>`
          : html`<figure class="tile ${main ? 'main' : 'side'}" part="media-tile" data-kind="audio" ?data-speaking=${speaking}>
              <audio part="media" preload="auto" src=${playbackUrl(server, recording) ?? nothing} ${attach}></audio>
              <span class="speaker" translate="no">${name}</span>
              <span class="audio-only">${t.audioOnly}</span>
            </figure>`;
      })}
    </div>`;
  }

  #renderCaptions(loaded: Loaded): TemplateResult[] {
    return segmentsAt(loaded.segments, this.shown).map(
      (segment) => html`<p part="caption"><strong translate="no">${loaded.names.get(segment.participantId) ?? segment.participantId}</strong> <span translate="no">${segment.text}</span></p>`,
    );
  }

  /** The play button, the slider over the whole replay, and its marks: runs (to choose) and speech (to see). */
  #renderTimeline(media: ReplayMedia, loaded: Loaded): TemplateResult {
    const t = this.strings;
    const clock = (ms: number) => this.format.clock(ms);
    const length = Math.max(1, media.end - media.start);
    const place = (at: number) => `${(100 * Math.max(0, Math.min(length, at - media.start))) / length}%`;
    const position = t.positionOf(clock(this.shown - media.start), clock(length));
    return html`<div class="timeline" part="media-timeline">
      <button type="button" part="media-play" @click=${() => media.toggle()}>${this.playing ? t.pause : t.play}</button>
      <div class="track">
        <ol class="speech" aria-hidden="true">
          ${loaded.segments.map(
            (s) => html`<li data-speaker=${s.participantId === loaded.main?.participantId ? 'main' : 'other'} style="inset-inline-start: ${place(s.start)}; width: ${(100 * Math.max(0, s.end - s.start)) / length}%"></li>`,
          )}
        </ol>
        <input
          type="range"
          part="media-scrubber"
          aria-label=${t.timeline}
          min="0"
          max=${length}
          step="100"
          .value=${String(Math.round(this.shown - media.start))}
          aria-valuetext=${position}
          @input=${(e: Event) => media.seek(media.start + Number((e.target as HTMLInputElement).value))}
        />
        ${loaded.runs.length
          ? html`<ol class="run-marks" aria-label=${t.runMarks}>
              ${loaded.runs.map((run) => {
                const name = t.runMark(clock(run.at - media.start), run.outcome === 'passed');
                return html`<li style="inset-inline-start: ${place(run.at)}">
                  <button type="button" part="media-run-mark" data-outcome=${run.outcome} aria-label=${name} title=${name} @click=${() => media.seek(run.at)}></button>
                </li>`;
              })}
            </ol>`
          : nothing}
      </div>
      <span class="position" part="media-position">${position}</span>
    </div>`;
  }

  /** The transcript: every segment (or, with words searched for, those holding them), each showing its moment when chosen. */
  #renderTranscript(loaded: Loaded): TemplateResult {
    const t = this.strings;
    const media = this.#media!;
    const searching = this.query.trim() !== '';
    const listed = searching ? searchSegments(loaded.segments, this.query) : loaded.segments;
    const current = new Set(segmentsAt(loaded.segments, this.shown).map((s) => s.index));
    return html`<section class="transcript" part="transcript" aria-label=${t.transcript}>
      <input
        type="search"
        part="transcript-search"
        aria-label=${t.searchTranscript}
        placeholder=${t.searchPlaceholder}
        .value=${this.query}
        @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter' && listed[0]) media.seek(listed[0].start);
        }}
      />
      <p class="matches" part="transcript-matches" role="status">${searching ? t.matches(listed.length) : ''}</p>
      ${loaded.segments.length === 0
        ? html`<p class="empty">${t.noTranscript}</p>`
        : html`<ol part="transcript-list">
            ${listed.map((segment) => {
              const name = loaded.names.get(segment.participantId) ?? segment.participantId;
              const time = this.format.clock(segment.start - media.start);
              return html`<li>
                <button type="button" part="transcript-segment" aria-current=${current.has(segment.index) ? 'true' : nothing} title=${t.showSegment(time, name)} @click=${() => media.seek(segment.start)}>
                  <time>${time}</time> <strong translate="no">${name}</strong> <span translate="no">${segment.text}</span>
                </button>
              </li>`;
            })}
          </ol>`}
    </section>`;
  }
}
