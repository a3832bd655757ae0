import { AccessToken, TrackSource, type VideoGrant } from 'livekit-server-sdk';
import type { Role } from '@interview-kit/core/protocol';

/** LiveKit tokens live minutes, not the length of the interview; clients refresh them. */
export const LIVEKIT_TOKEN_TTL_SECONDS = 10 * 60;

export interface LiveKitCredentials {
  url: string;
  apiKey: string;
  apiSecret: string;
}

/**
 * The narrowest grants for a role: join this one room; candidates and interviewers publish camera,
 * microphone and screen share; observers only subscribe. Nobody may create, list or administer rooms.
 */
export function grantsFor(room: string, role: Role): VideoGrant {
  const publishes = role !== 'observer';
  return {
    room,
    roomJoin: true,
    roomCreate: false,
    roomList: false,
    roomAdmin: false,
    roomRecord: false,
    canSubscribe: true,
    canPublish: publishes,
    canPublishData: publishes,
    canPublishSources: publishes
      ? [TrackSource.CAMERA, TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO]
      : [],
    canUpdateOwnMetadata: false,
  };
}

/** Mints a LiveKit access token: room = session id, identity = participant id. */
export async function mintLiveKitToken(
  credentials: LiveKitCredentials,
  grant: { sessionId: string; participantId: string; name: string; role: Role },
): Promise<string> {
  const token = new AccessToken(credentials.apiKey, credentials.apiSecret, {
    identity: grant.participantId,
    name: grant.name,
    ttl: LIVEKIT_TOKEN_TTL_SECONDS,
    metadata: JSON.stringify({ role: grant.role }),
  });
  token.addGrant(grantsFor(grant.sessionId, grant.role));
  return token.toJwt();
}
