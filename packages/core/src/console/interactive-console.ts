import { ProblemError } from '../errors.js';
import type { Problem } from '../protocol.js';
import type { InterviewSession } from '../session.js';
import { Store, type Readable } from '../store.js';
import {
  ConsoleCloseCode,
  type ConsoleClientFrame,
  type ConsoleMode,
  type ConsoleRunState,
  type ConsoleServerFrame,
} from './protocol.js';

/** Where the console's socket is. */
export type ConsoleConnection = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Everything an element shows of the console, besides the terminal's text. */
export interface InteractiveConsoleState {
  connection: ConsoleConnection;
  /** The console's run as the server last described it; null before the first state. */
  run: ConsoleRunState | null;
  /** Who this participant is to the console, and whether they may type now. */
  you: Extract<ConsoleServerFrame, { type: 'state' }>['you'] | null;
  /** The last problem the server (or the ticket request) reported; cleared by the next run. */
  problem: Problem | null;
}

/** What the terminal shows: output and echoed input, the end of a run, or "start again from the transcript" (a new socket). */
export type ConsoleScreenEvent = Extract<ConsoleServerFrame, { type: 'output' | 'exit' }> | { type: 'reset' };

export interface InteractiveConsoleOptions {
  /** The WebSocket class; default the global one. */
  WebSocket?: typeof WebSocket;
  /** First delay before reconnecting after a lost socket (doubles up to 10 s); default 500 ms. */
  reconnectMs?: number;
}

const MAX_RECONNECT_MS = 10_000;
/** Close codes after which reconnecting would be refused again the same way. */
const FINAL_CLOSES = new Set<number>([ConsoleCloseCode.invalidFrame, ConsoleCloseCode.policyViolation, 1003, 1009]);

/**
 * The interactive console of one session, without any UI: it gets a one-time ticket
 * (`POST /v1/sessions/:id/console-tickets`), opens `/v1/runs/interactive`, keeps the console's state
 * ({@link InteractiveConsoleState}, observable), hands the terminal what to show
 * ({@link onScreen}), sends what the participant does (`start`, `input`, Ctrl+C, Ctrl+D, resize,
 * lock), and reconnects with a fresh ticket when the socket is lost (the server then replays the
 * transcript after a `reset`).
 *
 * @example
 * ```ts
 * const console = new InteractiveConsole(session);
 * console.onScreen((event) => event.type === 'output' && terminal.write(event.data));
 * await console.connect();
 * console.start('python', 'program', 'print(input("name? "))');
 * console.input('Ada\n');
 * ```
 */
export class InteractiveConsole {
  readonly #state = new Store<InteractiveConsoleState>({ connection: 'idle', run: null, you: null, problem: null });
  readonly #screen = new Set<(event: ConsoleScreenEvent) => void>();
  readonly #WebSocket: typeof WebSocket;
  readonly #reconnectMs: number;
  #socket: WebSocket | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #attempt = 0;
  #disposed = false;

  constructor(
    readonly session: InterviewSession,
    options: InteractiveConsoleOptions = {},
  ) {
    this.#WebSocket = options.WebSocket ?? globalThis.WebSocket;
    this.#reconnectMs = options.reconnectMs ?? 500;
  }

  /** The console's state, observable. */
  get state(): Readable<InteractiveConsoleState> {
    return this.#state;
  }

  /** Calls `listener` with everything the terminal should show, in order; returns the unsubscriber. */
  onScreen(listener: (event: ConsoleScreenEvent) => void): () => void {
    this.#screen.add(listener);
    return () => this.#screen.delete(listener);
  }

