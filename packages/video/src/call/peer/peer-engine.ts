import { captureFrom } from '../devices.js';
import type { CallEngine, EngineContext } from '../engine.js';
import { asVideoCallError, VideoCallError } from '../errors.js';
import { pickActiveSpeaker, type CallParticipant, type ConnectionQuality } from '../state.js';
import { SignalingChannel } from './signaling.js';

/** Marks our messages apart from y-webrtc's on the shared signaling topic. */
const APP = 'interview-kit/media';

/** The fields of `POST /v1/sessions/:id/collab-ticket`'s answer that a media link needs. */
export interface MediaTicket {
  /** One-time signaling ticket; `null` for participants who do not join the peer-to-peer mesh. */
  ticket: string | null;
  /** Path and query of the signaling WebSocket, ticket included. */
  signalingUrl: string | null;
  roomName: string | null;
  roomSecret: string | null;
  iceServers: RTCIceServer[];
}

/** What a participant publishes about their own media, so the other side can show it. */
interface MediaFlags {
  microphone: boolean;
  camera: boolean;
  screen: boolean;
  /** Id of the stream carrying the screen share, to tell it from the camera. */
  screenStreamId: string;
}

interface Who {
  id: string;
  name: string;
}

type PeerBody =
  | { type: 'hello'; participant: Who; flags: MediaFlags }
  | { type: 'full' }
  | { type: 'bye' }
  | { type: 'flags'; flags: MediaFlags }
  | { type: 'description'; description: RTCSessionDescriptionInit }
  | { type: 'candidate'; candidate: RTCIceCandidateInit };

/** A message on the wire: a body, who sent it and, unless it is for everyone, whom it is for. */
type PeerMessage = PeerBody & { app: typeof APP; from: string; to?: string };

type Slot = 'audio' | 'camera' | 'screen';

/** One peer connection to the other participant, negotiated with the "perfect negotiation" pattern. */
interface Link {
  peerId: string;
  participant: Who;
  pc: RTCPeerConnection;
  polite: boolean;
  makingOffer: boolean;
  ignoreOffer: boolean;
  flags: MediaFlags;
  senders: Partial<Record<Slot, RTCRtpSender>>;
  remoteAudio: MediaStreamTrack | undefined;
  /** Remote video tracks by the id of the stream they arrived in. */
  remoteVideos: Map<string, MediaStreamTrack>;
  quality: ConnectionQuality;
  speaking: boolean;
}

export interface PeerEngineOptions {
  /** The local participant. */
  self: Who;
  /** Base URL of the reference server (signaling paths are relative to it). */
  server: string;
  /** `POST /v1/sessions/:id/collab-ticket` through the session's client (and so its token provider). */
  fetchTicket(): Promise<MediaTicket>;
  /** Overrides the ICE servers the server hands out (e.g. a TURN server). */
  iceServers?: RTCIceServer[] | undefined;
  /** How often audio levels and link quality are sampled, in ms. Default 1000. */
  statsIntervalMs?: number;
  /** How often lost signaling is reopened before the call fails. Default 8. */
  maxReconnects?: number;
}

/** Audio level (0–1) above which someone counts as speaking. */
const SPEAKING_LEVEL = 0.02;

/**
 * Peer-to-peer mode for two participants, when the server has no LiveKit: media flows over one
 * `RTCPeerConnection` between them, negotiated through the server's authenticated signaling
 * endpoint (encrypted with the session's room secret). A third participant is told the call is
 * full. Lost signaling is reopened with a fresh one-time ticket while media keeps flowing.
 */
export class PeerEngine implements CallEngine {
  readonly mode = 'p2p' as const;
  readonly #ctx: EngineContext;
  readonly #options: PeerEngineOptions;
  readonly #peerId = crypto.randomUUID();
  readonly #links = new Map<string, Link>();
  readonly #cameraStream = new MediaStream();
  readonly #screenStream = new MediaStream();
  readonly #local: Partial<Record<Slot, MediaStreamTrack>> = {};
  #flags: MediaFlags;
  #channel: SignalingChannel | undefined;
  #iceServers: RTCIceServer[] = [];
  #stats: ReturnType<typeof setInterval> | undefined;
  #localSpeaking = false;
  #closed = false;

