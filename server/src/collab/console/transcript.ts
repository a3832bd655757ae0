import { CONSOLE_TRANSCRIPT_BYTES, type ConsoleParticipant, type ConsoleStream, type ConsoleTranscriptEntry } from '@interview-kit/core/console/protocol';

/** What one entry costs beyond its text, so that many tiny entries cannot grow a transcript past its cap either. */
const ENTRY_OVERHEAD_BYTES = 32;

/**
 * A run's transcript as late joiners replay it and its record keeps it: output and typed input in
 * order, with who typed what, up to `capBytes` (default {@link CONSOLE_TRANSCRIPT_BYTES}). Past
 * the cap nothing more is kept and `truncated` says so; the live fan-out goes on regardless.
 */
export class Transcript {
  readonly #entries: ConsoleTranscriptEntry[] = [];
  #bytes = 0;
  #truncated = false;

  constructor(
    private readonly startedAt: number,
    private readonly capBytes = CONSOLE_TRANSCRIPT_BYTES,
    private readonly now: () => number = Date.now,
  ) {}

  /** Appends a piece; returns it as an entry (with its time), whether it was kept or not. */
  add(stream: ConsoleStream, data: string, by?: ConsoleParticipant): ConsoleTranscriptEntry {
    const entry: ConsoleTranscriptEntry = { stream, data, at: Math.max(0, this.now() - this.startedAt), ...(by ? { by } : {}) };
    if (this.#truncated) return entry;
    const size = Buffer.byteLength(data) + ENTRY_OVERHEAD_BYTES;
    if (this.#bytes + size > this.capBytes) {
      this.#truncated = true;
      return entry;
    }
    this.#bytes += size;
    this.#entries.push(entry);
    return entry;
  }

  get truncated(): boolean {
    return this.#truncated;
  }

  entries(): ConsoleTranscriptEntry[] {
    return [...this.#entries];
  }
}
