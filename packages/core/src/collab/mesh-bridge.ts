import * as Y from 'yjs';
import { serverOwnedTypeTouched } from './owned.js';
import { SERVER_OWNED_TYPES } from './structure.js';

/** Options of {@link bridgeMesh}. */
export interface MeshBridgeOptions {
  /** Top-level types only the server writes; updates from the mesh touching them are refused. Default {@link SERVER_OWNED_TYPES}. */
  owned?: Iterable<string>;
  /** Called for each refused update with the server-owned type it touched. */
  refuse?: (type: string) => void;
}

/** Transaction origin of what the bridge applies, so neither side sends it back. */
const BRIDGE = Symbol('mesh bridge');

/**
 * Connects the document the peer-to-peer mesh syncs (`mesh`) to the participant's own document
 * (`main`, synced with the server), trusting the mesh less than the server:
 *
 * - every update of `main` (local edits, what the server sends) is applied to `mesh`, so peers get
 *   it;
 * - an update arriving on `mesh` from a peer is applied to `main` only when it touches no
 *   server-owned type of `main` (run records, the session's lifecycle); otherwise it is dropped
 *   whole and `refuse` is told. Server records relayed by an honest peer before the server
 *   delivered them are dropped too: they arrive from the server anyway.
 *
 * Returns a disposer that disconnects the two documents.
 */
export function bridgeMesh(main: Y.Doc, mesh: Y.Doc, options: MeshBridgeOptions = {}): () => void {
  const owned = new Set(options.owned ?? SERVER_OWNED_TYPES);
  const fromMain = (update: Uint8Array, origin: unknown) => {
    if (origin !== BRIDGE) Y.applyUpdate(mesh, update, BRIDGE);
  };
  const fromMesh = (update: Uint8Array, origin: unknown) => {
    if (origin === BRIDGE) return;
    const touched = serverOwnedTypeTouched(main, Y.decodeUpdate(update), owned);
    if (touched !== undefined) options.refuse?.(touched);
    else Y.applyUpdate(main, update, BRIDGE);
  };
  Y.applyUpdate(mesh, Y.encodeStateAsUpdate(main, Y.encodeStateVector(mesh)), BRIDGE);
  // What the mesh document already holds and `main` lacks is checked like any peer's update.
  fromMesh(Y.encodeStateAsUpdate(mesh, Y.encodeStateVector(main)), undefined);
  main.on('update', fromMain);
  mesh.on('update', fromMesh);
  return () => {
    main.off('update', fromMain);
    mesh.off('update', fromMesh);
  };
}
