import type { Request, Response } from 'express';
import { HttpProblem } from '../problem.js';
import type { PlaybackSource } from './recordings.js';

/** The byte range a `Range` header asks for within `size` bytes; null for the whole; 'unsatisfiable' past the end. */
export function requestedRange(header: string | undefined, size: number): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Several ranges, or another unit: answered whole, as RFC 9110 allows.
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

/**
 * Sends a recording's media (its chunks, in order, as one file), or the byte range asked for, so
 * that a `<video>` or `<audio>` element can seek. Only the chunks the range touches are read.
 */
export async function sendMedia(req: Request, res: Response, source: PlaybackSource): Promise<void> {
  const size = source.sizes.reduce((sum, n) => sum + n, 0);
  const range = requestedRange(req.get('range'), size);
  if (range === 'unsatisfiable') {
    throw new HttpProblem(416, `the recording has ${size} bytes`, { headers: { 'Content-Range': `bytes */${size}` } });
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  res.status(range ? 206 : 200);
  res.set({
    'Content-Type': source.mimeType,
    'Accept-Ranges': 'bytes',
    'Content-Length': String(Math.max(0, end - start + 1)),
    'Cache-Control': 'private, no-store',
    ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  let offset = 0;
  for (let seq = 0; seq < source.sizes.length && offset <= end; seq++) {
    const chunkStart = offset;
    const chunkEnd = offset + source.sizes[seq]! - 1;
    offset += source.sizes[seq]!;
    if (chunkEnd < start) continue;
    const bytes = await source.read(seq);
    const slice = bytes.subarray(Math.max(0, start - chunkStart), Math.min(bytes.length, end - chunkStart + 1));
    if (!res.write(slice)) await new Promise((resolve) => res.once('drain', resolve));
    if (res.destroyed) return;
  }
  res.end();
}
