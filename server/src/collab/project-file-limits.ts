import * as Y from 'yjs';
import { validateProjectPath } from '@interview-kit/core/collab/project';
import { itemsDeletedBy, type DecodedUpdate } from '@interview-kit/core/collab/owned';
import { SHARED_STRUCTURE } from '@interview-kit/core/collab/structure';

/** Names of the files maps of a document's code slots: `files`, `files.1`, `files.2`, … */
const FILES_MAP = new RegExp(`^${SHARED_STRUCTURE.files}(\\.\\d+)?$`);

/** How many origins a chain of one update's map items is followed at most (a forged update may chain far). */
const MAX_CHAIN = 10_000;

/**
 * Why a client's update may not be applied to the project files of `doc` (a question's `files`
 * map, see `project.ts` in core), or `undefined` when it may: a file it adds has a path the
 * project rules refuse, or a files map would hold more than `maxFiles` − 1 files after it (the
 * entry, in the code text, is the project's other file).
 *
 * What the update does to each map, without applying it: an item that names a files map and a
 * key adds that key (a path); an item placed after an earlier value of a key (its `origin`)
 * writes that key again, and brings it back if it was deleted; a deletion of a key's current
 * value removes the key. A rename (delete one key, add another) in one update keeps the count.
 */
export function projectFilesRefusal(doc: Y.Doc, update: DecodedUpdate, maxFiles: number): string | undefined {
  const written = new Map<string, Set<string>>();
  const byId = itemsById(update);
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const target = keyWritten(doc, struct, byId);
    if (!target) continue;
    if (target.added) {
      const invalid = validateProjectPath(target.key);
      if (invalid) return `invalid file path "${target.key.slice(0, 200)}": ${invalid}`;
    }
    let keys = written.get(target.map);
    if (!keys) written.set(target.map, (keys = new Set()));
    keys.add(target.key);
  }
  if (written.size === 0) return undefined;
  const removed = keysDeleted(doc, update);
  for (const [name, keys] of written) {
    const live = new Set(doc.share.has(name) ? doc.getMap(name).keys() : []);
    for (const key of removed.get(name) ?? []) live.delete(key);
    for (const key of keys) live.add(key);
    if (live.size > maxFiles - 1) return `file limit reached: a project holds at most ${maxFiles} files, its entry included (DOC_MAX_FILES)`;
  }
  return undefined;
}

/** The update's items by their id, to follow origins inside it. */
function itemsById(update: DecodedUpdate): Map<string, Y.Item> {
  const items = new Map<string, Y.Item>();
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue;
    // A struct of length n covers clocks clock … clock+n-1; a map value is always of length 1.
    items.set(`${struct.id.client}:${struct.id.clock + struct.length - 1}`, struct);
  }
  return items;
}

/**
 * The files map and key an item of the update writes, if any: named by the item itself (`added`:
 * a new key, whose path must be valid), or by the earlier value it follows, in the update or in
 * the document.
 */
function keyWritten(doc: Y.Doc, item: Y.Item, byId: Map<string, Y.Item>): { map: string; key: string; added: boolean } | undefined {
  let current: Y.Item = item;
  for (let steps = 0; steps < MAX_CHAIN; steps++) {
    const parent = current.parent as unknown;
    if (typeof parent === 'string') {
      if (!FILES_MAP.test(parent) || current.parentSub === null) return undefined;
      return { map: parent, key: current.parentSub, added: current === item };
    }
    if (parent instanceof Y.AbstractType) return keyOfDocumentItem(doc, current);
    const origin = current.origin;
    if (!origin) return undefined;
    const inUpdate = byId.get(`${origin.client}:${origin.clock}`);
    if (inUpdate) {
      current = inUpdate;
      continue;
    }
    if (Y.getState(doc.store, origin.client) <= origin.clock) return undefined;
    const inDocument = Y.getItem(doc.store, origin);
    return inDocument instanceof Y.Item ? keyOfDocumentItem(doc, inDocument) : undefined;
  }
  return undefined;
}

/** The files map and key of an item of the document, when it is a value of a files map. */
function keyOfDocumentItem(doc: Y.Doc, item: Y.Item): { map: string; key: string; added: false } | undefined {
  const name = filesMapNameOf(doc, item.parent as Y.AbstractType<unknown>);
  return name !== undefined && item.parentSub !== null ? { map: name, key: item.parentSub, added: false } : undefined;
}

/** The name of `type` when it is one of the document's files maps. */
function filesMapNameOf(doc: Y.Doc, type: Y.AbstractType<unknown>): string | undefined {
  if (type._item) return undefined;
  for (const [name, shared] of doc.share) if (shared === type) return FILES_MAP.test(name) ? name : undefined;
  return undefined;
}

/** The keys of files maps whose current value the update deletes, by map. */
function keysDeleted(doc: Y.Doc, update: DecodedUpdate): Map<string, Set<string>> {
  const removed = new Map<string, Set<string>>();
  for (const struct of itemsDeletedBy(doc, update)) {
    if (struct.parentSub === null) continue;
    const parent = struct.parent as Y.AbstractType<unknown>;
    const name = filesMapNameOf(doc, parent);
    if (name === undefined || parent._map.get(struct.parentSub) !== struct) continue;
    let keys = removed.get(name);
    if (!keys) removed.set(name, (keys = new Set()));
    keys.add(struct.parentSub);
  }
  return removed;
}