  /** Connects (once); resolves when the first state arrived, rejects when no ticket can be had (e.g. a `403` for observers). */
  async connect(): Promise<void> {
    if (this.#socket || this.#disposed) return;
    this.#state.update({ connection: 'connecting' });
    await this.#open();
  }

  /** Starts a run: the code as a program (compiled first where needed), or the language's REPL. */
  start(language: string, mode: ConsoleMode, code = ''): void {
    this.#state.update({ problem: null });
    this.#send({ type: 'start', language, mode, code });
  }

  /** Types `data` into the running program (echoed to everyone, stamped with this participant). */
  input(data: string): void {
    this.#send({ type: 'input', data });
  }

  /** Ctrl+C: interrupts the running program. */
  interrupt(): void {
    this.#send({ type: 'signal', name: 'SIGINT' });
  }

  /** Ctrl+D: closes the program's input. */
  eof(): void {
    this.#send({ type: 'eof' });
  }

  /** The terminal's size, passed to the next run as `COLUMNS` and `LINES`. */
  resize(cols: number, rows: number): void {
    this.#send({ type: 'resize', cols, rows });
  }

  /** Locks input to one participant, or unlocks it with `null` (interviewers only). */
  lock(to: string | null): void {
    this.#send({ type: 'lock', to });
  }

  /** Closes the socket for good. */
  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#retryTimer);
    this.#socket?.close(1000);
    this.#socket = null;
    this.#state.update({ connection: 'closed' });
    this.#screen.clear();
  }

  #send(frame: ConsoleClientFrame): void {
    if (this.#socket?.readyState === this.#WebSocket.OPEN) this.#socket.send(JSON.stringify(frame));
  }

  async #open(): Promise<void> {
    let url: string;
    try {
      const { url: path } = await this.session.client.consoleTicket(this.session.sessionId);
      const target = new URL(path.replace(/^\/+/, ''), this.session.client.server);
      target.protocol = target.protocol === 'https:' ? 'wss:' : 'ws:';
      url = target.href;
    } catch (error) {
      const problem = error instanceof ProblemError ? error.problem : null;
      // Refused (an observer, a session gone): final. Anything else: try again later.
      if (problem && problem.status < 500 && problem.status !== 429) {
        this.#state.update({ connection: 'closed', problem });
        throw error;
      }
      this.#retry();
      throw error;
    }
    if (this.#disposed) return;
    const socket = new this.#WebSocket(url);
    this.#socket = socket;
    let first = true;
    await new Promise<void>((resolve) => {
      socket.addEventListener('message', (event: MessageEvent) => {
        let frame: ConsoleServerFrame;
        try {
          frame = JSON.parse(String(event.data)) as ConsoleServerFrame;
        } catch {
          return;
        }
        if (first && frame.type === 'state') {
          first = false;
          this.#attempt = 0;
          this.#emit({ type: 'reset' });
          this.#state.update({ connection: 'open' });
          resolve();
        }
        this.#receive(frame);
      });
      socket.addEventListener('close', (event: CloseEvent) => {
        resolve();
        if (this.#socket !== socket) return;
        this.#socket = null;
        if (this.#disposed || event.code === 1000 || FINAL_CLOSES.has(event.code)) this.#state.update({ connection: 'closed' });
        else this.#retry();
      });
    });
  }

  #retry(): void {
    if (this.#disposed) return;
    this.#state.update({ connection: 'reconnecting' });
    const delay = Math.min(MAX_RECONNECT_MS, this.#reconnectMs * 2 ** this.#attempt++);
    this.#retryTimer = setTimeout(() => void this.#open().catch(() => undefined), delay);
  }

  #receive(frame: ConsoleServerFrame): void {
    switch (frame.type) {
      case 'state': {
        const previous = this.#state.value.run;
        const newRun = frame.run.status === 'starting' && previous?.startedAt !== frame.run.startedAt;
        if (newRun && previous) this.#emit({ type: 'reset' });
        this.#state.update({ run: frame.run, you: frame.you, ...(newRun ? { problem: null } : {}) });
        return;
      }
      case 'error':
        this.#state.update({ problem: frame.problem });
        return;
      default:
        this.#emit(frame);
    }
  }

  #emit(event: ConsoleScreenEvent): void {
    for (const listener of [...this.#screen]) listener(event);
  }
}
