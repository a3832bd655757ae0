import { canEdit, isPrivileged, type Role } from '@interview-kit/core/protocol';
import {
  CONSOLE_MAX_INPUT_CHARS,
  CONSOLE_SIZE,
  type ConsoleClientFrame,
  type ConsoleParticipant,
  type ConsoleRunState,
  type ConsoleServerFrame,
  type ConsoleTranscriptEntry,
} from '@interview-kit/core/console/protocol';
import type { InteractiveControl } from '../../adapters/executor/types.js';
import { conflict, forbidden, badRequest, HttpProblem } from '../../problem.js';
import type { InteractiveHooks, InteractiveStart, StoredRun } from '../../services/runs/index.js';
import { Transcript } from './transcript.js';

/** One connected socket of a session's console: who it is (from its ticket) and how to reach it. */
export interface ConsoleMember {
  participant: ConsoleParticipant;
  role: Role;
  send(frame: ConsoleServerFrame): void;
}

export interface ConsoleRoomDeps {
  /** The session's participants, for locks. */
  participants: readonly { id: string; role: Role }[];
  /** Starts an interactive run for `member` (admission, queue, sandbox); settles when it has ended and is stored. */
  run(member: ConsoleMember, start: InteractiveStart, hooks: InteractiveHooks): Promise<StoredRun>;
  /** The room has no member and no run left. */
  onEmpty(): void;
  now?: () => number;
}

/** Characters of input typed before the program starts (while it compiles or waits for a slot) that are kept for it. */
const MAX_PENDING_INPUT_CHARS = 4 * CONSOLE_MAX_INPUT_CHARS;

/**
 * One session's console: the sockets connected to it and its one run at a time. Everything the
 * run prints, and everything typed into it (stamped with who typed it, as the ticket says), goes
 * to every member; a member who joins late gets the transcript so far. Candidates and interviewers
 * may start runs and type, unless an interviewer locked input to one participant; observers only
 * watch. Ctrl+C (`signal`) interrupts the program, Ctrl+D (`eof`) closes its input; a resize sets
 * the size the next run starts with (there is no pty).
 */
