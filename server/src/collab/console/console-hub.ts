import type { Role } from '@interview-kit/core/protocol';
import { ConsoleCloseCode, type ConsoleClientFrame, type ConsoleServerFrame } from '@interview-kit/core/console/protocol';
import type { WebSocket } from 'ws';
import { notFound } from '../../problem.js';
import type { RunService } from '../../services/runs/index.js';
import type { SessionService } from '../../services/sessions.js';
import type { SessionLifecycle } from '../../services/lifecycle.js';
import { guardSocket, RECONNECT_REASON } from '../socket-guard.js';
import type { TicketHolder } from '../tickets.js';
import { parseConsoleFrame } from './console-frames.js';
import { ConsoleRoom, type ConsoleMember } from './console-room.js';
import { Heartbeat } from '../heartbeat.js';

export interface ConsoleLimits {
  /** Sustained frames a second from one socket, and the burst above it (typing, pasting). */
  messagesPerSecond: number;
  burst: number;
  /** Output queued for a socket beyond this many bytes closes it (4008): a slow reader must not hold memory. */
  maxBufferedBytes: number;
  /** How often dead sockets are looked for (ping, then close without pong). */
  heartbeatMs: number;
}

export const DEFAULT_CONSOLE_LIMITS: Readonly<ConsoleLimits> = Object.freeze({
  messagesPerSecond: 50,
  burst: 200,
  maxBufferedBytes: 1024 * 1024,
  heartbeatMs: 30_000,
});

/** A ticket holder admitted to a session's console: who they are, as the session knows them. */
export interface ConsoleGuest {
  sessionId: string;
  participant: { id: string; name: string };
  role: Role;
  /** The session's participants, for the room's locks. */
  participants: readonly { id: string; role: Role }[];
}

export interface ConsoleHubDeps {
  sessions: Pick<SessionService, 'find'>;
  runs: Pick<RunService, 'interactive'>;
  /** Session changes: a run in progress is stopped when its interview ends or is cancelled. */
  lifecycle?: Pick<SessionLifecycle, 'onChange'>;
  limits?: ConsoleLimits;
  /** A socket was closed for breaking the protocol's rules. */
  onViolation?(reason: string): void;
}

/**
 * The sockets of `/v1/runs/interactive`, one {@link ConsoleRoom} per session with members. A
 * socket was admitted with a one-time console ticket and is the participant the ticket names;
 * it sends JSON text frames (parsed by `parseConsoleFrame`), at a bounded rate. Rooms live in this
 * process: with several instances, a session's console participants must reach the same one.
 * When an interview ends (or is cancelled) on this instance, its console's run is stopped.
 */
export class ConsoleHub {
  readonly #rooms = new Map<string, ConsoleRoom>();
  readonly #limits: ConsoleLimits;
  readonly #heartbeat: Heartbeat;
  readonly #unfollow: () => void;

  constructor(private readonly deps: ConsoleHubDeps) {
    this.#limits = deps.limits ?? DEFAULT_CONSOLE_LIMITS;
    // Code runs only while the interview is live: its end stops the console's run (`stopped`).
    this.#unfollow =
      deps.lifecycle?.onChange(({ session }) => {
        if (session.status !== 'live') this.#rooms.get(session.id)?.stop();
      }) ?? (() => {});
    this.#heartbeat = new Heartbeat(this.#limits.heartbeatMs);
  }

  /**
   * The ticket's holder as a guest of the console (name and role as the session knows them), or
   * undefined when the session or participant is gone. Read before the upgrade completes, so that
   * no frame arrives before the socket has its room.
   */
  async guest(holder: TicketHolder): Promise<ConsoleGuest | undefined> {
    const session = await this.deps.sessions.find(holder.sessionId);
    const participant = session?.participants.find((p) => p.id === holder.participantId);
    if (!session || !participant) return undefined;
    return { sessionId: session.id, participant: { id: participant.id, name: participant.name }, role: participant.role, participants: session.participants };
  }

  /** Joins the socket to its session's console. */
  accept(ws: WebSocket, guest: ConsoleGuest): void {
    const room = this.#room(guest);
    const member: ConsoleMember = {
      participant: guest.participant,
      role: guest.role,
      send: (frame: ConsoleServerFrame) => {
        if (ws.readyState !== ws.OPEN) return;
        if (ws.bufferedAmount > this.#limits.maxBufferedBytes) {
          ws.close(ConsoleCloseCode.slowConsumer, 'output not read fast enough; reconnect');
          return;
        }
        ws.send(JSON.stringify(frame));
      },
    };
    const parsed = new WeakMap<Buffer, ConsoleClientFrame>();
    this.#heartbeat.watch(ws);
    ws.on('error', () => ws.terminate());
    guardSocket(ws, {
      binary: false,
      messagesPerSecond: this.#limits.messagesPerSecond,
      burst: this.#limits.burst,
      onViolation: (_code, reason) => this.deps.onViolation?.(reason),
      inspect: (data) => {
        parsed.set(data, parseConsoleFrame(data.toString('utf8')));
      },
    });
    ws.on('message', (data: Buffer) => {
      const frame = parsed.get(data);
      if (frame) room.receive(member, frame);
    });
    ws.on('close', () => {
      room.leave(member);
    });
    room.join(member);
  }

  /** Stops every run in progress and closes every socket with the reconnect code. */
  close(): void {
    this.#heartbeat.close();
    this.#unfollow();
    for (const room of this.#rooms.values()) room.stop();
    for (const ws of this.#heartbeat.sockets) ws.close(ConsoleCloseCode.reconnect, RECONNECT_REASON);
  }

  #room({ sessionId, participants }: ConsoleGuest): ConsoleRoom {
    const existing = this.#rooms.get(sessionId);
    if (existing) return existing;
    const room: ConsoleRoom = new ConsoleRoom({
      participants,
      run: async (member, start, hooks) => {
        const current = await this.deps.sessions.find(sessionId);
        if (!current) throw notFound('the session is gone');
        return this.deps.runs.interactive(current, { sub: member.participant.id, role: member.role }, start, hooks);
      },
      onEmpty: () => {
        if (this.#rooms.get(sessionId) === room && room.size === 0 && !room.busy) this.#rooms.delete(sessionId);
      },
    });
    this.#rooms.set(sessionId, room);
    return room;
  }
}
