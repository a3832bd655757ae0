import { createHmac } from 'node:crypto';

/**
 * The peer-to-peer mesh of a session: y-webrtc peers find each other through a signaling topic
 * (y-webrtc calls it a "room"; the wire field of the collab ticket keeps that name) and encrypt
 * what they signal with a password.
 */

/** The session's signaling topic. */
export function meshTopic(sessionId: string): string {
  return `interview-kit:${sessionId}`;
}

/**
 * The session's mesh password: y-webrtc derives the key that encrypts every signaling message
 * from it, so the signaling server relays what it cannot read. Derived from the server secret, it
 * is the same after a restart without being stored.
 */
export function meshSecret(serverSecret: Uint8Array, sessionId: string): string {
  return createHmac('sha256', serverSecret).update(`collab-room-secret:${sessionId}`).digest('base64url');
}
