import * as Y from 'yjs';

/** A Yjs update, decoded (`Y.decodeUpdate`): its structs and its delete set. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

type Struct = DecodedUpdate['structs'][number];

/**
 * Finds whether a client's Yjs update would change a server-owned top-level type of `doc` (run
 * records, the session's lifecycle; see `SERVER_OWNED_TYPES` in `structure.ts`): the name of the
 * first such type it touches, or `undefined`. The server checks what clients send it; browsers
 * check what their peers send over the mesh (`mesh-bridge.ts`).
 *
 * - Every inserted item belongs to the top-level type its parent leads to. An item names its
 *   parent directly (a top-level name, or the id of the item holding a nested type), or, when it
 *   sits next to other items, only through its neighbours (`origin`, `rightOrigin`); those are
 *   looked up in the update itself or in the document and followed to their top-level type.
 *   Both neighbours are checked, not only the one Yjs would use.
 * - Every deletion is checked against the items of the document it would delete (ranges already
 *   deleted there change nothing and are ignored: a client that was offline sends them back).
 * - References to content the document does not have yet stay pending in Yjs until that content
 *   arrives; they can only ever attach to content the server accepted or wrote itself, and the
 *   server writes with a fresh random client id every time, so they are let through.
 *
 * The cost is a lookup per inserted struct (a binary search in the document's struct store) plus
 * one per deleted range, whatever the document's size.
 */
export function serverOwnedTypeTouched(doc: Y.Doc, update: DecodedUpdate, owned: ReadonlySet<string>): string | undefined {
  const ownedTypes = new Map<Y.AbstractType<any>, string>();
  for (const name of owned) {
    const type = doc.share.get(name);
    if (type) ownedTypes.set(type, name);
  }
  const roots = new UpdateRoots(doc, update, owned, ownedTypes);
  for (const struct of update.structs) {
    if (!(struct instanceof Y.Item)) continue;
    const name = roots.ownedRootOf(struct);
    if (name !== undefined) return name;
  }
  for (const item of itemsDeletedBy(doc, update)) {
    const name = ownedTypes.get(rootType(item.parent as Y.AbstractType<any>));
    if (name !== undefined) return name;
  }
  return undefined;
}

/**
 * The items of `doc` that `update`'s delete set would delete: those the document holds and has
 * not deleted yet (ranges already deleted change nothing; a client that was offline sends them
 * back). A binary search per deleted range, whatever the document's size.
 */
export function* itemsDeletedBy(doc: Y.Doc, update: DecodedUpdate): Generator<Y.Item> {
  for (const [client, ranges] of update.ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    const known = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      const end = Math.min(clock + len, known);
      if (clock >= end) continue;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < end; i++) {
        const struct = structs[i]!;
        if (struct instanceof Y.Item && !struct.deleted) yield struct;
      }
    }
  }
}

/** The top-level type a type of the document belongs to. */
function rootType(type: Y.AbstractType<any>): Y.AbstractType<any> {
  let current = type;
  while (current._item) current = current._item.parent as Y.AbstractType<any>;
  return current;
}

/** Which server-owned top-level type each item of one update belongs to, memoised. */
class UpdateRoots {
  /** The owned type an item of the update leads to; `null` when it leads to none (or nowhere yet). */
  readonly #resolved = new Map<Y.Item, string | null>();
  #byClient: Map<number, Struct[]> | undefined;

  constructor(
    private readonly doc: Y.Doc,
    private readonly update: DecodedUpdate,
    private readonly owned: ReadonlySet<string>,
    private readonly ownedTypes: Map<Y.AbstractType<any>, string>,
  ) {}

  /** The owned top-level type `item` belongs to, if any. Iterative: forged updates may chain far. */
  ownedRootOf(item: Y.Item): string | undefined {
    const stack: Y.Item[] = [item];
    const visiting = new Set<Y.Item>();
    while (stack.length > 0) {
      const current = stack[stack.length - 1]!;
      if (this.#resolved.has(current)) {
        stack.pop();
        continue;
      }
      let found: string | null = null;
      const waiting: Y.Item[] = [];
      for (const reference of this.#references(current)) {
        if (typeof reference === 'string') {
          found = reference;
          break;
        }
        const known = this.#resolved.get(reference);
        if (known) {
          found = known;
          break;
        }
        // A cycle inside a forged update leads nowhere.
        if (known === undefined && !visiting.has(reference)) waiting.push(reference);
      }
      if (found === null && waiting.length > 0 && !visiting.has(current)) {
        visiting.add(current);
        stack.push(...waiting);
        continue;
      }
      this.#resolved.set(current, found);
      visiting.delete(current);
      stack.pop();
    }
    return this.#resolved.get(item) ?? undefined;
  }

  /**
   * What `item`'s position refers to: an owned type's name when a reference leads to one in the
   * document (or names one), items of the update still to follow, nothing for the rest.
   */
  *#references(item: Y.Item): Generator<string | Y.Item> {
    const parent = item.parent as string | Y.ID | null;
    if (typeof parent === 'string') {
      if (this.owned.has(parent)) yield parent;
    } else if (parent) {
      yield* this.#lookup(parent, true);
    }
    if (item.origin) yield* this.#lookup(item.origin, false);
    if (item.rightOrigin) yield* this.#lookup(item.rightOrigin, false);
  }

  /** Looks `id` up in the update, then in the document. `holdsParent`: the item's content is the parent type. */
  *#lookup(id: Y.ID, holdsParent: boolean): Generator<string | Y.Item> {
    const inUpdate = this.#inUpdate(id);
    if (inUpdate) {
      if (inUpdate instanceof Y.Item) yield inUpdate;
      return;
    }
    if (id.clock >= Y.getState(this.doc.store, id.client)) return;
    const struct = Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
    if (!(struct instanceof Y.Item)) return;
    const type = holdsParent ? (struct.content as Y.ContentType).type : (struct.parent as Y.AbstractType<any> | null);
    if (!type) return;
    const name = this.ownedTypes.get(rootType(type));
    if (name !== undefined) yield name;
  }

  /** The struct of the update that holds `id`, if any. */
  #inUpdate(id: Y.ID): Struct | undefined {
    this.#byClient ??= groupByClient(this.update.structs);
    const structs = this.#byClient.get(id.client);
    if (!structs) return undefined;
    let low = 0;
    let high = structs.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const struct = structs[middle]!;
      if (id.clock < struct.id.clock) high = middle - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = middle + 1;
      else return struct;
    }
    return undefined;
  }
}

function groupByClient(structs: Struct[]): Map<number, Struct[]> {
  const byClient = new Map<number, Struct[]>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  return byClient;
}
