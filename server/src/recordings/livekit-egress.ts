import { EgressClient, EncodedFileOutput, EncodedFileType, S3Upload, type ClientOptions } from 'livekit-server-sdk';
import type { LiveKitCredentials } from '../adapters/livekit.js';
import type { RecordingStorage } from '../config/recordings.js';
import { participantPrefix } from './recordings.js';

/** What is recorded of a participant in LiveKit mode: camera and microphone, or the microphone track alone. */
export type EgressSource = { kind: 'audio+video' } | { kind: 'audio'; audioTrackId: string };

/** An egress LiveKit started: its id (to stop it) and the key of the file it writes. */
export interface StartedEgress {
  egressId: string;
  key: string;
}

/**
 * Recording in LiveKit mode: LiveKit's egress service records each participant apart (so
 * speakers stay known, as in peer-to-peer mode) and writes the file to the same storage the
 * server's own recordings use, under the same key prefix, `recordings/{tenant}/{session}/{participant}/`.
 * Camera and microphone go through a participant egress (MP4); an audio-only session records the
 * participant's microphone track through a track-composite egress (Ogg). With S3 storage the
 * egress uploads to the bucket itself (the request carries the bucket, endpoint and credentials);
 * with local storage it writes the key as a path relative to the egress service's working
 * directory, which the operator mounts at the server's object root (`DATA_DIR/objects`).
 *
 * Requests go through `livekit-server-sdk`'s `EgressClient` (Twirp over HTTP, authorised by a
 * token with the `roomRecord` grant); the room is the session id, the identity the participant id.
 * The server starts an egress only once every participant has consented, as for uploads.
 */
export class LiveKitEgress {
  readonly #client: EgressClient;

  constructor(
    credentials: LiveKitCredentials,
    private readonly storage: RecordingStorage,
    options: ClientOptions = {},
  ) {
    this.#client = new EgressClient(credentials.url, credentials.apiKey, credentials.apiSecret, { failover: false, ...options });
  }

  /** Starts recording `participantId` of `session`; resolves with the egress id and the key it writes. */
  async start(session: { id: string; tenantId: string }, participantId: string, source: EgressSource): Promise<StartedEgress> {
    const video = source.kind === 'audio+video';
    // LiveKit fills in {time} when the egress starts: a reconnect's second egress gets a file of its own.
    const key = `${participantPrefix(session, participantId)}livekit-{time}.${video ? 'mp4' : 'ogg'}`;
    const file = this.#fileOutput(key, video ? EncodedFileType.MP4 : EncodedFileType.OGG);
    const info = video
      ? await this.#client.startParticipantEgress(session.id, participantId, { file }, { screenShare: false })
      : await this.#client.startTrackCompositeEgress(session.id, { file }, { audioTrackId: source.audioTrackId });
    return { egressId: info.egressId, key };
  }

  /** Stops an egress (the session ended, or consent was withdrawn); LiveKit finishes the file. */
  async stop(egressId: string): Promise<void> {
    await this.#client.stopEgress(egressId);
  }

  #fileOutput(filepath: string, fileType: EncodedFileType): EncodedFileOutput {
    const storage = this.storage;
    if (storage.kind === 'local') return new EncodedFileOutput({ fileType, filepath });
    return new EncodedFileOutput({
      fileType,
      filepath,
      output: {
        case: 's3',
        value: new S3Upload({
          bucket: storage.bucket,
          region: storage.region,
          endpoint: storage.endpoint ?? '',
          forcePathStyle: storage.forcePathStyle,
          accessKey: storage.credentials?.accessKeyId ?? '',
          secret: storage.credentials?.secretAccessKey ?? '',
        }),
      },
    });
  }
}