export class ConsoleRoom {
  readonly #members = new Set<ConsoleMember>();
  readonly #now: () => number;
  #state: ConsoleRunState = {
    id: null,
    status: 'idle',
    language: null,
    mode: null,
    startedBy: null,
    startedAt: null,
    lockedTo: null,
    cols: CONSOLE_SIZE.defaultCols,
    rows: CONSOLE_SIZE.defaultRows,
  };
  #transcript: Transcript | null = null;
  #control: InteractiveControl | null = null;
  /** Input typed before the program started (and whether Ctrl+D followed), delivered when it starts. */
  #pending: string[] = [];
  #pendingEof = false;
  #stop: AbortController | null = null;

  constructor(private readonly deps: ConsoleRoomDeps) {
    this.#now = deps.now ?? Date.now;
  }

  get size(): number {
    return this.#members.size;
  }

  /** Whether a run is starting or running. */
  get busy(): boolean {
    return this.#state.status === 'starting' || this.#state.status === 'running';
  }

  /** Adds a member and brings it up to date: the state, then the transcript so far. */
  join(member: ConsoleMember): void {
    this.#members.add(member);
    member.send(this.#stateFor(member));
    for (const entry of this.#transcript?.entries() ?? []) member.send({ type: 'output', ...entry });
  }

  leave(member: ConsoleMember): void {
    this.#members.delete(member);
    if (this.#members.size === 0 && !this.busy) this.deps.onEmpty();
  }

  /** Stops the run in progress, if any (the server is closing). */
  stop(): void {
    this.#stop?.abort(new Error('the console was closed'));
  }

  /** Handles one frame of `member`; what it may not do is answered with an `error` frame. */
  receive(member: ConsoleMember, frame: ConsoleClientFrame): void {
    try {
      this.#handle(member, frame);
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error;
      member.send({ type: 'error', problem: error.toJSON() });
    }
  }

  #handle(member: ConsoleMember, frame: ConsoleClientFrame): void {
    if (frame.type === 'lock') return this.#lock(member, frame.to);
    this.#mayType(member);
    switch (frame.type) {
      case 'start':
        return this.#start(member, { language: frame.language, mode: frame.mode, code: frame.code ?? '', size: { cols: this.#state.cols, rows: this.#state.rows } });
      case 'resize':
        this.#state = { ...this.#state, cols: frame.cols, rows: frame.rows };
        return this.#broadcastState();
      case 'input':
        return this.#input(member, frame.data);
      case 'signal':
        this.#running();
        this.#echo(member, '^C');
        this.#control?.interrupt();
        return;
      case 'eof':
        this.#running();
        this.#echo(member, '^D');
        if (this.#control) this.#control.closeInput();
        else this.#pendingEof = true;
        return;
    }
  }

  /** @throws {HttpProblem} 403 unless `member` may type now. */
  #mayType(member: ConsoleMember): void {
    if (!canEdit(member.role)) throw forbidden(`a ${member.role} watches the console and cannot type`);
    const locked = this.#state.lockedTo;
    if (locked !== null && locked !== member.participant.id) throw forbidden('an interviewer has locked the console to another participant');
  }

  /** @throws {HttpProblem} 409 unless a run is starting or running. */
  #running(): void {
    if (!this.busy) throw conflict('no program is running; start one first');
  }

  #lock(member: ConsoleMember, to: string | null): void {
    if (!isPrivileged(member.role)) throw forbidden('only interviewers lock the console');
    if (to !== null && !this.deps.participants.some((p) => p.id === to && canEdit(p.role))) {
      throw badRequest('the console locks to a candidate or an interviewer of this session', [{ path: 'to', message: 'not a participant who may type' }]);
    }
    this.#state = { ...this.#state, lockedTo: to };
    this.#broadcastState();
  }

  #input(member: ConsoleMember, data: string): void {
    this.#running();
    if (this.#pendingEof) throw conflict('the input is closed (Ctrl+D)');
    this.#echo(member, data);
    if (this.#control) return this.#control.write(data);
    if (this.#pending.reduce((sum, text) => sum + text.length, 0) + data.length > MAX_PENDING_INPUT_CHARS) {
      throw conflict('the program has not started yet; type again once it runs');
    }
    this.#pending.push(data);
  }

  /** Shows what `member` typed to everyone, and keeps it in the transcript. */
  #echo(member: ConsoleMember, data: string): void {
    this.#emit(this.#transcript!.add('stdin', data, member.participant));
  }

  #start(member: ConsoleMember, start: InteractiveStart): void {
    if (this.busy) throw conflict('a program is already running in this console; one at a time');
    const startedAt = this.#now();
    const transcript = new Transcript(startedAt, undefined, this.#now);
    const stop = new AbortController();
    this.#transcript = transcript;
    this.#stop = stop;
    this.#control = null;
    this.#pending = [];
    this.#pendingEof = false;
    const { reason: _previous, ...state } = this.#state;
    this.#state = {
      ...state,
      id: null,
      status: 'starting',
      language: start.language,
      mode: start.mode,
      startedBy: member.participant,
      startedAt: new Date(startedAt).toISOString(),
    };
    this.#broadcastState();
    const current = () => this.#transcript === transcript;
    const hooks: InteractiveHooks = {
      signal: stop.signal,
      onAdmitted: (id) => {
        if (!current()) return;
        this.#state = { ...this.#state, id };
        this.#broadcastState();
      },
      onStart: (control) => {
        if (!current()) return;
        this.#control = control;
        this.#state = { ...this.#state, status: 'running' };
        this.#broadcastState();
        for (const data of this.#pending) control.write(data);
        if (this.#pendingEof) control.closeInput();
        this.#pending = [];
        this.#pendingEof = false;
      },
      onOutput: (stream, chunk) => {
        if (current()) this.#emit(transcript.add(stream, chunk));
      },
      transcript: () => ({ entries: transcript.entries(), truncated: transcript.truncated }),
    };
    this.deps
      .run(member, start, hooks)
      .then(
        ({ result }) => {
          const reason = result.interactive?.reason ?? 'exit';
          this.#broadcast({ type: 'exit', code: result.exitCode, signal: result.signal, reason });
          this.#ended(reason);
        },
        (error: unknown) => {
          const problem = error instanceof HttpProblem ? error : new HttpProblem(500, 'the interactive run failed');
          member.send({ type: 'error', problem: problem.toJSON() });
          this.#ended(undefined);
        },
      )
      .finally(() => {
        if (this.#members.size === 0) this.deps.onEmpty();
      });
  }

  #ended(reason: ConsoleRunState['reason']): void {
    this.#control = null;
    this.#stop = null;
    this.#pending = [];
    this.#pendingEof = false;
    this.#state = { ...this.#state, status: this.#state.id === null ? 'idle' : 'ended', ...(reason ? { reason } : {}) };
    this.#broadcastState();
  }

  #emit(entry: ConsoleTranscriptEntry): void {
    this.#broadcast({ type: 'output', ...entry });
  }

  #stateFor(member: ConsoleMember): ConsoleServerFrame {
    let canType = canEdit(member.role);
    if (this.#state.lockedTo !== null) canType &&= this.#state.lockedTo === member.participant.id;
    return { type: 'state', run: { ...this.#state }, you: { ...member.participant, role: member.role, canType } };
  }

  #broadcastState(): void {
    for (const member of this.#members) member.send(this.#stateFor(member));
  }

  #broadcast(frame: ConsoleServerFrame): void {
    for (const member of this.#members) member.send(frame);
  }
}
