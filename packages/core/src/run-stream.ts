import { EventSourceParserStream } from 'eventsource-parser/stream';

/**
 * Parses a `text/event-stream` body into `{ event, data }` pairs, `data` parsed as JSON (the run
 * stream of `POST /v1/runs`). The stream itself is read by `eventsource-parser`, which follows the
 * HTML specification: any line ending (`\n`, `\r\n`, `\r`), comments, `id:` and `retry:` fields,
 * and events split anywhere across network chunks. An event without an `event:` line is `message`.
 */
export async function* serverSentEvents<E extends { event: string; data: unknown }>(body: ReadableStream<Uint8Array>): AsyncGenerator<E> {
  const reader = body
    .pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield { event: value.event ?? 'message', data: JSON.parse(value.data) } as E;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
