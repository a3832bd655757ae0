import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for an S3-compatible object store (no such server runs on these machines): one
 * bucket in memory, answering the four calls the server makes — PutObject, GetObject,
 * ListObjectsV2 and DeleteObjects — in S3's path-style HTTP and XML forms, as the AWS SDK sends
 * them. It checks that each request is signed (SigV4 `Authorization` header) but not the
 * signature itself.
 */
export interface S3StandIn {
  endpoint: string;
  bucket: string;
  objects: Map<string, Buffer>;
  /** Requests seen, as `METHOD key-or-operation`. */
  requests: string[];
  close(): Promise<void>;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

export async function startS3StandIn(bucket = 'interview-kit-test'): Promise<S3StandIn> {
  const objects = new Map<string, Buffer>();
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const [, name, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const body = await bodyOf(req);
    if (!/^AWS4-HMAC-SHA256 Credential=/.test(req.headers.authorization ?? '') || name !== bucket) {
      res.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code></Error>');
      return;
    }
    if (req.method === 'PUT' && key) {
      requests.push(`PUT ${key}`);
      objects.set(key, body);
      res.writeHead(200, { etag: '"x"' }).end();
    } else if (req.method === 'GET' && key) {
      requests.push(`GET ${key}`);
      const object = objects.get(key);
      if (!object) {
        res.writeHead(404, { 'content-type': 'application/xml' }).end(`<Error><Code>NoSuchKey</Code><Key>${xmlEscape(key)}</Key></Error>`);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': object.length }).end(object);
    } else if (req.method === 'GET' && url.searchParams.get('list-type') === '2') {
      requests.push('LIST');
      const prefix = url.searchParams.get('prefix') ?? '';
      const max = Number(url.searchParams.get('max-keys') ?? 1000);
      const keys = [...objects.keys()].filter((k) => k.startsWith(prefix)).sort().slice(0, max);
      res.writeHead(200, { 'content-type': 'application/xml' }).end(
        `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><Prefix>${xmlEscape(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><IsTruncated>false</IsTruncated>${keys
          .map((k) => `<Contents><Key>${xmlEscape(k)}</Key><Size>${objects.get(k)!.length}</Size></Contents>`)
          .join('')}</ListBucketResult>`,
      );
    } else if (req.method === 'POST' && url.searchParams.has('delete')) {
      requests.push('DELETE');
      for (const [, k] of body.toString('utf8').matchAll(/<Key>([^<]*)<\/Key>/g)) objects.delete(k!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
      res.writeHead(200, { 'content-type': 'application/xml' }).end('<?xml version="1.0" encoding="UTF-8"?><DeleteResult></DeleteResult>');
    } else {
      res.writeHead(501).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    objects,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
