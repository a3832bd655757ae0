import { Hocuspocus, type Extension } from '@hocuspocus/server';
import type { SessionLifecycle } from '../services/lifecycle.js';
import type { SessionService } from '../services/sessions.js';
import type { TokenSigner } from '../services/tokens.js';
import { encodeOncePerDocument } from './document-broadcast.js';
import { Authentication } from './extensions/authentication.js';
import { AutoStart } from './extensions/auto-start.js';
import { BoardQuotas } from './extensions/board-quotas.js';
import { Persistence, type PersistenceDeps } from './extensions/persistence.js';
import { TrustedPresence } from './extensions/presence.js';
import { UnheardHooksSkipped } from './unheard-hooks.js';
import { ReadOnlyEnforcement } from './extensions/read-only.js';
import { ServerOwnedStructures } from './extensions/server-owned.js';
import type { BoardLimits } from './board-quotas.js';
import { ProjectFileLimits } from './extensions/project-files.js';
import type { PresenceRules } from './presence.js';
import { SecondConnection } from '../integrity/second-connection.js';
import type { SharedPresence } from '../scale-out/shared-presence.js';
import type { IntegritySignals } from '../integrity/signals.js';

export type { SyncContext } from './extensions/authentication.js';
export { followStatus, presentParticipants } from './extensions/read-only.js';

export interface SyncServerDeps extends PersistenceDeps {
  tokens: TokenSigner;
  sessions: SessionService;
  lifecycle: SessionLifecycle;
  presence: PresenceRules;
  /** What a session's whiteboard may hold ({@link BoardQuotas}). */
  board: BoardLimits;
  /** Files a project of the shared document may hold, its entry included (`DOC_MAX_FILES`). */
  maxFiles: number;
  /** Records a candidate's second connection (`SecondConnection`). */
  integrity: IntegritySignals;
  /** Shares the documents with other instances (`scale-out/document-relay.ts`); none alone. */
  sharing?: Extension;
  /** Who is connected on every instance (`scale-out/shared-presence.ts`), for `autoStart`; none alone. */
  sharedPresence?: SharedPresence;
}

/**
 * The Yjs sync endpoint (Hocuspocus) with the product's rules, one extension per concern:
 * {@link Authentication} (who the connection is), {@link AutoStart} (the session's `autoStart`
 * rule), {@link SecondConnection} (an integrity signal), {@link ReadOnlyEnforcement} (who may write), {@link ServerOwnedStructures} (what only the
 * server writes), {@link BoardQuotas} (the whiteboard's shape and stroke limits), {@link ProjectFileLimits} (paths and the count of a project's files), {@link TrustedPresence} (names and roles in presence are the server's) and
 * {@link Persistence} (persisted before acknowledged, within the document's size cap; loading,
 * seeding, compaction); with several instances, `sharing` (Hocuspocus' Redis extension).
 * Documents encode what they broadcast once, not per connection (`document-broadcast.ts`), and
 * per-change hooks nobody listens to are skipped ({@link UnheardHooksSkipped}).
 */
export function createSyncServer(deps: SyncServerDeps): Hocuspocus {
  encodeOncePerDocument();
  return new Hocuspocus({
    name: 'interview-kit',
    quiet: true,
    // Persistence happens per update; the debounced store hook only compacts. While people type,
    // the store already compacts every `compactEvery` updates, so the hook waits for a minute's
    // pause, or for the last client to leave (Hocuspocus runs a pending hook then).
    debounce: 60_000,
    maxDebounce: 600_000,
    unloadImmediately: true,
    // Only extensions listen to per-change hooks, so that unheard ones can be skipped (`unheard-hooks.ts`).
    onChange: undefined,
    onAwarenessUpdate: undefined,
    extensions: [
      new Authentication(deps),
      new AutoStart(deps),
      new SecondConnection(deps),
      new ReadOnlyEnforcement(deps.statuses),
      new ServerOwnedStructures(),
      new BoardQuotas(deps.board),
      new ProjectFileLimits(deps.maxFiles),
      new TrustedPresence(deps.presence),
      new Persistence(deps),
      ...(deps.sharing ? [deps.sharing] : []),
      ...(deps.sharedPresence ? [deps.sharedPresence] : []),
      new UnheardHooksSkipped(),
    ],
  });
}