  constructor(ctx: EngineContext, options: PeerEngineOptions) {
    this.#ctx = ctx;
    this.#options = options;
    this.#flags = { microphone: false, camera: false, screen: false, screenStreamId: this.#screenStream.id };
  }

  async connect(): Promise<void> {
    this.#closed = false;
    await this.#openChannel();
    this.#stats = setInterval(() => void this.#sample(), this.#options.statsIntervalMs ?? 1000);
    this.#sync();
  }

  async disconnect(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#stats);
    // Camera and microphone go off first, before the goodbye that may take a while.
    for (const slot of ['audio', 'camera', 'screen'] as const) this.#release(slot);
    const channel = this.#channel;
    this.#channel = undefined;
    if (channel?.open) await this.#send({ type: 'bye' }, channel).catch(() => {});
    channel?.close();
    for (const peerId of [...this.#links.keys()]) this.#drop(peerId, false);
  }

  async setMicrophoneEnabled(enabled: boolean): Promise<void> {
    if (enabled && !this.#local.audio) await this.#capture('audio', this.#ctx.store.value.selectedDevices.audioinput);
    if (this.#local.audio) this.#local.audio.enabled = enabled;
    await this.#announce({ microphone: enabled && !!this.#local.audio });
  }

  async setCameraEnabled(enabled: boolean): Promise<void> {
    if (enabled && !this.#local.camera) {
      await this.#capture('camera', this.#ctx.store.value.selectedDevices.videoinput);
    } else if (!enabled) {
      // Stopping (not just disabling) the track turns the camera light off; the sender stays for later.
      this.#release('camera');
      await Promise.all([...this.#links.values()].map((link) => link.senders.camera?.replaceTrack(null)));
    }
    await this.#announce({ camera: enabled });
  }

  async setScreenShareEnabled(enabled: boolean): Promise<void> {
    if (enabled && !this.#local.screen) {
      let stream: MediaStream;
      try {
        stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      } catch (error) {
        throw new VideoCallError('screen-share-failed', error instanceof Error ? error.message : String(error), { cause: error });
      }
      const track = stream.getVideoTracks()[0]!;
      // The browser's own "Stop sharing" button ends the track.
      track.addEventListener('ended', () => void this.setScreenShareEnabled(false));
      this.#local.screen = track;
      this.#screenStream.addTrack(track);
      for (const link of this.#links.values()) this.#attach(link, 'screen');
    } else if (!enabled && this.#local.screen) {
      this.#release('screen');
      for (const link of this.#links.values()) {
        const sender = link.senders.screen;
        if (sender && link.pc.signalingState !== 'closed') link.pc.removeTrack(sender);
        delete link.senders.screen;
      }
    }
    await this.#announce({ screen: enabled && !!this.#local.screen });
  }

  async switchDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    const slot = kind === 'audioinput' ? 'audio' : 'camera';
    const current = this.#local[slot];
    if (!current) return; // used the next time the device is turned on
    const enabled = current.enabled;
    this.#release(slot);
    await this.#capture(slot, deviceId);
    const track = this.#local[slot];
    if (track) track.enabled = enabled;
  }

  // --- signaling -----------------------------------------------------------------------------

  async #ticket(): Promise<MediaTicket> {
    let ticket: MediaTicket;
    try {
      ticket = await this.#options.fetchTicket();
    } catch (error) {
      throw asVideoCallError(error);
    }
    if (!ticket.ticket || !ticket.signalingUrl || !ticket.roomName || !ticket.roomSecret) {
      throw new VideoCallError('p2p-unavailable', 'This participant does not join peer-to-peer calls.');
    }
    return ticket;
  }

  async #openChannel(): Promise<void> {
    const ticket = await this.#ticket();
    this.#iceServers = this.#options.iceServers ?? ticket.iceServers;
    const url = new URL(ticket.signalingUrl!, this.#options.server);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    let channel: SignalingChannel;
    try {
      channel = await SignalingChannel.open({ url: url.href, roomName: ticket.roomName!, roomSecret: ticket.roomSecret! });
    } catch (error) {
      throw new VideoCallError('media-server-unreachable', error instanceof Error ? error.message : String(error), { cause: error });
    }
    if (this.#closed) {
      channel.close();
      return;
    }
    this.#channel = channel;
    channel.onmessage = (message) => this.#receive(message);
    channel.onclose = () => void this.#reopenChannel();
    await this.#send({ type: 'hello', participant: this.#options.self, flags: this.#flags });
  }

  /** Signaling dropped: media keeps flowing over existing links while a fresh ticket reopens it. */
  async #reopenChannel(): Promise<void> {
    this.#channel = undefined;
    if (this.#closed) return;
    if (!this.#hasLiveLink()) this.#ctx.store.update({ phase: 'reconnecting' });
    const max = this.#options.maxReconnects ?? 8;
    let lastError: unknown;
    for (let attempt = 0; attempt < max && !this.#closed; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(8000, 300 * 2 ** attempt)));
      if (this.#closed) return;
      try {
        await this.#openChannel();
        this.#ctx.store.update({ phase: 'connected' });
        return;
      } catch (error) {
        lastError = error;
        if (error instanceof VideoCallError && (error.code === 'token-expired' || error.code === 'p2p-unavailable')) break;
      }
    }
    if (!this.#closed) this.#ctx.onFatal(lastError);
  }

  async #send(
    body: PeerBody & { to?: string },
    channel: SignalingChannel | undefined = this.#channel,
  ): Promise<void> {
    await channel?.send({ ...body, app: APP, from: this.#peerId });
  }

  async #receive(raw: unknown): Promise<void> {
    const message = raw as PeerMessage;
    if (typeof message !== 'object' || message === null || message.app !== APP || typeof message.from !== 'string') return;
    if (message.from === this.#peerId || (message.to !== undefined && message.to !== this.#peerId) || this.#closed) return;
    const link = this.#links.get(message.from);
    switch (message.type) {
      case 'hello':
        return this.#onHello(message.from, message.to === undefined, message.participant, message.flags);
      case 'full':
        // Told by a participant of a call we are not part of: more than two need LiveKit.
        if (this.#links.size === 0) {
          this.#ctx.onFatal(new VideoCallError('room-full', 'A peer-to-peer call carries two participants.'));
        }
        return;
      case 'bye':
        if (link) this.#drop(message.from);
        return;
      case 'flags':
        if (link) {
          link.flags = message.flags;
          this.#sync();
        }
        return;
      case 'description':
        if (link) await this.#onDescription(link, message.description);
        return;
      case 'candidate':
        if (link) {
          try {
            await link.pc.addIceCandidate(message.candidate);
          } catch (error) {
            if (!link.ignoreOffer) throw error;
          }
        }
        return;
    }
  }

  async #onHello(peerId: string, broadcast: boolean, participant: Who, flags: MediaFlags): Promise<void> {
    if (typeof participant?.id !== 'string') return;
    const known = this.#links.get(peerId);
    if (known) {
      known.flags = flags;
      // They re-announced (their signaling reconnected): nothing to renegotiate.
      this.#sync();
      return;
    }
    const busy = [...this.#links.values()].some((link) => link.participant.id !== participant.id);
    if (busy) {
      await this.#send({ type: 'full', to: peerId });
      return;
    }
    // The same participant from a new page (a reload): the old link is dead.
    for (const link of [...this.#links.values()]) this.#drop(link.peerId);
    this.#createLink(peerId, { id: participant.id, name: String(participant.name ?? participant.id) }, flags);
    if (broadcast) await this.#send({ type: 'hello', to: peerId, participant: this.#options.self, flags: this.#flags });
  }

  async #onDescription(link: Link, description: RTCSessionDescriptionInit): Promise<void> {
    const { pc } = link;
    const collision = description.type === 'offer' && (link.makingOffer || pc.signalingState !== 'stable');
    link.ignoreOffer = !link.polite && collision;
    if (link.ignoreOffer) return;
    await pc.setRemoteDescription(description);
    if (description.type === 'offer') {
      await pc.setLocalDescription();
      await this.#send({ type: 'description', to: link.peerId, description: pc.localDescription!.toJSON() });
    }
  }

  // --- peer connections ----------------------------------------------------------------------

  #createLink(peerId: string, participant: Who, flags: MediaFlags): Link {
    const pc = new RTCPeerConnection({ iceServers: this.#iceServers });
    const link: Link = {
      peerId,
      participant,
      pc,
      polite: this.#peerId < peerId,
      makingOffer: false,
      ignoreOffer: false,
      flags,
      senders: {},
      remoteAudio: undefined,
      remoteVideos: new Map(),
      quality: 'unknown',
      speaking: false,
    };
    this.#links.set(peerId, link);
    pc.onnegotiationneeded = async () => {
      try {
        link.makingOffer = true;
        await pc.setLocalDescription();
        await this.#send({ type: 'description', to: peerId, description: pc.localDescription!.toJSON() });
      } catch {
        // A newer negotiation supersedes this one.
      } finally {
        link.makingOffer = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) void this.#send({ type: 'candidate', to: peerId, candidate: candidate.toJSON() });
    };
    pc.ontrack = ({ track, streams }) => {
      if (track.kind === 'audio') link.remoteAudio = track;
      else link.remoteVideos.set(streams[0]?.id ?? track.id, track);
      track.addEventListener('unmute', () => this.#sync());
      this.#sync();
    };
    pc.onconnectionstatechange = () => this.#onConnectionState(link);
    // Without media on either side nothing would be negotiated; a data channel makes the link form anyway.
    if (!link.polite) pc.createDataChannel('presence');
    for (const slot of ['audio', 'camera', 'screen'] as const) this.#attach(link, slot);
    this.#sync();
    return link;
  }

  #onConnectionState(link: Link): void {
    if (this.#links.get(link.peerId) !== link) return;
    switch (link.pc.connectionState) {
      case 'connected':
        if (link.quality === 'unknown' || link.quality === 'lost') link.quality = 'good';
        break;
      case 'disconnected':
        link.quality = 'lost';
        break;
      case 'failed':
        // Start over: both sides drop the link and announce themselves again.
        this.#drop(link.peerId);
        void this.#send({ type: 'hello', participant: this.#options.self, flags: this.#flags });
        return;
      case 'closed':
        this.#drop(link.peerId);
        return;
    }
    this.#sync();
  }

  #drop(peerId: string, sync = true): void {
    const link = this.#links.get(peerId);
    if (!link) return;
    this.#links.delete(peerId);
    link.pc.onconnectionstatechange = null;
    link.pc.close();
    if (sync) this.#sync();
  }

  #hasLiveLink(): boolean {
    return [...this.#links.values()].some((link) => link.pc.connectionState === 'connected');
  }

  /** Sends the local track of `slot` to `link`, reusing its sender when there is one. */
  #attach(link: Link, slot: Slot): void {
    const track = this.#local[slot];
    if (!track || link.pc.signalingState === 'closed') return;
    const sender = link.senders[slot];
    if (sender) void sender.replaceTrack(track);
    else link.senders[slot] = link.pc.addTrack(track, slot === 'screen' ? this.#screenStream : this.#cameraStream);
  }

  /** Captures the camera or microphone from `deviceId` (the default when it is gone) and sends it. */
  async #capture(slot: 'audio' | 'camera', deviceId: string): Promise<void> {
    const media = slot === 'audio' ? 'audio' : 'video';
    const stream = await captureFrom(deviceId, (constraint) => navigator.mediaDevices.getUserMedia({ [media]: constraint }));
    const track = slot === 'audio' ? stream.getAudioTracks()[0]! : stream.getVideoTracks()[0]!;
    if (this.#closed) {
      // The call ended while the browser was opening the device: it must not stay on.
      for (const captured of stream.getTracks()) captured.stop();
      return;
    }
    this.#release(slot);
    this.#local[slot] = track;
    this.#cameraStream.addTrack(track);
    for (const link of this.#links.values()) this.#attach(link, slot);
    const kind = slot === 'audio' ? 'audioinput' : 'videoinput';
    const capturing = track.getSettings().deviceId;
    if (capturing) this.#ctx.store.update((state) => ({ selectedDevices: { ...state.selectedDevices, [kind]: capturing } }));
  }

  #release(slot: Slot): void {
    const track = this.#local[slot];
    if (!track) return;
    track.stop();
    (slot === 'screen' ? this.#screenStream : this.#cameraStream).removeTrack(track);
    delete this.#local[slot];
  }

  async #announce(changes: Partial<MediaFlags>): Promise<void> {
    this.#flags = { ...this.#flags, ...changes };
    this.#sync();
    await this.#send({ type: 'flags', flags: this.#flags });
  }

  // --- observation ---------------------------------------------------------------------------

  /** Samples audio levels (who speaks) and round-trip times (link quality). */
  async #sample(): Promise<void> {
    let changed = false;
    for (const link of this.#links.values()) {
      if (link.pc.connectionState !== 'connected') continue;
      const report = await link.pc.getStats().catch(() => undefined);
      if (!report) continue;
      let speaking = false;
      let quality: ConnectionQuality = link.quality;
      let localLevel: number | undefined;
      report.forEach((entry: Record<string, unknown>) => {
        if (entry['type'] === 'inbound-rtp' && entry['kind'] === 'audio' && typeof entry['audioLevel'] === 'number') {
          speaking = link.flags.microphone && entry['audioLevel'] > SPEAKING_LEVEL;
        } else if (entry['type'] === 'media-source' && entry['kind'] === 'audio' && typeof entry['audioLevel'] === 'number') {
          localLevel = entry['audioLevel'];
        } else if (entry['type'] === 'candidate-pair' && entry['nominated'] && typeof entry['currentRoundTripTime'] === 'number') {
          const rtt = entry['currentRoundTripTime'];
          quality = rtt < 0.15 ? 'excellent' : rtt < 0.4 ? 'good' : 'poor';
        }
      });
      const localSpeaking = this.#flags.microphone && (localLevel ?? 0) > SPEAKING_LEVEL;
      if (speaking !== link.speaking || quality !== link.quality || localSpeaking !== this.#localSpeaking) changed = true;
      link.speaking = speaking;
      link.quality = quality;
      this.#localSpeaking = localSpeaking;
    }
    if (changed) this.#sync();
  }

  #sync(): void {
    if (this.#closed) return;
    const links = [...this.#links.values()];
    const local: CallParticipant = {
      id: this.#options.self.id,
      name: this.#options.self.name,
      isLocal: true,
      microphoneEnabled: this.#flags.microphone,
      cameraEnabled: this.#flags.camera,
      screenSharing: this.#flags.screen,
      speaking: this.#localSpeaking,
      connectionQuality: links[0]?.quality ?? 'unknown',
      cameraTrack: this.#local.camera,
      screenTrack: this.#local.screen,
      microphoneTrack: this.#local.audio,
    };
    const remote = links.map((link): CallParticipant => {
      const { flags } = link;
      const camera = [...link.remoteVideos].find(([streamId, track]) => streamId !== flags.screenStreamId && track.readyState === 'live');
      return {
        id: link.participant.id,
        name: link.participant.name,
        isLocal: false,
        microphoneEnabled: flags.microphone,
        cameraEnabled: flags.camera,
        screenSharing: flags.screen,
        speaking: link.speaking,
        connectionQuality: link.quality,
        cameraTrack: flags.camera ? camera?.[1] : undefined,
        screenTrack: flags.screen ? link.remoteVideos.get(flags.screenStreamId) : undefined,
        audioTrack: link.remoteAudio,
      };
    });
    const participants = [local, ...remote];
    this.#ctx.store.update((state) => ({ participants, activeSpeakerId: pickActiveSpeaker(participants, state.activeSpeakerId) }));
  }
}
