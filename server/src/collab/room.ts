import { createHmac } from 'node:crypto';

/** The y-webrtc room (signaling topic) of a session. */
export function roomName(sessionId: string): string {
  return `interview-kit:${sessionId}`;
}

/**
 * The session's room secret: y-webrtc derives the key that encrypts every signaling message from
 * it, so the signaling server relays what it cannot read. Derived from the server secret, it is
 * the same after a restart without being stored.
 */
export function roomSecret(serverSecret: Uint8Array, sessionId: string): string {
  return createHmac('sha256', serverSecret).update(`collab-room-secret:${sessionId}`).digest('base64url');
}
