import { expect } from '@esm-bundle/chai';
import { serverSentEvents } from './run-stream.js';

/** A response body that arrives in exactly these network chunks. */
function bodyOf(...chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function eventsOf(body: ReadableStream<Uint8Array>): Promise<{ event: string; data: unknown }[]> {
  const events: { event: string; data: unknown }[] = [];
  for await (const event of serverSentEvents(body)) events.push(event);
  return events;
}

describe('serverSentEvents', () => {
  it('reads events whatever the line endings a proxy left, skipping comments and ids', async () => {
    const events = await eventsOf(
      bodyOf(': keep-alive\r\n\r\n', 'event: start\rdata: {"id":"r1"}\r\r', 'id: 1\r\nevent: output\r\ndata: {"stream":"stdout",', '"text":"hi"}\r\n\r\n'),
    );
    expect(events).to.deep.equal([
      { event: 'start', data: { id: 'r1' } },
      { event: 'output', data: { stream: 'stdout', text: 'hi' } },
    ]);
  });

  it('keeps a character split between two chunks whole, and names an event without a type "message"', async () => {
    const bytes = new TextEncoder().encode('data: {"text":"é"}\n\n');
    const split = bytes.indexOf(0xc3) + 1;
    const events = await eventsOf(bodyOf(bytes.slice(0, split), bytes.slice(split)));
    expect(events).to.deep.equal([{ event: 'message', data: { text: 'é' } }]);
  });

  it('joins the data lines of one event with newlines', async () => {
    const events = await eventsOf(bodyOf('event: test\ndata: {"a":\ndata: 1}\n\n'));
    expect(events).to.deep.equal([{ event: 'test', data: { a: 1 } }]);
  });
});
