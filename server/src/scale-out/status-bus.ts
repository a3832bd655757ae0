import type { SessionStatus } from '@interview-kit/core/protocol';
import type { Cluster } from './cluster.js';

const CHANNEL = 'session-status';

/**
 * Session state changes between instances. A start, an end or a cancellation happens on one
 * instance (`SessionLifecycle.onChange` fires there only); that instance writes it into the
 * session's shared document once (which reaches rooms on every instance through the document),
 * and tells the others through this bus, so that each applies it to its own connections (writable
 * while live, read-only after) and its status cache at once, instead of up to the cache's age
 * later. `follow` runs for changes made here (through the returned function) and for every change
 * another instance announces; nothing is written to a document on receipt.
 * @returns the function to call with each change made on this instance.
 */
export function followSessionStatus(cluster: Cluster | undefined, follow: (sessionId: string, status: SessionStatus) => void): (sessionId: string, status: SessionStatus) => void {
  cluster?.subscribe(CHANNEL, (message) => {
    const { sessionId, status } = JSON.parse(message) as { sessionId: string; status: SessionStatus };
    follow(sessionId, status);
  });
  return (sessionId, status) => {
    follow(sessionId, status);
    cluster?.publish(CHANNEL, JSON.stringify({ sessionId, status }));
  };
}
