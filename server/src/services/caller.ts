import type { ParticipantClaims } from '@interview-kit/core/protocol';

/** Who made a request: a host backend through its API key, or a participant through a token. */
export type Caller =
  | { kind: 'host'; tenantId: string; keyId: string }
  | { kind: 'participant'; claims: ParticipantClaims };

/** How a route authenticates: a host's API key, or a participant token. */
export type Security = 'apiKey' | 'participantToken';
