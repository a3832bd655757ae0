import {
  BOARD_COLOURS,
  BindingController,
  CollabController,
  INK,
  LocaleController,
  ReplayCursor,
  SessionController,
  boardShapes,
  collabOf,
  decodeTimeline,
  shapeSvg,
  shapesToSvg,
  textHeight,
  textWidth,
  type BoardShape,
  type Cleanup,
  type CollabSession,
  type InterviewSession,
  type PartialStrings,
} from '@interview-kit/core';
import { LitElement, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { unsafeSVG } from 'lit/directives/unsafe-svg.js';
import { download, svgToPng } from './board-export.js';
import { BoardModel, type Box } from './board-model.js';
import { Viewport } from './viewport.js';
import { TOOLS, WHITEBOARD_LOCALES, type Tool, type WhiteboardStrings } from './whiteboard.strings.js';
import { whiteboardStyles } from './whiteboard.styles.js';

/** The keyboard shortcut of each tool. */
const TOOL_KEYS: Record<string, Tool> = { v: 'select', h: 'hand', p: 'pen', l: 'line', a: 'arrow', r: 'rect', o: 'ellipse', t: 'text', n: 'note' };
/** The colour the export writes for ink: exports have a white background whatever the theme. */
const EXPORT_INK = '#1f2937';
const ZOOM_STEP = 1.25;
const NOTE_SIZE = { w: 200, h: 140 };

/** What a pointer drag is doing. */
type Drag =
  | { kind: 'pan'; lastX: number; lastY: number }
  | { kind: 'pen'; points: number[] }
  | { kind: 'shape'; tool: 'line' | 'arrow' | 'rect' | 'ellipse'; from: [number, number]; to: [number, number] }
  | { kind: 'move'; id: string; from: [number, number]; dx: number; dy: number }
  | { kind: 'resize'; id: string; box: Box; from: [number, number]; to: [number, number] };

/** A text or note being written: a new one at a point, or an existing one. */
interface Writing {
  kind: 'text' | 'note';
  x: number;
  y: number;
  id?: string;
  text: string;
}

/** The box a shape takes on screen (text measured from its words). */
function displayBox(shape: BoardShape): Box {
  if (shape.kind !== 'text') return shape;
  return { x: shape.x, y: shape.y, w: Math.max(shape.w, textWidth(shape.text)), h: Math.max(shape.h, textHeight(shape.text)) };
}

/** The box between two corners. */
function boxBetween([x1, y1]: [number, number], [x2, y2]: [number, number]): Box {
  return { x: Math.min(x1, x2), y: Math.min(y1, y2), w: Math.abs(x2 - x1), h: Math.abs(y2 - y1) };
}

/**
 * @summary The shared whiteboard of an interview session: freehand pen (smoothed strokes), line,
 * arrow, rectangle, ellipse, text and sticky notes, drawn by everyone at once.
 *
 * Give it a `session` (or place it in `<interview-room>`, which provides one). The shapes live in
 * the session's shared document (`Y.Map('board')`, see `boardToSvg` in `@interview-kit/core`), so
 * they sync peer-to-peer and through the server, which keeps them, survive reloads and restarts,
 * and replay with the code. Observers, and everyone once the session ended, only look: the tools
 * are hidden and the server refuses their changes. The server also bounds the number of shapes
 * and the points of a stroke.
 *
 * Tools (toolbar buttons with `aria-pressed`, and keys): V select, H pan, P pen, L line, A arrow,
 * R rectangle, O ellipse, T text, N sticky note. With Select, drag a shape to move it, its
 * corner handle to resize it, the arrow keys move it too, Delete or Backspace removes it, and a
 * double click edits a text or note. Picking a colour recolours the selection. Ctrl/Cmd+Z
 * undoes and Ctrl/Cmd+Shift+Z (or Ctrl+Y) redoes your own actions only, never someone else's.
 * Zoom with Ctrl+wheel, plus and minus, or the buttons (0 resets); pan with the wheel, the hand
 * tool, or Space held while dragging. Export PNG and Export SVG download the whole board on white.
 *
 * With `replay`, the board shows the session's history at `replayAt` (ms since the epoch; the
 * end when unset): `<interview-room>` sets it to the moment its code replay shows, so that the
 * drawing evolves in step with the code.
 *
 * Light and dark follow the inherited `color-scheme`; ink (the first colour) is the text colour.
 *
 * @attr label - Accessible name of the drawing area (default "Whiteboard").
 * @attr replay - Shows the board as it was at `replayAt` instead of the live one.
 * @attr replay-at - The moment the replay shows, ms since the epoch (property `replayAt`).
 *
 * @csspart base - The frame around toolbar and board.
 * @csspart toolbar - The bar of tools, colours, undo, zoom and export (only zoom and export when read-only).
 * @csspart tool - A tool's button (`aria-pressed` tells the chosen one; `data-tool` names it).
 * @csspart colour - A colour's button (`aria-pressed` tells the chosen one).
 * @csspart board - The drawing area (an SVG).
 * @csspart text-input - The box where a text or note is written.
 * @csspart status - The read-only and replay notice.
 *
 * @cssproperty --interview-font-family - Font of the toolbar.
 * @cssproperty --interview-whiteboard-min-height - Least height of the drawing area (default 20rem).
 * @cssproperty --interview-color-text - Text and ink colour.
 * @cssproperty --interview-color-muted - Colour of the notices.
 * @cssproperty --interview-color-surface - Background of the drawing area.
 * @cssproperty --interview-color-border - Border colour.
 * @cssproperty --interview-color-accent - Focus ring, chosen tool and selection colour.
 * @cssproperty --interview-radius - Corner radius.
 */
export class InterviewWhiteboard extends LitElement {
  /** The element's shadow styles; theme it through its CSS custom properties and parts instead. */
  static override styles = whiteboardStyles;

  /** The interview session; provided by `<interview-room>` through context when not set. */
  @property({ attribute: false })
  session: InterviewSession | undefined;

  /** The collaboration session to bind; by default the session's shared one (`collabOf(session)`). */
  @property({ attribute: false })
  collab: CollabSession | undefined;

  /** Accessible name of the drawing area; defaults to the translated "Whiteboard". */
  @property()
  label: string | undefined;

  /** Shows the board as it was at `replayAt` (interviewers and hosts, once the session ended). */
  @property({ type: Boolean, reflect: true })
  replay = false;

  /** The moment the replay shows, ms since the epoch; the end of the session when unset. */
  @property({ type: Number, attribute: 'replay-at' })
  replayAt: number | undefined;

  /** The host page's strings: any subset of {@link WhiteboardStrings}, over the table of the element's language. */
  @property({ attribute: false })
  strings: PartialStrings<WhiteboardStrings> = {};

  /** The tool in hand. */
  @state() tool: Tool = 'pen';
  /** The colour new shapes get: {@link INK} or `#rrggbb`. */
  @state() colour: string = INK;
  /** The selected shape's id (Select tool). */
  @state() selected: string | undefined;
  @state() private locked = true;
  @state() private replayMessage: 'loading' | { failed: string } | undefined;
  @state() private drag: Drag | undefined;
  @state() private writing: Writing | undefined;
  /** Bumped on every change of the shapes shown. */
  @state() private version = 0;

  @query('svg.board') private surface!: SVGSVGElement | null;
  @query('textarea') private textInput!: HTMLTextAreaElement | null;

  /** Which part of the board this reader sees (zoom and pan; each reader has their own). */
  readonly viewport = new Viewport();
  #model: BoardModel | undefined;
  #replayCursor: ReplayCursor | undefined;
  #spaceHeld = false;
  #shapes: BoardShape[] = [];
  #markup = '';
  #markupVersion = -1;

  readonly #locale = new LocaleController(this, WHITEBOARD_LOCALES, { strings: () => this.strings });
  readonly #live = new CollabController(this, {
    collab: () => (this.replay ? undefined : (this.collab ?? (this.session ? collabOf(this.session) : undefined))),
    bind: (collab, cleanup) => this.#bindLive(collab, cleanup),
  });

  constructor() {
    super();
    new SessionController(this);
    new BindingController<InterviewSession>(this, {
      target: () => (this.replay ? this.session : undefined),
      bind: (session, cleanup) => void this.#bindReplay(session, cleanup),
    });
  }

  /** The board's model while live (for hosts that script it); `undefined` in replay. */
  get model(): BoardModel | undefined {
    return this.#model;
  }

  /** The shapes shown, bottom first. */
  get shapes(): readonly BoardShape[] {
    return this.#shapes;
  }

  /** Whether the board cannot be drawn on here (observer, ended session, replay, or not joined yet). */
  get readOnly(): boolean {
    return this.replay || this.locked || !this.#model;
  }

  /** The whole board as a standalone SVG picture on white (`''` when empty). */
  exportSvg(): string {
    return shapesToSvg(this.#shapes, { ink: EXPORT_INK, label: this.label ?? this.#t.label });
  }

  /** The whole board as a PNG picture on white; rejects when the board is empty. */
  async exportPng(): Promise<Blob> {
    const svg = this.exportSvg();
    if (!svg) throw new Error('The whiteboard is empty');
    return svgToPng(svg);
  }

  get #t(): WhiteboardStrings {
    return this.#locale.strings;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('replayAt') && this.#replayCursor) this.#showReplayMoment();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('writing') && this.writing) this.textInput?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#spaceHeld = false;
  }

  protected override render(): TemplateResult {
    const t = this.#t;
    const name = `${this.label ?? t.label}${this.readOnly ? ` ${t.readOnlySuffix}` : ''}`;
    return html`
      <div class="base" part="base" @keydown=${this.#onKey} @keyup=${this.#onKeyUp}>
        ${this.#renderToolbar()}
        <div class="stage">
          <svg
            class="board tool-${this.readOnly ? 'hand' : this.tool}"
            part="board"
            role=${this.readOnly ? 'img' : 'application'}
            aria-label=${name}
            aria-describedby="keyboard-hint"
            tabindex="0"
            @pointerdown=${this.#onPointerDown}
            @pointermove=${this.#onPointerMove}
            @pointerup=${this.#onPointerUp}
            @pointercancel=${() => (this.drag = undefined)}
            @dblclick=${this.#onDoubleClick}
            @wheel=${this.#onWheel}
          >
            <g transform="matrix(${this.viewport.zoom} 0 0 ${this.viewport.zoom} ${-this.viewport.x * this.viewport.zoom} ${-this.viewport.y * this.viewport.zoom})">
              <g class="shapes">${unsafeSVG(this.#shapesMarkup())}</g>
              ${this.#renderDragPreview()} ${this.#renderSelection()}
            </g>
          </svg>
          ${this.#renderWriting()}
        </div>
        <p id="keyboard-hint" class="visually-hidden">${t.keyboardHint}</p>
        <p class="status" part="status" role="status">${this.#statusText()}</p>
      </div>
    `;
  }

  #statusText(): string {
    const t = this.#t;
    const message = this.replayMessage;
    if (message === 'loading') return t.replayLoading;
    if (message) return t.replayFailed(message.failed);
    if (this.readOnly && this.#shapes.length === 0 && (this.replay || this.#model)) return t.empty;
    return this.readOnly && this.#model ? t.readOnlyNotice : '';
  }

  #renderToolbar(): TemplateResult {
    const t = this.#t;
    const zoom = this.#locale.format.number(this.viewport.zoom, { style: 'percent', maximumFractionDigits: 0 });
    const editable = !this.readOnly;
    return html`<div class="toolbar" part="toolbar" role="toolbar" aria-label=${t.toolbar}>
      ${editable
        ? html`<div class="group">
              ${TOOLS.map(
                (tool) => html`<button type="button" part="tool" data-tool=${tool} aria-pressed=${String(this.tool === tool)} @click=${() => this.#choose(tool)}>
                  ${t.tools[tool]}
                </button>`,
              )}
            </div>
            <div class="group" role="group" aria-label=${t.colours}>
              ${BOARD_COLOURS.map(
                (colour, i) => html`<button
                  type="button"
                  part="colour"
                  class="swatch"
                  style="--_swatch: ${colour === INK ? 'currentColor' : colour}"
                  aria-label=${t.colourNames[i] ?? colour}
                  title=${t.colourNames[i] ?? colour}
                  aria-pressed=${String(this.colour === colour)}
                  @click=${() => this.#setColour(colour)}
                ></button>`,
              )}
            </div>
            <div class="group">
              <button type="button" ?disabled=${!this.#model?.canUndo} @click=${() => this.#model?.undo()}>${t.undo}</button>
              <button type="button" ?disabled=${!this.#model?.canRedo} @click=${() => this.#model?.redo()}>${t.redo}</button>
              <button type="button" ?disabled=${!this.selected} @click=${() => this.#deleteSelection()}>${t.delete}</button>
            </div>`
        : nothing}
      <div class="group">
        <button type="button" @click=${() => this.#zoom(1 / ZOOM_STEP)}>${t.zoomOut}</button>
        <button type="button" @click=${() => this.#resetView()}>${t.resetZoom(zoom)}</button>
        <button type="button" @click=${() => this.#zoom(ZOOM_STEP)}>${t.zoomIn}</button>
      </div>
      <div class="group">
        <button type="button" ?disabled=${this.#shapes.length === 0} @click=${() => void this.#exportPng()}>${t.exportPng}</button>
        <button type="button" ?disabled=${this.#shapes.length === 0} @click=${() => this.#exportSvgFile()}>${t.exportSvg}</button>
      </div>
    </div>`;
  }

  /** The markup of every shape, made again only when the shapes changed. */
  #shapesMarkup(): string {
    const drag = this.drag;
    // A shape being moved is drawn where the pointer takes it.
    const moved = drag?.kind === 'move' ? drag : undefined;
    if (!moved && this.#markupVersion === this.version) return this.#markup;
    const markup = this.#shapes
      .map((shape) => (moved && shape.id === moved.id ? { ...shape, x: shape.x + moved.dx, y: shape.y + moved.dy } : shape))
      .map((shape) => shapeSvg(shape))
      .join('');
    if (moved) return markup;
    this.#markupVersion = this.version;
    return (this.#markup = markup);
  }

  #renderDragPreview(): TemplateResult | typeof nothing {
    const drag = this.drag;
    if (!drag) return nothing;
    const colour = this.colour === INK ? 'currentColor' : this.colour;
    if (drag.kind === 'pen') {
      return svg`<polyline class="preview" points=${drag.points.join(' ')} fill="none" stroke=${colour} stroke-width="4" stroke-linecap="round" stroke-linejoin="round" />`;
    }
    if (drag.kind === 'shape') {
      const [x1, y1] = drag.from;
      const [x2, y2] = drag.to;
      if (drag.tool === 'line' || drag.tool === 'arrow') {
        return svg`<line class="preview" x1=${x1} y1=${y1} x2=${x2} y2=${y2} stroke=${colour} stroke-width="3" stroke-linecap="round" />`;
      }
      const box = boxBetween(drag.from, drag.to);
      return drag.tool === 'rect'
        ? svg`<rect class="preview" x=${box.x} y=${box.y} width=${box.w} height=${box.h} fill="none" stroke=${colour} stroke-width="3" />`
        : svg`<ellipse class="preview" cx=${box.x + box.w / 2} cy=${box.y + box.h / 2} rx=${box.w / 2} ry=${box.h / 2} fill="none" stroke=${colour} stroke-width="3" />`;
    }
    if (drag.kind === 'resize') {
      const box = this.#resizedBox(drag);
      return svg`<rect class="selection" x=${box.x} y=${box.y} width=${box.w} height=${box.h} />`;
    }
    return nothing;
  }

  #renderSelection(): TemplateResult | typeof nothing {
    const shape = this.selected ? this.#shapes.find((s) => s.id === this.selected) : undefined;
    if (!shape || this.readOnly || this.drag?.kind === 'resize') return nothing;
    const moved = this.drag?.kind === 'move' ? this.drag : { dx: 0, dy: 0 };
    const box = displayBox(shape);
    const x = box.x + moved.dx;
    const y = box.y + moved.dy;
    const handle = 10 / this.viewport.zoom;
    const pad = 4 / this.viewport.zoom;
    return svg`<rect class="selection" x=${x - pad} y=${y - pad} width=${box.w + 2 * pad} height=${box.h + 2 * pad} />
      ${shape.kind === 'text' ? nothing : svg`<rect class="handle" data-handle="resize" x=${x + box.w - handle / 2} y=${y + box.h - handle / 2} width=${handle} height=${handle} />`}`;
  }

  #renderWriting(): TemplateResult | typeof nothing {
    const writing = this.writing;
    if (!writing) return nothing;
    const { zoom, x, y } = this.viewport;
    return html`<textarea
      part="text-input"
      class=${writing.kind}
      aria-label=${this.#t.textInput}
      style="left: ${(writing.x - x) * zoom}px; top: ${(writing.y - y) * zoom}px"
      .value=${writing.text}
      @input=${(e: Event) => (writing.text = (e.target as HTMLTextAreaElement).value)}
      @keydown=${(e: KeyboardEvent) => {
        e.stopPropagation();
        if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) this.#finishWriting();
      }}
      @blur=${() => this.#finishWriting()}
    ></textarea>`;
  }

  /** The board point under a pointer event. */
  #pointAt(event: PointerEvent | MouseEvent | WheelEvent): [number, number] {
    const rect = this.surface!.getBoundingClientRect();
    return this.viewport.toBoard(event.clientX - rect.left, event.clientY - rect.top);
  }

  #onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0 && event.button !== 1) return;
    this.surface?.focus({ preventScroll: true });
    if (this.writing) return;
    const point = this.#pointAt(event);
    const tool = this.readOnly || this.#spaceHeld || event.button === 1 ? 'hand' : this.tool;
    const start = (drag: Drag) => {
      this.surface?.setPointerCapture?.(event.pointerId);
      this.drag = drag;
      event.preventDefault();
    };
    switch (tool) {
      case 'hand':
        return start({ kind: 'pan', lastX: event.clientX, lastY: event.clientY });
      case 'select': {
        const target = event.composedPath()[0] as Element;
        const shape = this.selected ? this.#shapes.find((s) => s.id === this.selected) : undefined;
        if (shape && target.getAttribute?.('data-handle') === 'resize') return start({ kind: 'resize', id: shape.id, box: displayBox(shape), from: point, to: point });
        const id = target.closest?.('g[data-id]')?.getAttribute('data-id') ?? undefined;
        this.selected = id;
        if (id) start({ kind: 'move', id, from: point, dx: 0, dy: 0 });
        return;
      }
      case 'pen':
        return start({ kind: 'pen', points: [...point] });
      case 'text':
      case 'note':
        this.writing = { kind: tool, x: point[0], y: point[1], text: '' };
        event.preventDefault();
        return;
      default:
        return start({ kind: 'shape', tool, from: point, to: point });
    }
  };

  #onPointerMove = (event: PointerEvent): void => {
    const drag = this.drag;
    if (!drag) return;
    const point = this.#pointAt(event);
    switch (drag.kind) {
      case 'pan':
        this.viewport.pan(event.clientX - drag.lastX, event.clientY - drag.lastY);
        this.drag = { ...drag, lastX: event.clientX, lastY: event.clientY };
        return;
      case 'pen':
        this.drag = { ...drag, points: [...drag.points, ...point] };
        return;
      case 'shape':
      case 'resize':
        this.drag = { ...drag, to: point };
        return;
      case 'move':
        this.drag = { ...drag, dx: point[0] - drag.from[0], dy: point[1] - drag.from[1] };
    }
  };

  #onPointerUp = (): void => {
    const drag = this.drag;
    const model = this.#model;
    this.drag = undefined;
    if (!drag || !model || this.readOnly) return;
    switch (drag.kind) {
      case 'pen': {
        // A click draws a dot.
        const points = drag.points.length === 2 ? [...drag.points, drag.points[0]! + 0.5, drag.points[1]! + 0.5] : drag.points;
        model.addStroke('pen', points, this.colour);
        return;
      }
      case 'shape': {
        const box = boxBetween(drag.from, drag.to);
        if (box.w < 3 && box.h < 3) return;
        if (drag.tool === 'line' || drag.tool === 'arrow') model.addStroke(drag.tool, [...drag.from, ...drag.to], this.colour);
        else model.add({ kind: drag.tool, ...box, points: [], colour: this.colour, text: '' });
        return;
      }
      case 'move':
        model.move([drag.id], drag.dx, drag.dy);
        return;
      case 'resize':
        model.resize(drag.id, this.#resizedBox(drag));
    }
  };

  /** The box a resize drag gives: the far corner follows the pointer. */
  #resizedBox(drag: Extract<Drag, { kind: 'resize' }>): Box {
    const { box } = drag;
    return { x: box.x, y: box.y, w: Math.max(1, box.w + drag.to[0] - drag.from[0]), h: Math.max(1, box.h + drag.to[1] - drag.from[1]) };
  }

  #onDoubleClick = (event: MouseEvent): void => {
    if (this.readOnly || this.tool !== 'select') return;
    const id = (event.composedPath()[0] as Element).closest?.('g[data-id]')?.getAttribute('data-id');
    const shape = id ? this.#shapes.find((s) => s.id === id) : undefined;
    if (shape?.kind === 'text' || shape?.kind === 'note') this.writing = { kind: shape.kind, x: shape.x, y: shape.y, id: shape.id, text: shape.text };
  };

  #onWheel = (event: WheelEvent): void => {
    event.preventDefault();
    const rect = this.surface!.getBoundingClientRect();
    if (event.ctrlKey || event.metaKey) this.viewport.zoomBy(event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, event.clientX - rect.left, event.clientY - rect.top);
    else this.viewport.pan(-event.deltaX, -event.deltaY);
    this.requestUpdate();
  };

  #onKey = (event: KeyboardEvent): void => {
    if ((event.composedPath()[0] as Element).localName !== 'svg') return;
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (key === ' ') {
      this.#spaceHeld = true;
      event.preventDefault();
      return;
    }
    if (key === '+' || key === '=') this.#zoom(ZOOM_STEP);
    else if (key === '-') this.#zoom(1 / ZOOM_STEP);
    else if (key === '0' && !mod) this.#resetView();
    else if (this.readOnly) return;
    else if (mod && key === 'z') event.shiftKey ? this.#model?.redo() : this.#model?.undo();
    else if (mod && key === 'y') this.#model?.redo();
    else if (key === 'delete' || key === 'backspace') this.#deleteSelection();
    else if (key === 'escape') this.selected = undefined;
    else if (key.startsWith('arrow') && this.selected) this.#nudge(key, event.shiftKey ? 1 : 10);
    else if (!mod && !event.altKey && TOOL_KEYS[key]) this.#choose(TOOL_KEYS[key]);
    else return;
    event.preventDefault();
  };

  #onKeyUp = (event: KeyboardEvent): void => {
    if (event.key === ' ') this.#spaceHeld = false;
  };

  #nudge(key: string, step: number): void {
    const [dx, dy] = { arrowleft: [-step, 0], arrowright: [step, 0], arrowup: [0, -step], arrowdown: [0, step] }[key] ?? [0, 0];
    this.#model?.move([this.selected!], dx!, dy!);
  }

  #choose(tool: Tool): void {
    this.tool = tool;
    if (tool !== 'select') this.selected = undefined;
  }

  #setColour(colour: string): void {
    this.colour = colour;
    if (this.selected) this.#model?.update(this.selected, { colour });
  }

  #deleteSelection(): void {
    if (!this.selected) return;
    this.#model?.remove([this.selected]);
    this.selected = undefined;
  }

  #zoom(factor: number): void {
    const rect = this.surface?.getBoundingClientRect();
    this.viewport.zoomBy(factor, (rect?.width ?? 0) / 2, (rect?.height ?? 0) / 2);
    this.requestUpdate();
  }

  #resetView(): void {
    this.viewport.reset();
    this.requestUpdate();
  }

  #finishWriting(): void {
    const writing = this.writing;
    const model = this.#model;
    this.writing = undefined;
    if (!writing || !model || this.readOnly) return;
    const text = writing.text.trimEnd();
    if (writing.id) {
      if (text) model.update(writing.id, { text });
      else model.remove([writing.id]);
    } else if (text) {
      const size = writing.kind === 'note' ? { w: Math.max(NOTE_SIZE.w, textWidth(text) * 0.85 + 24), h: Math.max(NOTE_SIZE.h, textHeight(text) + 24) } : { w: textWidth(text), h: textHeight(text) };
      model.add({ kind: writing.kind, x: writing.x, y: writing.y, ...size, points: [], colour: this.colour, text });
    }
    this.surface?.focus({ preventScroll: true });
  }

  #exportSvgFile(): void {
    download(new Blob([this.exportSvg()], { type: 'image/svg+xml' }), `${this.#t.fileName}.svg`);
  }

  async #exportPng(): Promise<void> {
    download(await this.exportPng(), `${this.#t.fileName}.png`);
  }

  /** Shapes to show changed. */
  #show(shapes: BoardShape[]): void {
    this.#shapes = shapes;
    if (this.selected && !shapes.some((s) => s.id === this.selected)) this.selected = undefined;
    this.version++;
  }

  #bindLive(collab: CollabSession, cleanup: Cleanup): void {
    const model = new BoardModel(collab.doc, () => this.#show(model.shapes));
    this.#model = model;
    const follow = () => {
      this.locked = collab.readOnly;
      if (this.locked) this.writing = undefined;
    };
    follow();
    this.#show(model.shapes);
    cleanup.listen(collab, 'readonly', follow);
    cleanup.listen(collab, 'status', follow);
    cleanup.listen(collab, 'session-state', follow);
    cleanup.add(() => {
      model.destroy();
      if (this.#model === model) this.#model = undefined;
      this.#show([]);
    });
  }

  async #bindReplay(session: InterviewSession, cleanup: Cleanup): Promise<void> {
    this.replayMessage = 'loading';
    let ended = false;
    cleanup.add(() => {
      ended = true;
      this.#replayCursor?.destroy();
      this.#replayCursor = undefined;
      this.replayMessage = undefined;
      this.#show([]);
    });
    try {
      const timeline = decodeTimeline(await session.client.timeline(session.sessionId));
      if (ended) return;
      this.#replayCursor = new ReplayCursor(timeline);
      this.replayMessage = undefined;
      this.#showReplayMoment();
    } catch (error) {
      if (!ended) this.replayMessage = { failed: (error as Error).message };
    }
  }

  #showReplayMoment(): void {
    const cursor = this.#replayCursor;
    if (!cursor) return;
    cursor.seek(this.replayAt ?? cursor.end);
    this.#show(boardShapes(cursor.doc));
  }
}
