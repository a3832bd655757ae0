import { POINT_KINDS, boardOf, boardShapes, boxOfPoints, type BoardShape, type BoardShapeFields } from '@interview-kit/core';
import * as Y from 'yjs';

/** A shape to add: its fields but the author and stacking order, which the model fills in. */
export type NewShape = Omit<BoardShapeFields, 'author' | 'z'>;

/** A box: top-left corner, width and height. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The whiteboard's model, framework-free: the shapes of the session document's `Y.Map('board')`,
 * and every change one participant makes to them. Each change is one Yjs transaction with this
 * model's own origin, so that undo and redo (a `Y.UndoManager` tracking only that origin) touch
 * only this participant's own actions, never someone else's. `onChange` hears of every change,
 * remote ones included.
 */
export class BoardModel {
  readonly doc: Y.Doc;
  readonly board: Y.Map<Y.Map<unknown>>;
  /** The origin of this participant's changes. */
  readonly origin = Symbol('whiteboard');
  readonly #undo: Y.UndoManager;
  #counter = 0;

  constructor(doc: Y.Doc, onChange: () => void) {
    this.doc = doc;
    this.board = boardOf(doc);
    this.#undo = new Y.UndoManager(this.board, { trackedOrigins: new Set([this.origin]), captureTimeout: 0 });
    this.#onChange = onChange;
    this.board.observeDeep(this.#onChange);
    this.#undo.on('stack-item-added', this.#onChange);
    this.#undo.on('stack-item-popped', this.#onChange);
  }

  readonly #onChange: () => void;

  /** Every shape, bottom first. */
  get shapes(): BoardShape[] {
    return boardShapes(this.doc);
  }

  shape(id: string): BoardShape | undefined {
    return this.shapes.find((shape) => shape.id === id);
  }

  get canUndo(): boolean {
    return this.#undo.canUndo();
  }

  get canRedo(): boolean {
    return this.#undo.canRedo();
  }

  /** Adds a shape on top of the others; returns its id. */
  add(shape: NewShape): string {
    const id = `${this.doc.clientID.toString(36)}-${Date.now().toString(36)}-${(this.#counter++).toString(36)}`;
    const top = Math.max(0, ...this.shapes.map((s) => s.z));
    this.#change(() => {
      const fields = new Y.Map<unknown>();
      for (const [key, value] of Object.entries({ ...shape, author: this.doc.clientID, z: top + 1 })) fields.set(key, value);
      this.board.set(id, fields);
    });
    return id;
  }

  /** A stroke (pen, line, arrow) through `points` (flat, board units): its box is the points' own. */
  addStroke(kind: 'pen' | 'line' | 'arrow', points: readonly number[], colour: string): string {
    const { x, y, w, h, points: relative } = boxOfPoints(points);
    return this.add({ kind, x, y, w, h, points: relative, colour, text: '' });
  }

  /** Changes some fields of a shape. */
  update(id: string, fields: Partial<Pick<BoardShapeFields, 'text' | 'colour'>>): void {
    const shape = this.board.get(id);
    if (!shape) return;
    this.#change(() => Object.entries(fields).forEach(([key, value]) => shape.set(key, value)));
  }

  /** Moves shapes by `dx`, `dy`. */
  move(ids: readonly string[], dx: number, dy: number): void {
    if (dx === 0 && dy === 0) return;
    this.#change(() => {
      for (const id of ids) {
        const shape = this.board.get(id);
        const current = shape && this.shape(id);
        if (!shape || !current) continue;
        shape.set('x', current.x + dx);
        shape.set('y', current.y + dy);
      }
    });
  }

  /** Gives a shape a new box; a stroke's points scale with it. */
  resize(id: string, box: Box): void {
    const shape = this.board.get(id);
    const current = this.shape(id);
    if (!shape || !current) return;
    const w = Math.max(1, box.w);
    const h = Math.max(1, box.h);
    this.#change(() => {
      shape.set('x', box.x);
      shape.set('y', box.y);
      shape.set('w', w);
      shape.set('h', h);
      if (POINT_KINDS.has(current.kind)) {
        const sx = current.w > 0 ? w / current.w : 1;
        const sy = current.h > 0 ? h / current.h : 1;
        shape.set('points', current.points.map((v, i) => Math.round(v * (i % 2 === 0 ? sx : sy) * 100) / 100));
      }
    });
  }

  /** Deletes shapes. */
  remove(ids: readonly string[]): void {
    this.#change(() => ids.forEach((id) => this.board.delete(id)));
  }

  /** Undoes this participant's last change still in place (never anyone else's). */
  undo(): void {
    this.#undo.undo();
  }

  redo(): void {
    this.#undo.redo();
  }

  destroy(): void {
    this.board.unobserveDeep(this.#onChange);
    this.#undo.destroy();
  }

  #change(change: () => void): void {
    this.doc.transact(change, this.origin);
  }
}
