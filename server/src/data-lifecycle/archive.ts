/// <reference path="./tar-stream.d.ts" />
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { createGzip, gunzipSync } from 'node:zlib';
import tar from 'tar-stream';

/** One file of an export archive. */
export interface ArchiveFile {
  /** Path inside the archive, `/`-separated. */
  name: string;
  content: string | Buffer;
}

/** A gzip-compressed tar archive (ustar, via tar-stream) of `files`, dated `at`. */
export async function tarGz(files: ArchiveFile[], at: Date): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const written = pipeline(
    pack,
    createGzip(),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }),
  );
  for (const file of files) {
    await new Promise<void>((resolve, reject) => pack.entry({ name: file.name, mtime: at, mode: 0o644 }, file.content, (error) => (error ? reject(error) : resolve())));
  }
  pack.finalize();
  await written;
  return Buffer.concat(chunks);
}

/** The files of a `.tar.gz` archive by name (what tests and tools read exports with). */
export async function untarGz(archive: Buffer): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const extract = tar.extract();
  extract.on('entry', (headers, stream, next) => {
    const parts: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => parts.push(chunk));
    stream.on('end', () => {
      files.set(headers.name, Buffer.concat(parts));
      next();
    });
    stream.resume();
  });
  await pipeline(Readable.from([gunzipSync(archive)]), extract);
  return files;
}
