import { SignedLinks } from '../services/signed-links.js';

/** The path a playback link opens; its token is the last segment. */
export const PLAYBACK_PATH = '/v1/recordings/media';

/**
 * Time-limited playback links of recordings: `<PLAYBACK_PATH>/<token>`, usable as a `<video>` or
 * `<audio>` source without any other credential, for `ttlSeconds` (`RECORDING_LINK_TTL_SECONDS`).
 */
export class PlaybackLinks extends SignedLinks {
  constructor(
    secret: Uint8Array,
    private readonly ttlSeconds: number,
    now: () => number = Date.now,
  ) {
    super(secret, 'interview-kit recording playback links v1', 'the playback link', now);
  }

  /** A link to the recording's media, as a path, and when it expires. */
  sign(recordingId: string): { url: string; expiresAt: string } {
    const { token, expiresAt } = this.issue(recordingId, this.ttlSeconds);
    return { url: `${PLAYBACK_PATH}/${token}`, expiresAt: expiresAt.toISOString() };
  }
}
