import type { Duplex } from 'node:stream';
import { HttpProblem } from '../problem.js';

/**
 * Answers a WebSocket upgrade request with a plain HTTP problem+json response and closes the
 * socket: nothing of the WebSocket is allocated.
 */
export function refuseUpgrade(socket: Duplex, problem: HttpProblem): void {
  const body = JSON.stringify(problem.toJSON());
  const { title, status } = problem.toJSON();
  const headers = Object.entries(problem.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nConnection: close\r\n${headers}` +
      `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
