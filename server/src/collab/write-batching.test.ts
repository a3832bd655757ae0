import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import WebSocket, { WebSocketServer } from 'ws';
import { MAX_HOLD_MS, batchWrites } from './write-batching.js';

describe('write batching', () => {
  let server: Server;
  let url: string;
  /** What the server does with each accepted socket. */
  let onSocket: (ws: WebSocket, socket: Duplex) => void = () => {};

  before(async () => {
    server = createServer();
    const sockets = new WebSocketServer({ noServer: true });
    server.on('upgrade', (request, socket, head) =>
      sockets.handleUpgrade(request, socket, head, (ws) => {
        batchWrites(ws, socket);
        onSocket(ws, socket);
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Everything the client receives until the server closes, and the close code. */
  function receiveAll(): Promise<{ frames: string[]; code: number }> {
    const client = new WebSocket(url);
    const frames: string[] = [];
    client.on('message', (data) => frames.push(data.toString()));
    return new Promise((resolve) => client.on('close', (code) => resolve({ frames, code })));
  }

  test('frames sent in one turn, and in the turns after it, all arrive in order', async () => {
    onSocket = (ws) => {
      for (let i = 0; i < 100; i++) ws.send(`a${i}`);
      setImmediate(() => {
        for (let i = 0; i < 3; i++) ws.send(`b${i}`);
        setTimeout(() => {
          ws.send('c0');
          ws.close(1000);
        }, 5);
      });
    };
    const { frames, code } = await receiveAll();
    assert.deepEqual(frames, [...Array.from({ length: 100 }, (_, i) => `a${i}`), 'b0', 'b1', 'b2', 'c0']);
    assert.equal(code, 1000);
  });

  test('in a long turn (a loaded server reading its sockets), held frames leave after the interval, not only at its end', async () => {
    const written = new Promise<{ flushedInTurn: boolean }>((resolve) => {
      onSocket = async (ws, socket) => {
        let endOfTurn = false;
        setImmediate(() => (endOfTurn = true));
        ws.send('first');
        const until = performance.now() + MAX_HOLD_MS + 1;
        while (performance.now() < until);
        // The next read of the turn sends again; once that code is done, the held frames leave.
        ws.send('second');
        for (let hop = 0; hop < 5; hop++) await Promise.resolve();
        resolve({ flushedInTurn: !endOfTurn && socket.writableCorked === 0 });
        ws.close(1000);
      };
    });
    const received = receiveAll();
    assert.deepEqual(await written, { flushedInTurn: true });
    assert.deepEqual((await received).frames, ['first', 'second']);
  });

  test('a close right after sends still delivers the frames before it', async () => {
    onSocket = (ws) => {
      ws.send('last words');
      ws.close(4000, 'bye');
    };
    assert.deepEqual(await receiveAll(), { frames: ['last words'], code: 4000 });
  });
});
