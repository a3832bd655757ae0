import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { RecordingStorage } from '../../config/recordings.js';
import { checkKey, ObjectNotFoundError, type ObjectStore } from './object-store.js';

type S3Settings = Extract<RecordingStorage, { kind: 's3' }>;

/** Objects in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, …), through the AWS SDK. */
export class S3ObjectStore implements ObjectStore {
  readonly #client: S3Client;
  readonly #bucket: string;

  constructor(settings: S3Settings) {
    this.#bucket = settings.bucket;
    this.#client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
    });
  }

  async put(key: string, body: Uint8Array): Promise<void> {
    await this.#client.send(new PutObjectCommand({ Bucket: this.#bucket, Key: checkKey(key), Body: body, ContentLength: body.byteLength }));
  }

  async get(key: string): Promise<Buffer> {
    try {
      const answer = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: checkKey(key) }));
      return Buffer.from(await answer.Body!.transformToByteArray());
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') throw new ObjectNotFoundError(key);
      throw error;
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    let deleted = 0;
    // Listed and deleted a page (at most 1000 keys, DeleteObjects' limit) at a time.
    for (;;) {
      const keys = await this.#page(prefix);
      if (keys.length === 0) return deleted;
      await this.#client.send(new DeleteObjectsCommand({ Bucket: this.#bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }));
      deleted += keys.length;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.#client.send(new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: checkKey(prefix), ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  async #page(prefix: string): Promise<string[]> {
    const page = await this.#client.send(new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: checkKey(prefix), MaxKeys: 1000 }));
    return (page.Contents ?? []).map((o) => o.Key!);
  }

  close(): void {
    this.#client.destroy();
  }
}
