import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../config/index.js';
import { createLogger } from '../logger.js';
import { startServer, type RunningServer } from '../server.js';

/**
 * A real server on a loopback port with its own data directory, for tests. Uses SQLite, or a
 * fresh PostgreSQL database when `TEST_DATABASE_URL` is set and `database: 'env'` is asked for.
 */
export interface TestServer extends RunningServer {
  apiKey: string;
  config: Config;
  dataDir: string;
  /** Log lines written by the server. */
  logs: string[];
  /** Stops the server; the data directory and database stay for a restart. */
  stop(): Promise<void>;
  /** Starts a new server process-in-process on the same data directory and database, with `env` changed (e.g. another key). */
  restart(env?: Record<string, string>): Promise<TestServer>;
  /** Stops and removes the data directory and any test database. */
  dispose(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  /** `env`: PostgreSQL from TEST_DATABASE_URL when set (else SQLite); `sqlite`: always SQLite. */
  database?: 'env' | 'sqlite';
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ik-test-'));
  const apiKey = `test-${randomBytes(24).toString('base64url')}`;
  const database = options.database === 'sqlite' ? undefined : await createTestDatabase();
  const env = {
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'info',
    BOOTSTRAP_API_KEY: apiKey,
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...options.env,
  };
  return launch(env, dataDir, apiKey, database);
}

async function launch(
  env: Record<string, string>,
  dataDir: string,
  apiKey: string,
  database: TestDatabase | undefined,
): Promise<TestServer> {
  const config = loadConfig(env);
  const logs: string[] = [];
  const running = await startServer(config, createLogger(config.logLevel, (line) => logs.push(line)));
  let disposed = false;
  const stop = () => running.close();
  return {
    ...running,
    apiKey,
    config,
    dataDir,
    logs,
    stop,
    restart: async (changed = {}) => {
      await stop();
      return launch({ ...env, ...changed }, dataDir, apiKey, database);
    },
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      await stop();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A throwaway PostgreSQL database inside the server named by TEST_DATABASE_URL. */
export async function createTestDatabase(): Promise<TestDatabase | undefined> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) return undefined;
  const name = `ik_test_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Whether tests run against PostgreSQL (TEST_DATABASE_URL set). */
export const usingPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  contentType: string;
}

/** fetch with JSON in and out; `auth` becomes a Bearer header. */
export async function call<T = any>(
  base: string,
  method: string,
  path: string,
  options: { auth?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth) headers.authorization = `Bearer ${options.auth}`;
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, body: text && /json/.test(contentType) ? JSON.parse(text) : text, contentType };
}

/** An RFC 9457 problem as the API answers errors. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  [extension: string]: unknown;
}

/**
 * Asserts that `res` is an `application/problem+json` answer with `status` whose detail says
 * something useful, and returns the problem. `what` names the request in a failure message.
 */
export function problemOf(res: Pick<JsonResponse, 'status' | 'contentType' | 'body'>, status: number, what = ''): ProblemBody {
  const context = `${what ? `${what} → ` : ''}${res.status} ${JSON.stringify(res.body)}`;
  assert.equal(res.status, status, context);
  assert.match(res.contentType, /^application\/problem\+json/, context);
  assert.equal(res.body.status, status, context);
  assert.equal(typeof res.body.detail, 'string', context);
  assert.ok(res.body.detail.length > 10, `the detail says something useful: ${context}`);
  return res.body as ProblemBody;
}

/** The sample interview and creating it over HTTP: one implementation for every test, in core. */
export { createSession, sampleSession, type CreatedSession } from '@interview-kit/core/testing';
