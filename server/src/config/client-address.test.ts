import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, test } from 'node:test';
import { clientAddress, parseTrustProxy } from './client-address.js';
import { ConfigError } from './env.js';

const request = (peer: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, connection: { remoteAddress: peer }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }) as unknown as IncomingMessage;

describe('TRUST_PROXY', () => {
  test('unset or false: X-Forwarded-For is ignored', () => {
    for (const raw of [undefined, '', 'false']) {
      assert.equal(clientAddress(request('127.0.0.1', '203.0.113.9'), parseTrustProxy(raw)), '127.0.0.1');
    }
  });

  test('true believes every hop; a number believes that many hops', () => {
    assert.equal(clientAddress(request('10.0.0.1', '203.0.113.9, 10.0.0.2'), parseTrustProxy('true')), '203.0.113.9');
    assert.equal(clientAddress(request('10.0.0.1', '203.0.113.9, 10.0.0.2'), parseTrustProxy('1')), '10.0.0.2');
    assert.equal(clientAddress(request('10.0.0.1', '203.0.113.9, 10.0.0.2'), parseTrustProxy('2')), '203.0.113.9');
  });

  test('a list of addresses and CIDR ranges believes only those proxies', () => {
    const trust = parseTrustProxy('loopback, 10.0.0.0/8');
    assert.equal(clientAddress(request('127.0.0.1', '203.0.113.9'), trust), '203.0.113.9');
    assert.equal(clientAddress(request('10.1.2.3', '198.51.100.1, 10.0.0.7'), trust), '198.51.100.1');
    // A client that is not a trusted proxy cannot choose its address.
    assert.equal(clientAddress(request('192.0.2.50', '203.0.113.9'), trust), '192.0.2.50');
  });

  test('anything else is a configuration error naming TRUST_PROXY', () => {
    for (const raw of ['yes', '10.0.0.0/99', '300.1.1.1']) {
      assert.throws(() => parseTrustProxy(raw), (e: unknown) => e instanceof ConfigError && e.variable === 'TRUST_PROXY', raw);
    }
  });
});
