/**
 * Helpers for the collaboration tests: the sessions they start from, and stock Yjs clients
 * (Hocuspocus provider, raw y-protocols frames). The server comes from ./harness.ts (in-process)
 * or scripts/lib/reference-server.mjs (a subprocess, to kill without warning).
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { CreatedSession } from './harness.js';
import { MessageType } from '../collab/sync-frames.js';
import { sampleSession } from '@interview-kit/core/testing';

/** The sample session with `starterCode` in the shared editor and no tests: where collaboration tests start. */
export const sessionWithCode = (starterCode = 'print("hello")\n') => sampleSession({ question: { starterCode, tests: [] } });

/** The WebSocket origin of a server's `http://` URL. */
export const wsUrl = (server: { url: string }) => server.url.replace(/^http/, 'ws');

/**
 * The provider's sockets. The provider removes its listeners from a socket before closing it, and
 * `ws` reports a socket closed while still connecting as an `error` event: without a listener of
 * its own, a reconnect attempt cut short at the end of a test would end the test process.
 */
class ProviderSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => {});
  }
}

/** Node 22+ has a global WebSocket (the browser's API); Node 20 needs `ws`'s. */
const providerWebSocket: unknown = (globalThis as { WebSocket?: unknown }).WebSocket ?? ProviderSocket;

/** A stock Hocuspocus provider (the published client, not ours) for one document. */
export function connectProvider(wsUrl: string, name: string, token: string | null, doc = new Y.Doc()) {
  const provider = new HocuspocusProvider({
    url: `${wsUrl}/v1/collab`,
    name,
    token,
    document: doc,
    WebSocketPolyfill: providerWebSocket,
    // Short reconnect delays, so that no retry timer outlives a test by long.
    delay: 100,
    minDelay: 100,
    maxDelay: 500,
  } as ConstructorParameters<typeof HocuspocusProvider>[0]);
  return { provider, doc, text: doc.getText('code') };
}

/** Resolves once `predicate` holds, checking on every event of `emitter` and every 20 ms. */
export async function until(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves with how the provider's authentication ended. */
export function authOutcome(provider: HocuspocusProvider): Promise<{ ok: true; scope: string } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    provider.on('authenticated', ({ scope }: { scope: string }) => resolve({ ok: true, scope }));
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => resolve({ ok: false, reason }));
  });
}

/** A raw WebSocket to the sync endpoint, for forged and malformed frames. */
export async function rawSocket(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

export function closed(ws: WebSocket): Promise<number> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve(-1);
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

/** Hocuspocus frames, written with lib0 as any Yjs client would. */
export const frames = {
  auth(document: string, token: string): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, document);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, token);
    return encoding.toUint8Array(e);
  },
  awareness(document: string, update: Uint8Array): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, document);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, update);
    return encoding.toUint8Array(e);
  },
  update(document: string, update: Uint8Array): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, document);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
    return encoding.toUint8Array(e);
  },
};

/** An interviewer's and a candidate's stock providers on the session's shared document, once both synced. */
export async function interviewerAndCandidate(wsUrl: string, session: CreatedSession) {
  const interviewer = connectProvider(wsUrl, session.id, session.tokenFor('interviewer'));
  const candidate = connectProvider(wsUrl, session.id, session.tokenFor('candidate'));
  try {
    await until(() => interviewer.provider.isSynced && candidate.provider.isSynced, 'both synced');
  } catch (error) {
    interviewer.provider.destroy();
    candidate.provider.destroy();
    throw error;
  }
  return { interviewer, candidate };
}

/**
 * Destroys a provider whose socket the server closed. The stock provider schedules a reconnect
 * when its socket closes and does not cancel it on destroy, so the reconnect is stopped again
 * once it has started (the tests' reconnect delay is 100 ms).
 */
export async function destroyClosedProvider(provider: HocuspocusProvider): Promise<void> {
  provider.destroy();
  await new Promise((resolve) => setTimeout(resolve, 250));
  provider.configuration.websocketProvider.disconnect();
}

/** The reasons of the socket closes a provider sees (its `close` events), as they arrive. */
export function closeReasons(provider: HocuspocusProvider): string[] {
  const reasons: string[] = [];
  provider.on('close', ({ event }: { event: { reason?: string } }) => reasons.push(String(event.reason ?? '')));
  return reasons;
}

/** The acknowledgements (`true`) and refusals (`false`) of updates among frames a raw socket received. */
export function syncStatuses(received: Uint8Array[]): boolean[] {
  return received.flatMap((frame) => {
    const decoder = decoding.createDecoder(frame);
    decoding.readVarString(decoder);
    return decoding.readVarUint(decoder) === MessageType.syncStatus ? [decoding.readVarInt(decoder) === 1] : [];
  });
}

/** Collects every binary frame a raw socket receives. */
export function inbox(ws: WebSocket): Uint8Array[] {
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  return received;
}
