import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogger } from './logger.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5kaWRhdGUifQ.c2lnbmF0dXJlLXNlY3JldA';
const API_KEY = 'ik_0123456789ab_c2VjcmV0LWFwaS1rZXktdmFsdWU';

function capture(level: Parameters<typeof createLogger>[0]) {
  const lines: string[] = [];
  const logger = createLogger(level, (line) => lines.push(line));
  return { logger, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('logger', () => {
  test('writes one JSON object per line: ISO time, level name, message, fields', () => {
    const { logger, lines, parsed } = capture('info');
    logger.info('request', { route: '/v1/sessions', status: 201 });
    assert.equal(lines.length, 1);
    assert.ok(lines[0]!.endsWith('\n'));
    const [line] = parsed();
    assert.equal(line!.level, 'info');
    assert.equal(line!.msg, 'request');
    assert.equal(line!.route, '/v1/sessions');
    assert.equal(line!.status, 201);
    assert.match(String(line!.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal('trace_id' in line!, false, 'no trace ids without an active span');
  });

  test('redacts secrets by field name at any depth and by shape in free text, messages and errors', () => {
    const { logger, lines } = capture('debug');
    logger.warn(`login with Bearer ${JWT}`, {
      token: 'plain-token-value',
      nested: { apiKey: 'nested-api-key-value', list: [{ password: 'hunter2-password' }], cookie: 'session-cookie-value' },
      refresh_token: 'refresh-token-value',
      note: `the key ${API_KEY} was used`,
      error: new Error(`could not verify ${JWT}`),
    });
    const text = lines.join('');
    for (const secret of [JWT, API_KEY, 'plain-token-value', 'nested-api-key-value', 'hunter2-password', 'session-cookie-value', 'refresh-token-value']) {
      assert.ok(!text.includes(secret), `${secret} is not written`);
    }
    const line = JSON.parse(lines[0]!);
    assert.equal(line.token, '[redacted]');
    assert.equal(line.nested.list[0].password, '[redacted]');
    assert.equal(line.note, 'the key [redacted] was used');
    assert.equal(line.msg, 'login with [redacted]');
    assert.equal(line.error.name, 'Error');
    assert.equal(line.error.message, 'could not verify [redacted]');
  });

  test('filters by level; lifecycle notices pass every level but silent', () => {
    const errors = capture('error');
    errors.logger.info('not written');
    errors.logger.warn('not written either');
    errors.logger.error('written');
    errors.logger.notice('listening', { url: 'http://127.0.0.1:8080' });
    assert.deepEqual(errors.parsed().map((l) => [l.level, l.msg]), [['error', 'written'], ['info', 'listening']]);

    const silent = capture('silent');
    silent.logger.error('nothing');
    silent.logger.notice('nothing at all');
    assert.deepEqual(silent.lines, []);
  });
});
