/** An RTCIceServer, as the server hands it out. */
export interface IceServerConfig {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** Response of `POST /v1/sessions/:id/collab-ticket`: how to join the session's documents. */
export interface CollabTicket {
  /** Path of the Yjs sync WebSocket (relative to the server URL). */
  syncUrl: string;
  documents: {
    /** Name of the shared code document. */
    shared: string;
    /** Name of the interviewers' private document; `null` for other roles. */
    private: string | null;
  };
  /** Whether the server refuses this participant's edits (observers, or the session ended). */
  readOnly: boolean;
  /** One-time signaling ticket; `null` when the participant does not join the peer-to-peer mesh. */
  ticket: string | null;
  expiresAt: string | null;
  /** Path and query of the signaling WebSocket, ticket included. */
  signalingUrl: string | null;
  /** The y-webrtc room of the session. */
  roomName: string | null;
  /** y-webrtc password: signaling is encrypted with it, so the server relays what it cannot read. */
  roomSecret: string | null;
  iceServers: IceServerConfig[];
  /**
   * The shared document's state when the ticket was issued (a Yjs update, v1, base64), so that
   * the code can show before the sync socket is in; `null` (or absent, from older servers) when
   * the server left it out (a large document) or it was not asked for (`snapshot: false` in
   * `InterviewClient.collabTicket`).
   */
  snapshot?: string | null;
}

/** One accepted update of the shared document, as `GET /v1/sessions/:id/timeline` lists it. */
export interface TimelineEntryWire {
  seq: number;
  /** Participant id; `null` for the starter code the server wrote. */
  author: string | null;
  /** ISO 8601 time the server accepted it. */
  at: string;
  /** Yjs update (v1), base64. */
  update: string;
}

/** Response of `GET /v1/sessions/:id/timeline`. */
export interface TimelineResponse {
  document: string;
  updates: TimelineEntryWire[];
}
