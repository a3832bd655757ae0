import { join } from 'node:path';
import type { RecordingStorage } from '../../config/recordings.js';
import { LocalObjectStore } from './local-object-store.js';
import type { ObjectStore } from './object-store.js';
import { S3ObjectStore } from './s3-object-store.js';

export { ObjectNotFoundError, type ObjectStore } from './object-store.js';

/** The configured object store (`RECORDING_STORAGE`): files under `DATA_DIR/objects`, or an S3-compatible bucket. */
export function createObjectStore(storage: RecordingStorage, dataDir: string): ObjectStore & { close(): void } {
  if (storage.kind === 's3') return new S3ObjectStore(storage);
  return Object.assign(new LocalObjectStore(join(dataDir, 'objects')), { close() {} });
}
