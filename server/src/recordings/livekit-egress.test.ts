// LiveKit egress in LiveKit mode. No LiveKit server can run here: the requests go to a local
// stand-in HTTP server that checks them against LiveKit's documented Twirp API
// (`POST /twirp/livekit.Egress/<Method>`, a JSON body in the protobuf JSON mapping, a bearer
// token with the `roomRecord` grant) and answers an EgressInfo as LiveKit does.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { TokenVerifier } from 'livekit-server-sdk';
import type { RecordingStorage } from '../config/recordings.js';
import { LiveKitEgress } from './livekit-egress.js';

const credentials = { apiKey: 'APIstandin', apiSecret: 'a-secret-of-at-least-thirty-two-characters' };
const session = { id: 'sess-1', tenantId: 'tenant-a' };

interface Seen {
  path: string;
  body: any;
  grant: { roomRecord?: boolean } | undefined;
}

describe('LiveKit egress requests (against a stand-in of the Twirp API)', () => {
  let server: Server;
  let url: string;
  const seen: Seen[] = [];

  before(async () => {
    const verifier = new TokenVerifier(credentials.apiKey, credentials.apiSecret);
    server = createServer(async (req, res) => {
      const parts: Buffer[] = [];
      for await (const part of req) parts.push(part as Buffer);
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const claims = token ? await verifier.verify(token).catch(() => undefined) : undefined;
      if (req.method !== 'POST' || !/^application\/json\b/.test(req.headers['content-type'] ?? '') || !claims) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'unauthenticated', msg: 'bad request' }));
        return;
      }
      const body = JSON.parse(Buffer.concat(parts).toString('utf8'));
      seen.push({ path: req.url ?? '', body, grant: claims.video });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ egressId: 'EG_standin', roomName: body.roomName ?? session.id, status: 'EGRESS_STARTING' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const s3: RecordingStorage = {
    kind: 's3',
    bucket: 'interviews',
    endpoint: 'http://minio.internal:9000',
    region: 'eu-central-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'AKIA', secretAccessKey: 'shh' },
  };

  test('camera and microphone: a participant egress of the session’s room to the S3 bucket, under the session’s key prefix', async () => {
    const egress = new LiveKitEgress({ url, ...credentials }, s3);
    const started = await egress.start(session, 'cam', { kind: 'audio+video' });
    assert.equal(started.egressId, 'EG_standin');
    const request = seen.at(-1)!;
    assert.equal(request.path, '/twirp/livekit.Egress/StartParticipantEgress');
    assert.equal(request.grant?.roomRecord, true, 'the token carries the roomRecord grant');
    assert.equal(request.body.roomName, 'sess-1', 'the room is the session');
    assert.equal(request.body.identity, 'cam', 'the participant recorded apart');
    assert.equal(request.body.screenShare ?? false, false);
    const [file] = request.body.fileOutputs;
    assert.equal(file.fileType ?? 'DEFAULT_FILETYPE', 'MP4');
    assert.equal(file.filepath, 'recordings/tenant-a/sess-1/cam/livekit-{time}.mp4');
    assert.equal(started.key, file.filepath);
    assert.deepEqual(file.s3, { bucket: 'interviews', region: 'eu-central-1', endpoint: 'http://minio.internal:9000', forcePathStyle: true, accessKey: 'AKIA', secret: 'shh' });

    await egress.stop(started.egressId);
    assert.equal(seen.at(-1)!.path, '/twirp/livekit.Egress/StopEgress');
    assert.deepEqual(seen.at(-1)!.body, { egressId: 'EG_standin' });
  });

  test('audio only: a track-composite egress of the microphone track, as Ogg, to a path under the object root with local storage', async () => {
    const egress = new LiveKitEgress({ url, ...credentials }, { kind: 'local' });
    await egress.start(session, 'ivy', { kind: 'audio', audioTrackId: 'TR_mic' });
    const request = seen.at(-1)!;
    assert.equal(request.path, '/twirp/livekit.Egress/StartTrackCompositeEgress');
    assert.equal(request.body.roomName, 'sess-1');
    assert.equal(request.body.audioTrackId, 'TR_mic');
    assert.equal(request.body.videoTrackId ?? '', '', 'no video');
    const [file] = request.body.fileOutputs;
    assert.deepEqual(file, { fileType: 'OGG', filepath: 'recordings/tenant-a/sess-1/ivy/livekit-{time}.ogg' });
  });
});
