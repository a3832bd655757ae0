import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Parser, fromFile } from '@asyncapi/parser';
import { CONSOLE_PATH, ConsoleCloseCode } from '@interview-kit/core/console/protocol';
import { SIGNALING_PATH, SYNC_PATH } from './collab/endpoints.js';
import { TRY_AGAIN_LATER } from './collab/load-failure.js';
import { AUTH_TIMEOUT_CLOSE } from './collab/socket-control.js';
import { CloseCode } from './collab/socket-guard.js';
import { MessageType } from './collab/sync-frames.js';
import { ERASED_CLOSE } from './data-lifecycle/collab-closing.js';

const DOCUMENT = fileURLToPath(new URL('../../docs/asyncapi.yaml', import.meta.url));
/** Spectral's severities: 0 error, 1 warning, 2 information, 3 hint. */
const WARNING = 1;

test('docs/asyncapi.yaml is a valid AsyncAPI 3.0 document of /v1/collab, /v1/signal and /v1/runs/interactive, with the close codes the server uses', async () => {
  const { document, diagnostics } = await fromFile(new Parser(), DOCUMENT).parse();
  const problems = diagnostics.filter((d) => d.severity <= WARNING).map((d) => `${d.path.join('.')}: ${d.message}`);
  assert.deepEqual(problems, []);
  assert.ok(document);
  assert.equal(document.version(), '3.0.0');

  const channels = Object.fromEntries(document.channels().all().map((channel) => [channel.id(), channel]));
  assert.equal(channels.collab?.address(), SYNC_PATH);
  assert.equal(channels.signal?.address(), SIGNALING_PATH);
  assert.equal(channels.console?.address(), CONSOLE_PATH);

  const closeCodes = (id: string) => Object.keys(channels[id]!.extensions().get('x-close-codes')?.value() ?? {}).map(Number).sort();
  const sorted = (codes: number[]) => [...codes].sort();
  assert.deepEqual(
    closeCodes('collab'),
    sorted([CloseCode.unsupportedData, CloseCode.invalidPayload, CloseCode.policyViolation, CloseCode.tooBig, TRY_AGAIN_LATER, AUTH_TIMEOUT_CLOSE, ERASED_CLOSE]),
  );
  assert.deepEqual(closeCodes('signal'), sorted([CloseCode.goingAway, CloseCode.unsupportedData, CloseCode.invalidPayload, CloseCode.policyViolation, CloseCode.tooBig]));
  assert.deepEqual(
    closeCodes('console'),
    sorted([CloseCode.unsupportedData, ConsoleCloseCode.invalidFrame, ConsoleCloseCode.policyViolation, CloseCode.tooBig, ConsoleCloseCode.reconnect, ConsoleCloseCode.slowConsumer]),
  );

  const known = new Set<number>(Object.values(MessageType));
  for (const message of channels.collab!.messages().all()) {
    const type = message.extensions().get('x-message-type')?.value();
    assert.ok(known.has(type), `${message.id()} names a Hocuspocus message type the server reads (${type})`);
  }
  const operations = document.operations().all().map((operation) => `${operation.action()} ${operation.channels().all()[0]?.address()}`);
  for (const expected of [`receive ${SYNC_PATH}`, `send ${SYNC_PATH}`, `receive ${SIGNALING_PATH}`, `send ${SIGNALING_PATH}`, `receive ${CONSOLE_PATH}`, `send ${CONSOLE_PATH}`]) {
    assert.ok(operations.includes(expected), expected);
  }
});
