import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import { fromBase64 } from 'lib0/buffer';
import * as decoding from 'lib0/decoding';
import { Awareness } from 'y-protocols/awareness';
import type { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import { canEdit, isOver, type Role, type SessionStatus, type SessionView } from '../protocol.js';
import type { InterviewSession } from '../session.js';
import { TypedEventTarget } from '../typed-event-target.js';
import { colourFor, lightColourFor } from './colours.js';
import { coalesced } from './coalesced.js';
import { bridgeMesh } from './mesh-bridge.js';
import type { CollabTicket } from './protocol.js';
import { SaveTracker, type SaveState } from './save-state.js';
import { SHARED_SESSION_KEYS, questionStateOf, sessionStateOf, sharedSessionOf, type SharedSessionState } from './session-state.js';
import { codeNamesOf, codeOf, metaOf } from './structure.js';

/**
 * Where the collaboration stands: `connecting` (first contact or reconnecting), `connected`
 * (authenticated with the server, first sync under way), `synced` (holding the server's state;
 * local edits flow), `offline` (no server connection; edits are kept and merged on reconnect).
 */
export type CollabStatus = 'connecting' | 'connected' | 'synced' | 'offline';

/** What each participant shares about itself (awareness `user` field; y-codemirror.next reads `name`, `color`, `colorLight`). */
export interface CollabUser {
  id: string;
  name: string;
  role: Role;
  color: string;
  colorLight: string;
}

/** Dispatched by a {@link CollabSession} when its status changes. */
export class CollabStatusEvent extends Event {
  readonly detail: { status: CollabStatus };
  constructor(detail: { status: CollabStatus }) {
    super('status');
    this.detail = detail;
  }
}

/**
 * Dispatched by a {@link CollabSession} once its document holds the server's state: from the
 * collaboration ticket's snapshot, or from the first sync (see {@link CollabSession.loaded}).
 */
export class CollabLoadedEvent extends Event {
  constructor() {
    super('loaded');
  }
}

/** Dispatched by a {@link CollabSession} when who is present changes. */
export class CollabPresenceEvent extends Event {
  readonly detail: { users: CollabUser[] };
  constructor(detail: { users: CollabUser[] }) {
    super('presence');
    this.detail = detail;
  }
}

/** Dispatched by a {@link CollabSession} when it becomes read-only (the session ended) or writable (the session started). */
export class CollabReadOnlyEvent extends Event {
  readonly detail: { readOnly: boolean };
  constructor(detail: { readOnly: boolean }) {
    super('readonly');
    this.detail = detail;
  }
}

/** Dispatched by a {@link CollabSession} when the server writes a new lifecycle into the shared document (`Y.Map('session')`). */
export class CollabSessionStateEvent extends Event {
  readonly detail: { state: SharedSessionState };
  constructor(detail: { state: SharedSessionState }) {
    super('session-state');
    this.detail = detail;
  }
}

/** Dispatched by a {@link CollabSession} when whether local changes are saved changes (see {@link SaveState}). */
export class CollabSaveStateEvent extends Event {
  readonly detail: { state: SaveState };
  constructor(detail: { state: SaveState }) {
    super('save-state');
    this.detail = detail;
  }
}

/**
 * Dispatched by a {@link CollabSession} when the coding question in play changes (an interviewer
 * moved to another question): {@link CollabSession.code} and {@link CollabSession.languageKey}
 * now name that question's own shared code, and editors rebind to it.
 */
export class CollabQuestionEvent extends Event {
  readonly detail: { slot: number; index: number };
  constructor(detail: { slot: number; index: number }) {
    super('question');
    this.detail = detail;
  }
}

export interface CollabSessionEventMap {
  status: CollabStatusEvent;
  loaded: CollabLoadedEvent;
  presence: CollabPresenceEvent;
  readonly: CollabReadOnlyEvent;
  'session-state': CollabSessionStateEvent;
  'save-state': CollabSaveStateEvent;
  question: CollabQuestionEvent;
}

/**
 * How long the peer-to-peer mesh waits for the document's first sync with the server before it
 * starts anyway: its code (simple-peer) and handshakes stay off the start of the editor.
 */
const MESH_AFTER_SYNC_MAX_MS = 3_000;

/** The Hocuspocus message type of the server's acknowledgement of an update. */
const SYNC_STATUS_MESSAGE = 8;

/** Whether a message from the sync server is a negative acknowledgement: an update the server did not apply. */
function isRefusedUpdate(data: unknown): boolean {
  if (!(data instanceof ArrayBuffer) && !ArrayBuffer.isView(data)) return false;
  try {
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const decoder = decoding.createDecoder(bytes);
    decoding.readVarString(decoder);
    return decoding.readVarUint(decoder) === SYNC_STATUS_MESSAGE && decoding.readVarUint(decoder) === 0;
  } catch {
    return false;
  }
}

/** Whether two lifecycles (or a lifecycle and a session view) differ in a field of the shared lifecycle. */
function lifecycleDiffers(state: SharedSessionState, other: Pick<SharedSessionState, (typeof SHARED_SESSION_KEYS)[number]>): boolean {
  return SHARED_SESSION_KEYS.some((key) => state[key] !== other[key]);
}

/** Options of a {@link CollabSession}. */
export interface CollabSessionOptions {
  /** Join the peer-to-peer mesh (y-webrtc) when the role edits. Default true. */
  peerToPeer?: boolean;
  /** Reconnect backoff of the server connection, ms: first delay and cap. */
  reconnect?: { delayMs?: number; maxDelayMs?: number };
  /** A WebSocket implementation where there is no global one. */
  WebSocket?: unknown;
}

/**
 * The collaborative state of one interview session for one participant: one Y.Doc with two
 * providers. The server connection (Hocuspocus protocol on `/v1/collab`) persists and is the
 * authority; the peer-to-peer mesh (y-webrtc, signaling on `/v1/signal`, encrypted with the
 * session's room secret) carries edits between editors with the lowest latency. Observers and
 * ended sessions use the server connection only.
 *
 * The code shows before the server connection is in: the collaboration ticket carries the
 * document as the server holds it, applied at once ({@link loaded}); the connection's sync then
 * brings what changed since.
 *
 * Peers are trusted less than the server: the mesh syncs a document of its own, bridged to
 * {@link doc} by {@link bridgeMesh}, which drops peers' updates touching server-owned structures
 * (run records, the session's lifecycle; counted in {@link meshRefused}); and presence
 * ({@link awareness}, {@link users}) comes from the server, which stamps who each participant is.
 * The mesh has its own awareness, which nothing shows.
 *
 * It follows the session's lifecycle as the server writes it into the document
 * (`Y.Map('session')`, {@link sessionState}): a change reloads the session's view (so every part
 * sees it without a page reload); an ended or cancelled session turns read-only at once, and a
 * session going live turns writable for roles that edit. {@link saveState} says honestly whether
 * local changes are kept: "saved" only once the server acknowledged the last one.
 *
 * Framework-free; elements get one through {@link collabOf}.
 *
 * @example
 * ```ts
 * const collab = collabOf(session);
 * collab.addEventListener('status', (e) => console.log(e.detail.status));
 * await collab.whenSynced();
 * collab.code.insert(0, '// hello\n');
 * ```
 */
export class CollabSession extends TypedEventTarget<CollabSessionEventMap> {
  readonly session: InterviewSession;
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  readonly #options: CollabSessionOptions;
  #status: CollabStatus = 'connecting';
  #loaded = false;
  #readOnly = true;
  #ticket: CollabTicket | undefined;
  #socket: HocuspocusProviderWebsocket | undefined;
  #provider: HocuspocusProvider | undefined;
  #webrtc: WebrtcProvider | undefined;
  /** Disconnects the mesh's document from {@link doc} and destroys it. */
  #leaveMesh: (() => void) | undefined;
  #meshRefused = 0;
  #private: Promise<Y.Doc> | undefined;
  #privateProvider: HocuspocusProvider | undefined;
  #started: Promise<void> | undefined;
  #destroyed = false;
  #authRetries = 0;
  #startRetries = 0;
  #unlocking = false;
  #sessionState: SharedSessionState | undefined;
  /** The code slot of the coding question in play, as the session's view last said. */
  #slot = 0;
  readonly #save = new SaveTracker();
  /** Reloads the session's view: one load in flight, one queued. */
  readonly #reloadView = coalesced(async () => {
    if (!this.#destroyed) await this.session.load();
  });
  readonly #cleanups: (() => void)[] = [];

  constructor(session: InterviewSession, options: CollabSessionOptions = {}) {
    super();
    this.session = session;
    this.#options = options;
    this.#slot = session.view?.question.slot ?? 0;
    this.awareness.on('change', () => this.dispatchEvent(new CollabPresenceEvent({ users: this.users })));
    this.#save.subscribe((state) => this.dispatchEvent(new CollabSaveStateEvent({ state })));
    const onDispose = () => this.destroy();
    const onChange = () => {
      this.#followView();
      this.#followQuestion();
    };
    session.addEventListener('dispose', onDispose);
    session.addEventListener('change', onChange);
    const lifecycle = sharedSessionOf(this.doc);
    // Only what arrives from outside counts: a write by this page's own code is no lifecycle (the
    // server refuses it; see the class comment).
    const onLifecycle = (event: Y.YMapEvent<unknown>) => {
      if (!event.transaction.local) this.#followSharedState();
    };
    lifecycle.observe(onLifecycle);
    this.#cleanups.push(() => {
      session.removeEventListener('dispose', onDispose);
      session.removeEventListener('change', onChange);
      lifecycle.unobserve(onLifecycle);
    });
  }

  /** The shared code of the coding question in play (each coding question of the session has its own). */
  get code(): Y.Text {
    return codeOf(this.doc, this.#slot);
  }

  /** The key of {@link meta} that holds the language of {@link code}. */
  get languageKey(): string {
    return codeNamesOf(this.#slot).language;
  }

  /** The code slot of the coding question in play (`SessionView.question.slot`). */
  get slot(): number {
    return this.#slot;
  }

  /** The shared metadata (language). */
  get meta(): Y.Map<unknown> {
    return metaOf(this.doc);
  }

  get status(): CollabStatus {
    return this.#status;
  }

  /**
   * Whether the document holds the server's state: the collaboration ticket's snapshot, applied
   * before the sync socket opens, or the first sync. From then on the code shows as the server
   * holds it, and local edits merge with everyone's once the socket is in (until the server
   * acknowledged them, {@link saveState} says `saving`).
   */
  get loaded(): boolean {
    return this.#loaded;
  }

  /** Whether this participant may not edit (observer, ended session, or not yet joined). */
  get readOnly(): boolean {
    return this.#readOnly;
  }

  /** The session's lifecycle as the server last wrote it into the document; `undefined` before it did. */
  get sessionState(): SharedSessionState | undefined {
    return this.#sessionState;
  }

  /** Whether the interview is over (ended or cancelled), as the document or the session's view says: everything is read-only then. */
  get sessionOver(): boolean {
    return this.#over();
  }

  /** Whether local changes are kept by the server (`saving`, `saved`, `offline`, or `refused` with the reason). */
  get saveState(): SaveState {
    return this.#save.value;
  }

  /**
   * Reports that the participant tried to edit read-only code (the editor cannot take the
   * keystrokes): the save state turns `refused` with the reason. Does nothing while writable.
   */
  reportBlockedEdit(): void {
    this.#save.attempted();
  }

  /** Who last wrote `key` of a shared map, as present now (the local participant included); `undefined` when not known. */
  writerOf(map: Y.Map<unknown>, key: string): CollabUser | undefined {
    // Yjs keeps the item of each key's current value; its id names the writing client (no public API for it).
    const item = (map as unknown as { _map?: Map<string, { id: { client: number } }> })._map?.get(key);
    if (!item) return undefined;
    return (this.awareness.getStates().get(item.id.client) as { user?: CollabUser } | undefined)?.user;
  }

  /** Whether edits travel over the peer-to-peer mesh too. */
  get peerToPeer(): boolean {
    return this.#webrtc !== undefined;
  }

  /** How many peers this participant is connected to directly (WebRTC data channels). */
  get meshPeers(): number {
    const conns = this.#webrtc?.room?.webrtcConns;
    return conns ? [...conns.values()].filter((conn) => conn.connected).length : 0;
  }

  /** How many updates from peers were dropped because they touched structures only the server writes. */
  get meshRefused(): number {
    return this.#meshRefused;
  }

  /** The local participant, once joined. */
  get localUser(): CollabUser | undefined {
    return (this.awareness.getLocalState() as { user?: CollabUser } | null)?.user;
  }

  /** Everyone present (one entry per participant, the local one included). */
  get users(): CollabUser[] {
    const byId = new Map<string, CollabUser>();
    for (const state of this.awareness.getStates().values()) {
      const user = (state as { user?: CollabUser }).user;
      if (user && typeof user.id === 'string') byId.set(user.id, user);
    }
    return [...byId.values()];
  }

  /**
   * Joins: fetches the join details, connects to the server, and to peers when editing.
   * Idempotent. When the server cannot be reached, the status turns `offline` and joining is
   * retried with backoff; the returned promise rejects with the first failure.
   */
  start(): Promise<void> {
    return (this.#started ??= this.#start().catch((error: unknown) => {
      this.#started = undefined;
      if (!this.#destroyed) {
        this.#setStatus('offline');
        const delay = Math.min(10_000, 500 * 2 ** this.#startRetries++);
        setTimeout(() => void this.start().catch(() => {}), delay);
      }
      throw error;
    }));
  }

  /** Resolves once the document holds the server's state. */
  async whenSynced(): Promise<void> {
    await this.start();
    if (this.#status === 'synced') return;
    await new Promise<void>((resolve) => {
      const listener = (event: CollabStatusEvent) => {
        if (event.detail.status !== 'synced') return;
        this.removeEventListener('status', listener);
        resolve();
      };
      this.addEventListener('status', listener);
    });
  }

  /**
   * The interviewers' private document (notes live in its Y.Text `notes`), synced over the same
   * connection. Rejects for roles that may not open it.
   */
  privateDocument(): Promise<Y.Doc> {
    return (this.#private ??= this.#openPrivate());
  }

  /** Drops the server connection (for tests and "work offline"); edits are kept. */
  disconnect(): void {
    this.#socket?.disconnect();
    this.#webrtc?.disconnect();
  }

  /** Reconnects after {@link disconnect}; offline edits are merged. */
  reconnect(): void {
    void this.#socket?.connect();
    this.#webrtc?.connect();
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#cleanups.splice(0).forEach((cleanup) => cleanup());
    this.#destroyMesh();
    this.#privateProvider?.destroy();
    this.#provider?.destroy();
    this.#socket?.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }

  async #start(): Promise<void> {
    // The ticket is asked for beside the session view (which the room loads too), and the sync
    // socket opens as soon as the ticket is there: neither waits for the other, nor for the page
    // rendering the view. The ticket first: the server loads the document for it, which takes
    // longer than the view.
    const ticketing = this.#fetchTicket();
    const viewing = this.session.viewOrLoad();
    viewing.catch(() => undefined);
    const ticket = await ticketing;
    if (this.#destroyed) return;
    this.#startRetries = 0;
    this.#ticket = ticket;
    this.#readOnly = ticket.readOnly || this.#over();
    this.#followReadOnly();
    // The document as the server held it when it issued the ticket: the code shows now, while the
    // socket connects, authenticates and syncs (which then brings only what changed since). Applied
    // before the provider exists, so that it is not taken for a local change to send.
    if (ticket.snapshot) {
      try {
        Y.applyUpdate(this.doc, fromBase64(ticket.snapshot));
        this.#markLoaded();
      } catch {
        // Unreadable: the socket's sync brings the document, as without a snapshot.
      }
    }

    const reconnect = this.#options.reconnect ?? {};
    this.#socket = new HocuspocusProviderWebsocket({
      url: this.#url(ticket.syncUrl),
      delay: reconnect.delayMs ?? 500,
      minDelay: reconnect.delayMs ?? 500,
      maxDelay: reconnect.maxDelayMs ?? 10_000,
      factor: 2,
      jitter: true,
      ...(this.#options.WebSocket ? { WebSocketPolyfill: this.#options.WebSocket } : {}),
    });
    this.#socket.on('status', ({ status }: { status: WebSocketStatus }) => {
      if (status === WebSocketStatus.Connecting) this.#setStatus(this.#status === 'synced' ? 'offline' : 'connecting');
      if (status === WebSocketStatus.Disconnected) this.#setStatus('offline');
    });
    // The server closes a socket with a reason when it refuses what came over it (the size limit).
    this.#socket.on('close', ({ event }: { event: { code: number; reason: string } }) => this.#save.closed(event.code, event.reason));
    this.#provider = new HocuspocusProvider({
      websocketProvider: this.#socket,
      name: ticket.documents.shared,
      document: this.doc,
      awareness: this.awareness,
      token: () => this.session.tokenProvider.getToken(),
      onAuthenticated: ({ scope }) => {
        this.#authRetries = 0;
        if (scope === 'readonly') this.#becomeReadOnly();
        this.#setStatus('connected');
      },
      onAuthenticationFailed: () => this.#retryAuthentication(),
      onSynced: ({ state }) => {
        if (!state) return;
        this.#markLoaded();
        this.#setStatus('synced');
      },
      onUnsyncedChanges: ({ number }) => this.#save.unsynced(number),
    });
    this.#provider.on('message', ({ event }: { event: MessageEvent }) => {
      if (isRefusedUpdate(event.data)) this.#refusedUpdate();
    });
    this.#provider.attach();

    // A view that failed to load is loaded again by whoever shows the session (the room's Retry).
    const view = await viewing.catch(() => this.#nextView());
    if (this.#destroyed) return;
    // Joining may have started a scheduled interview (its autoStart): let every part see it live.
    if (view.status === 'scheduled') this.#reloadView();
    this.#publishUser(view);
    if (!ticket.readOnly && ticket.signalingUrl && this.#options.peerToPeer !== false) {
      await this.#syncedOrLater();
      if (!this.#destroyed) await this.#joinMesh(ticket);
    }
  }

  /** Settles once the document is first in sync with the server, or after {@link MESH_AFTER_SYNC_MAX_MS}. */
  #syncedOrLater(): Promise<void> {
    if (this.#status === 'synced') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.removeEventListener('status', onStatus);
        resolve();
      };
      const onStatus = () => this.#status === 'synced' && done();
      const timer = setTimeout(done, MESH_AFTER_SYNC_MAX_MS);
      this.addEventListener('status', onStatus);
    });
  }

  /** The session's next view, whoever loads it. */
  #nextView(): Promise<SessionView> {
    return new Promise((resolve) => this.session.addEventListener('change', (event) => resolve(event.detail.view), { once: true }));
  }

  /** Who this participant is, for the others' presence list and cursors. */
  #publishUser(view: SessionView): void {
    const participantId = view.viewer.participantId ?? 'host';
    const role = view.viewer.role === 'host' ? 'observer' : view.viewer.role;
    const position = view.participants.findIndex((p) => p.id === participantId);
    const name = view.participants[position]?.name ?? participantId;
    // The server stamps the same colours (from the same position) on what others see.
    this.awareness.setLocalStateField('user', {
      id: participantId,
      name,
      role,
      color: colourFor(position),
      colorLight: lightColourFor(position),
    } satisfies CollabUser);
  }

  /** A rejected token is usually an expired one: fetch a fresh token and authenticate again, a few times. */
  #retryAuthentication(): void {
    if (this.#authRetries++ >= 3 || this.#destroyed) {
      this.#setStatus('offline');
      return;
    }
    this.session.tokenProvider.invalidate();
    this.#socket?.disconnect();
    setTimeout(() => void this.#socket?.connect(), 250 * this.#authRetries);
  }

  async #joinMesh(ticket: CollabTicket): Promise<void> {
    // Loaded on demand: the mesh (simple-peer) is the heaviest part and observers never need it.
    const { WebrtcProvider } = await import('y-webrtc');
    // y-webrtc allows one document per room in a page; a second participant of the same session on
    // one page (a host's side-by-side view, tests) edits through the server only.
    if (this.#destroyed || this.#readOnly || meshRoomsInPage.has(ticket.roomName!)) return;
    const roomName = ticket.roomName!;
    meshRoomsInPage.add(roomName);
    // The mesh gets its own document and awareness: see the class comment.
    const meshDoc = new Y.Doc();
    const meshAwareness = new Awareness(meshDoc);
    meshAwareness.setLocalState(null);
    const unbridge = bridgeMesh(this.doc, meshDoc, { refuse: () => this.#meshRefused++ });
    const webrtc = new WebrtcProvider(roomName, meshDoc, {
      signaling: [this.#url(ticket.signalingUrl!)],
      password: ticket.roomSecret!,
      awareness: meshAwareness,
      peerOpts: { config: { iceServers: ticket.iceServers } },
    });
    this.#webrtc = webrtc;
    this.#leaveMesh = () => {
      meshRoomsInPage.delete(roomName);
      webrtc.destroy();
      unbridge();
      meshAwareness.destroy();
      meshDoc.destroy();
    };
    // Tickets are single-use, but y-webrtc reconnects to the same URL: before each reconnect,
    // point its signaling connection at a fresh ticket.
    const conn = webrtc.signalingConns[0] as unknown as {
      url: string;
      connected: boolean;
      on(event: 'disconnect' | 'connect', listener: () => void): void;
    };
    let refreshing = false;
    const refreshTicket = async () => {
      if (refreshing || this.#destroyed) return;
      refreshing = true;
      try {
        const fresh = await this.#fetchTicket({ snapshot: false });
        if (fresh.readOnly || !fresh.signalingUrl) this.#becomeReadOnly();
        else conn.url = this.#url(fresh.signalingUrl);
      } catch {
        // The server is away; the next disconnect or check tries again.
      } finally {
        refreshing = false;
      }
    };
    conn.on('disconnect', () => void refreshTicket());
    const watchdog = setInterval(() => {
      if (!conn.connected) void refreshTicket();
    }, 5_000);
    this.#cleanups.push(() => clearInterval(watchdog));
  }

  async #openPrivate(): Promise<Y.Doc> {
    await this.start();
    const name = this.#ticket?.documents.private;
    if (!name || !this.#socket) throw new Error('Only interviewers can open the private document.');
    const doc = new Y.Doc();
    const provider = new HocuspocusProvider({
      websocketProvider: this.#socket,
      name,
      document: doc,
      // Presence is shared on the code document only.
      awareness: null,
      token: () => this.session.tokenProvider.getToken(),
    });
    this.#privateProvider = provider;
    provider.attach();
    await new Promise<void>((resolve, reject) => {
      provider.on('synced', () => resolve());
      provider.on('authenticationFailed', ({ reason }: { reason: string }) => reject(new Error(`The private document was refused: ${reason}`)));
    });
    return doc;
  }

  /** The server did not apply a local update: say so, and learn why if this side thought it could edit. */
  #refusedUpdate(): void {
    this.#save.refused(this.#readOnlyReason() ?? 'read-only');
    if (!this.#readOnly) this.#reloadView();
  }

  /** A new view may put another coding question in play: its code is bound from now on. */
  #followQuestion(): void {
    const question = this.session.view?.question;
    const slot = question?.slot ?? 0;
    if (slot === this.#slot) return;
    this.#slot = slot;
    this.dispatchEvent(new CollabQuestionEvent({ slot, index: question?.index ?? 0 }));
  }

  /**
   * The server wrote a lifecycle or a current question into the document: follow it at once where
   * it matters, and reload the view when it differs (a new current question's content comes with
   * the view, as each role may see it).
   */
  #followSharedState(): void {
    const current = questionStateOf(this.doc).questionIndex;
    const plan = this.session.view?.plan;
    if (current !== null && plan && plan.current !== current) this.#reloadView();
    const state = sessionStateOf(this.doc);
    if (!state || (this.#sessionState && !lifecycleDiffers(state, this.#sessionState))) return;
    this.#sessionState = state;
    if (isOver(state.status)) this.#becomeReadOnly();
    else this.#followReadOnly();
    this.dispatchEvent(new CollabSessionStateEvent({ state }));
    this.#reconcileView(state);
  }

  /**
   * Brings the session's view in line with a lifecycle the server wrote into the document. Before
   * the first view is there (the ticket's snapshot arrived first), the view on its way is compared
   * once it is: it may predate the state (joining may have started the interview), or show it
   * already, and a second request for it would be one too many.
   */
  #reconcileView(state: SharedSessionState): void {
    const view = this.session.view;
    if (!view) {
      this.session.viewOrLoad().then(
        () => !this.#destroyed && this.#sessionState === state && this.#reconcileView(state),
        () => undefined,
      );
      return;
    }
    if (!lifecycleDiffers(state, view)) return;
    // Every part sees the change now; the reload brings what else it changed (a question revealed
    // at the start). A cancelled session cannot be loaded any more: the pushed state is all there is.
    this.session.adopt(state);
    if (state.status !== 'cancelled') this.#reloadView();
  }

  /** A new session view: read-only once over, writable once live for roles that edit. */
  #followView(): void {
    const view = this.session.view;
    if (!view) return;
    if (isOver(view.status)) this.#becomeReadOnly();
    else if (view.status === 'live' && view.viewer.role !== 'host' && canEdit(view.viewer.role)) void this.#becomeWritable();
    this.#followReadOnly();
  }

  #over(): boolean {
    const statuses: (SessionStatus | undefined)[] = [this.#sessionState?.status, this.session.view?.status];
    return statuses.some((status) => status !== undefined && isOver(status));
  }

  /** Why this participant may not edit: `null` while it may (or before it joined). */
  #readOnlyReason(): 'ended' | 'read-only' | null {
    if (this.#over()) return 'ended';
    return this.#ticket && this.#readOnly ? 'read-only' : null;
  }

  #followReadOnly(): void {
    this.#save.readOnly(this.#readOnlyReason());
  }

  #becomeReadOnly(): void {
    this.#destroyMesh();
    const changed = !this.#readOnly;
    this.#readOnly = true;
    this.#followReadOnly();
    if (changed) this.dispatchEvent(new CollabReadOnlyEvent({ readOnly: true }));
  }

  /** The interview went live after this participant joined read-only: with a fresh ticket that allows editing, edit (and join the mesh). */
  async #becomeWritable(): Promise<void> {
    if (this.#unlocking || !this.#readOnly || !this.#ticket || this.#destroyed || this.#over()) return;
    this.#unlocking = true;
    try {
      const ticket = await this.#fetchTicket({ snapshot: false });
      if (this.#destroyed || ticket.readOnly || !this.#readOnly || this.#over()) return;
      this.#ticket = ticket;
      this.#readOnly = false;
      this.#followReadOnly();
      this.dispatchEvent(new CollabReadOnlyEvent({ readOnly: false }));
      if (ticket.signalingUrl && this.#options.peerToPeer !== false) await this.#joinMesh(ticket);
    } catch {
      // The server is away: the next view change tries again.
    } finally {
      this.#unlocking = false;
    }
  }

  #destroyMesh(): void {
    this.#leaveMesh?.();
    this.#leaveMesh = undefined;
    this.#webrtc = undefined;
  }

  /** A ticket; `snapshot: false` once the document is here (a fresh signaling ticket, edits allowed after going live). */
  #fetchTicket(options?: { snapshot?: boolean }): Promise<CollabTicket> {
    return this.session.client.collabTicket(this.session.sessionId, options);
  }

  #url(path: string): string {
    const url = new URL(path.replace(/^\/+/, ''), this.session.client.server);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url.href;
  }

  #markLoaded(): void {
    if (this.#loaded) return;
    this.#loaded = true;
    this.dispatchEvent(new CollabLoadedEvent());
  }

  #setStatus(status: CollabStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.#save.connection(status);
    this.dispatchEvent(new CollabStatusEvent({ status }));
  }
}

const sessions = new WeakMap<InterviewSession, CollabSession>();

/** The mesh rooms joined by collaboration sessions of this page. */
const meshRoomsInPage = new Set<string>();

/**
 * The one {@link CollabSession} of an interview session, created (and started) on first use, so
 * that every element on the page shares one document and one set of connections.
 */
export function collabOf(session: InterviewSession, options?: CollabSessionOptions): CollabSession {
  let collab = sessions.get(session);
  if (!collab) {
    collab = new CollabSession(session, options);
    sessions.set(session, collab);
    void collab.start().catch(() => {
      // Reported through the status; callers awaiting start() see the error themselves.
    });
  }
  return collab;
}
