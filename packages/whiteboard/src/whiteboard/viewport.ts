/** The least and most zoom of the board. */
export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 4;

/**
 * Which part of the board the reader sees: the board point at the view's top-left corner and the
 * zoom (screen pixels per board unit). Framework-free; each reader has their own, nothing of it
 * is shared.
 */
export class Viewport {
  x = 0;
  y = 0;
  zoom = 1;

  /** The board point under a point of the view (pixels from its top-left corner). */
  toBoard(px: number, py: number): [number, number] {
    return [this.x + px / this.zoom, this.y + py / this.zoom];
  }

  /** Moves the view by a drag of `dx`, `dy` screen pixels (the board follows the pointer). */
  pan(dx: number, dy: number): void {
    this.x -= dx / this.zoom;
    this.y -= dy / this.zoom;
  }

  /** Zooms by `factor`, keeping the board point under the view point `px`, `py` in place. */
  zoomBy(factor: number, px: number, py: number): void {
    const [bx, by] = this.toBoard(px, py);
    this.zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, this.zoom * factor));
    this.x = bx - px / this.zoom;
    this.y = by - py / this.zoom;
  }

  reset(): void {
    this.x = 0;
    this.y = 0;
    this.zoom = 1;
  }

  /** The SVG `viewBox` of a view `width` × `height` pixels. */
  viewBox(width: number, height: number): string {
    return `${this.x} ${this.y} ${width / this.zoom} ${height / this.zoom}`;
  }
}
