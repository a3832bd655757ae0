/** Whom the page is for: a session and one of its participants, as the host's link names them. */
export interface Participant {
  sessionId: string;
  participantId: string;
}

/** The participant of a path `/room/<session id>/<participant id>` (the example portal's links). */
export function participantOfPath(path: string): Participant | undefined {
  const [, room, sessionId, participantId] = path.split('/').map(decodeURIComponent);
  return room === 'room' && sessionId && participantId ? { sessionId, participantId } : undefined;
}

/** The Interview Kit server's URL, from the host's backend. */
export async function interviewKitServer(): Promise<string> {
  const response = await fetch('/api/config');
  if (!response.ok) throw new Error(`the host's backend answered ${response.status}`);
  return ((await response.json()) as { serverUrl: string }).serverUrl;
}

/**
 * The token provider: asks the host's backend for a fresh token of this participant (`{ token,
 * expiresAt }`); the room calls it again shortly before the token expires.
 */
export function tokenProviderFor({ sessionId, participantId }: Participant) {
  return async (): Promise<{ token: string; expiresAt: string }> => {
    const path = `/api/sessions/${encodeURIComponent(sessionId)}/participants/${encodeURIComponent(participantId)}/token`;
    const response = await fetch(path, { method: 'POST' });
    if (!response.ok) throw new Error(`no token: the host's backend answered ${response.status}`);
    return response.json();
  };
}
