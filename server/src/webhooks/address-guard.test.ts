import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isPublicAddress, type DnsLookup } from './address-guard.js';
import { WebhookSender } from './sender.js';
import { call, problemOf, startTestServer, type TestServer } from '../testing/harness.js';
import { WebhookReceiver } from '../testing/webhook-receiver.js';

describe('which addresses a webhook may reach', () => {
  test('loopback, private, link-local, metadata, CGNAT, unspecified, multicast and reserved addresses are internal', () => {
    for (const address of [
      '127.0.0.1',
      '127.1.2.3',
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '100.100.100.200',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      'fc00::1',
      'fd00:ec2::254',
      'fe80::1',
      'fe80::1%eth0',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:169.254.169.254',
      '64:ff9b::10.0.0.1',
      '2002:a00:1::',
      'not-an-address',
    ]) {
      assert.equal(isPublicAddress(address), false, address);
    }
  });

  test('public addresses pass', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8']) {
      assert.equal(isPublicAddress(address), true, address);
    }
  });
});

describe('delivery-time guard', () => {
  let receiver: WebhookReceiver;
  before(async () => {
    receiver = await new WebhookReceiver().start();
  });
  after(() => receiver.stop());

  test('a name that resolves to loopback when the connection is made (DNS rebinding) is refused before connecting', async () => {
    const port = new URL(receiver.url).port;
    // Public at registration, loopback now: what a rebinding name does.
    const rebinding: DnsLookup = (_host, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]);
    const sender = new WebhookSender({ timeoutMs: 2_000, allowPrivateNetworks: false, resolve: rebinding });
    // https is required; plain http to the same name is refused before any lookup.
    assert.equal((await sender.send(`http://rebind.example:${port}/hooks`, {}, '{}')).kind, 'error');
    const result = await sender.send(`https://rebind.example:${port}/hooks`, {}, '{}');
    sender.close();
    assert.equal(result.kind, 'error');
    assert.ok(result.kind === 'error' && result.forbidden, JSON.stringify(result));
    assert.match(result.kind === 'error' ? result.error : '', /127\.0\.0\.1/);
    assert.equal(receiver.received.length, 0, 'nothing reached the loopback receiver');
  });

  test('IP literals are judged without a lookup', async () => {
    const sender = new WebhookSender({ timeoutMs: 2_000, allowPrivateNetworks: false });
    for (const url of ['https://127.0.0.1/', 'https://10.0.0.1/', 'https://169.254.169.254/latest/meta-data/', 'https://[::1]/', 'https://[::ffff:127.0.0.1]/']) {
      const result = await sender.send(url, {}, '{}');
      assert.ok(result.kind === 'error' && result.forbidden, `${url}: ${JSON.stringify(result)}`);
    }
    sender.close();
  });

  test('with private networks allowed, the same receiver on loopback gets the request', async () => {
    const sender = new WebhookSender({ timeoutMs: 2_000, allowPrivateNetworks: true });
    const result = await sender.send(receiver.url, { 'webhook-id': 'msg_1' }, '{"a":1}');
    sender.close();
    assert.deepEqual(result.kind === 'response' && result.status, 200);
    assert.equal(receiver.received.at(-1)!.body, '{"a":1}');
  });
});

describe('registration guard (private networks not allowed)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ database: 'sqlite' });
  });
  after(() => server.dispose());

  const register = (url: string) => call(server.url, 'POST', '/v1/webhooks', { auth: server.apiKey, body: { url, events: ['session.ended'] } });

  test('URLs of internal addresses, and names resolving to them, are refused with 400 naming the address', async () => {
    for (const [url, address] of [
      ['https://127.0.0.1/hooks', '127.0.0.1'],
      ['https://10.0.0.1/hooks', '10.0.0.1'],
      ['https://169.254.169.254/latest/meta-data/', '169.254.169.254'],
      ['https://[::1]:8443/hooks', '::1'],
      ['https://localhost/hooks', 'localhost'],
    ] as const) {
      const problem = problemOf(await register(url), 400, url);
      assert.equal(problem.errors?.[0]?.path, 'url');
      assert.ok(problem.detail.includes(address), `${url}: ${problem.detail}`);
    }
    assert.equal((await call(server.url, 'GET', '/v1/webhooks', { auth: server.apiKey })).body.webhooks.length, 0);
  });

  test('http:// is refused; the setting that would allow it is named', async () => {
    const problem = problemOf(await register('http://hooks.example.com/x'), 400);
    assert.match(problem.detail, /https:\/\/.*WEBHOOK_ALLOW_PRIVATE_NETWORKS/);
  });
});
