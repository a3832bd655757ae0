import type { Connection } from '@hocuspocus/server';
import { CloseCode, refuseSocket } from '../socket-guard.js';

/**
 * A refusal of a Hocuspocus hook. Deliberately not an `Error`: Hocuspocus prints every thrown
 * value that has a `message` to the console, and refusals are routine, not faults. `reason` is
 * what the client's `onAuthenticationFailed` receives.
 */
export class Refusal {
  constructor(readonly reason: string) {}
}

/**
 * What a `beforeHandleMessage` hook returns for a message that must not be handled: a promise
 * that never settles, so Hocuspocus neither applies, acknowledges nor relays the message (a
 * rejection would do the same but is logged as a fault and closes the connection). Nothing holds
 * the promise, so it is collected with the message.
 */
export function dropMessage(): Promise<never> {
  return new Promise<never>(() => {});
}

/**
 * Refuses a message that breaks a rule of the sync endpoint: the socket is closed with `reason`
 * (the stock provider reports it in its `close` event and reconnects later), nothing of the
 * message is applied, stored or relayed, and no later message of the socket is handled.
 */
export function refuseMessage(connection: Connection, reason: string): Promise<never> {
  refuseSocket(connection.webSocket, CloseCode.policyViolation, reason);
  return dropMessage();
}

/** Whether the connection's socket was refused (or is closing): its pending messages are dropped. */
export function socketRefused(connection: Connection): boolean {
  return connection.webSocket.readyState !== connection.webSocket.OPEN;
}
