/**
 * Helpers for the collaboration tests: a real server on a temp SQLite directory, sessions made
 * through the HTTP API, and stock Yjs clients (Hocuspocus provider, raw y-protocols frames).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { HocuspocusProvider } from '@hocuspocus/provider';
import type { TestCase } from '@interview-kit/core/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { loadConfig } from '../config/index.js';
import { startServer, type RunningServer } from '../server.js';
import { MessageType } from './sync-frames.js';

export const API_KEY = 'ik_collab_test_key_0123456789abcdef';

export interface TestServer {
  running: RunningServer;
  url: string;
  wsUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** A real server on `dataDir` (a new temp dir by default); `env` adds settings. */
export async function startTestServer(dataDir = mkdtempSync(join(tmpdir(), 'ik-collab-')), env: Record<string, string> = {}): Promise<TestServer> {
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    BOOTSTRAP_API_KEY: API_KEY,
    ...(process.env.TEST_DATABASE_URL ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : {}),
    ...env,
  });
  const running = await startServer(config);
  return {
    running,
    url: running.url,
    wsUrl: running.url.replace(/^http/, 'ws'),
    dataDir,
    async stop() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestSession {
  id: string;
  tokens: Record<'interviewer' | 'candidate' | 'observer', string>;
}

export async function createSession(url: string, starterCode = 'print("hello")\n', tests: TestCase[] = []): Promise<TestSession> {
  const response = await fetch(`${url}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Collaboration test',
      question: { prompt: 'Print hello', language: 'python', starterCode, tests },
      participants: [
        { id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer' },
        { id: 'cam', name: 'Cam Candidate', role: 'candidate' },
        { id: 'oli', name: 'Oli Observer', role: 'observer' },
      ],
    }),
  });
  if (response.status !== 201) throw new Error(`creating a session: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { id: string; participants: { id: string; role: string; token: string }[] };
  const token = (role: string) => body.participants.find((p) => p.role === role)!.token;
  return { id: body.id, tokens: { interviewer: token('interviewer'), candidate: token('candidate'), observer: token('observer') } };
}

export async function api(url: string, method: string, path: string, credential?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: credential ? { authorization: `Bearer ${credential}` } : {},
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** A stock Hocuspocus provider (the published client, not ours) for one document. */
export function connectProvider(wsUrl: string, name: string, token: string | null, doc = new Y.Doc()) {
  const provider = new HocuspocusProvider({
    url: `${wsUrl}/v1/collab`,
    name,
    token,
    document: doc,
    // Node 20 has no global WebSocket.
    WebSocketPolyfill: WebSocket,
    // Short reconnect delays, so that no retry timer outlives a test by long.
    delay: 100,
    minDelay: 100,
    maxDelay: 500,
  } as ConstructorParameters<typeof HocuspocusProvider>[0]);
  return { provider, doc, text: doc.getText('code') };
}

/** Resolves once `predicate` holds, checking on every event of `emitter` and every 20 ms. */
export async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
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

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The real server as a subprocess (so that it can be killed without warning); resolves once it
 * listens. `nodeArgs` go to node before the script; `ipc` opens an IPC channel to it.
 */
export async function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
  { nodeArgs = [], ipc = false }: { nodeArgs?: string[]; ipc?: boolean } = {},
): Promise<{ child: ChildProcess; url: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, BOOTSTRAP_API_KEY: API_KEY, LOG_LEVEL: 'info', ...env };
  delete childEnv.JWT_SECRET;
  if (process.env.TEST_DATABASE_URL) childEnv.DATABASE_URL = process.env.TEST_DATABASE_URL;
  else delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [...nodeArgs, '--conditions=development', '--import', 'tsx', 'server/src/index.ts'], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'inherit', ...(ipc ? (['ipc'] as const) : [])],
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line);
        if (entry.msg === 'listening') resolve(entry.url);
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
  return { child, url };
}

/** Kills a spawned server at once (SIGKILL) and waits for it to be gone. */
export async function killServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
