import { html, nothing, type TemplateResult } from 'lit';
import type { IntegritySignal, SessionView } from '@interview-kit/core';
import { FIRST_SECTION, FIRST_TOOL, hasConsole, pick, sectionsFor, toolsFor, type RunTab, type Section, type Tool } from './layout.js';
import { renderQuestion } from './question-pane.js';
import type { RoomStrings } from './room.strings.js';
import { stringsFor, type RoomLocale } from './room-locale.js';
import { renderSeparator, type Split } from './split.js';
import { renderTabList } from './tab-list.js';
import { FOCUSABLE_TOOL_PANELS, renderTool, toolLabel, type ChatTool } from './tool-rail.js';
import { followReplayMoment, renderCentreTabs, renderWhiteboard, type CentreView } from './whiteboard-pane.js';

/** What the live layout shows, and where the reader's choices go. */
export interface PanesState {
  view: SessionView;
  /** Tabs instead of panes side by side. */
  narrow: boolean;
  /** The narrow layout's selected tab. */
  tab: Section;
  /** The tool rail's selected tab. */
  tool: Tool;
  /** What the centre shows when wide: the code or the whiteboard. */
  centre: CentreView;
  /** The wide layout's run pane tab: the output or the console. */
  runTab: RunTab;
  /** Whether the console was opened (it connects and loads its terminal on first need, then stays). */
  consoleOpened: boolean;
  /** The integrity signals for the Signals tool, once loaded. */
  signals?: readonly IntegritySignal[] | undefined;
  /** The chat tool's model and replay moment; its unread count goes on its tab. */
  chat?: ChatTool | undefined;
  questionSplit: Split;
  editorSplit: Split;
  /** Whether the editor shows the Replay, and at which moment (ms since the epoch). */
  replaying: boolean;
  replayAt: number | undefined;
  /** Select a tab; each resolves once the room shows it. */
  onTab: (tab: Section) => Promise<unknown>;
  onTool: (tool: Tool) => Promise<unknown>;
  onCentre: (view: CentreView) => Promise<unknown>;
  onRunTab: (tab: RunTab) => Promise<unknown>;
  /** Interviewers move the session to another question (the switcher above the question). */
  onQuestion: (index: number) => void;
  onQuestionSplit: (split: Split) => void;
  onEditorSplit: (split: Split) => void;
}

/** The tab label of each section (the chat's with its unread count). */
function sectionLabel(section: Section, t: RoomStrings, unread = 0): string {
  switch (section) {
    case 'question':
      return t.question;
    case 'code':
      return t.code;
    case 'whiteboard':
      return t.whiteboard;
    case 'output':
      return t.output;
    case 'console':
      return t.console;
    case 'video':
      return t.video;
    default:
      return toolLabel(section, t, unread);
  }
}

/**
 * The live (and, once ended, the read-only) layout. Wide: the question, a split, the editor (or,
 * through the tabs above it, the whiteboard; in the Replay, the recording above the editor) above
 * the run panel, and the rail with video above the tool tabs (the interviewers' tools, and
 * everyone's chat). Narrow: one tab per
 * section, the same elements inside (so that switching keeps their state).
 */
export function renderPanes(state: PanesState, t: RoomStrings, locale: RoomLocale): TemplateResult {
  const { view, narrow } = state;
  const sections = sectionsFor(view);
  const tools = toolsFor(view);
  const tab = pick(sections, state.tab, FIRST_SECTION);
  const tool = pick(tools, state.tool, tools[0] ?? FIRST_TOOL);
  const unread = state.chat?.model.state.value.unread ?? 0;
  const consoleShown = hasConsole(view);
  /** Wide, with the console: Output and Console share the run pane as tabs of their own. */
  const runTabs = !narrow && consoleShown;
  const runTab = consoleShown ? state.runTab : 'output';
  /**
   * One section: a region when wide (a tool's tab panel in the rail), a tab panel when narrow.
   * `focusable` panes may hold no control of their own.
   */
  const pane = (id: Section, part: string, kind: string, content: unknown, focusable = false) => {
    const isTool = (tools as Section[]).includes(id);
    // Wide, the code and the whiteboard are the panels of the tabs above them; with the console,
    // so are the output and the console of the run pane.
    const isCentre = !narrow && (id === 'code' || id === 'whiteboard');
    const isRunTab = runTabs && (id === 'output' || id === 'console');
    const tabbed = narrow || isTool || isCentre || isRunTab;
    const shown = narrow ? tab === id : isCentre ? state.centre === id : isRunTab ? runTab === id : !isTool || tool === id;
    const tabPrefix = narrow ? '' : isCentre ? 'centre-' : isRunTab ? 'run-' : 'tool-';
    return html`<section
      part=${part}
      class="pane ${kind}"
      id="panel-${id}"
      role=${tabbed ? 'tabpanel' : 'region'}
      aria-labelledby=${tabbed ? `${tabPrefix}tab-${id}` : nothing}
      aria-label=${tabbed ? nothing : sectionLabel(id, t)}
      ?hidden=${!shown}
      tabindex=${focusable ? (tabbed ? '0' : '-1') : nothing}
    >
      ${content}
    </section>`;
  };
  return html`
    ${narrow
      ? renderTabList({
          part: 'tabs',
          label: t.sections,
          tabs: sections.map((id) => [id, sectionLabel(id, t, unread)] as const),
          selected: tab,
          onSelect: state.onTab,
        })
      : nothing}
    <div class="panes">
      ${pane('question', 'question', 'question', renderQuestion(view, t, state.onQuestion), true)}
      ${narrow
        ? nothing
        : renderSeparator({
            split: state.questionSplit,
            orientation: 'vertical',
            label: t.resizeQuestion,
            controls: 'panel-question',
            onChange: state.onQuestionSplit,
          })}
      <div class="centre" @interview-replay-moment=${followReplayMoment}>
        ${narrow ? nothing : renderCentreTabs(state.centre, state.onCentre, t)}
        ${pane('code', 'editor-pane', 'editor', html`${state.replaying
            ? html`<interview-replay-media .strings=${t} .format=${locale.format} .at=${state.replayAt}></interview-replay-media>`
            : nothing}<interview-editor
            lang=${locale.lang}
            .strings=${stringsFor(locale, 'interview-editor')}
            ?replay=${state.replaying}
            .replayAt=${state.replayAt}
          ></interview-editor>`)}
        ${pane('whiteboard', 'whiteboard-pane', 'editor whiteboard', renderWhiteboard(state.replaying, locale))}
        ${narrow
          ? nothing
          : renderSeparator({
              split: state.editorSplit,
              orientation: 'horizontal',
              label: t.resizeEditor,
              controls: 'panel-code',
              onChange: state.onEditorSplit,
            })}
        ${runTabs
          ? renderTabList({
              part: 'run-tabs',
              label: t.runTabs,
              tabs: (['output', 'console'] as const).map((id) => [id, sectionLabel(id, t)] as const),
              selected: runTab,
              idPrefix: 'run-',
              onSelect: state.onRunTab,
            })
          : nothing}
        ${pane('output', 'run-pane', 'run', html`<interview-run-panel lang=${locale.lang} .strings=${stringsFor(locale, 'interview-run-panel')}></interview-run-panel>`)}
        ${consoleShown
          ? pane(
              'console',
              'console-pane',
              'console',
              state.consoleOpened ? html`<interview-console lang=${locale.lang} .strings=${stringsFor(locale, 'interview-console')}></interview-console>` : nothing,
            )
          : nothing}
      </div>
      <div class="rail">
        ${pane('video', 'video-rail', 'video', html`<interview-video
            lang=${locale.lang}
            .strings=${stringsFor(locale, 'interview-video')}
            layout=${narrow ? 'speaker' : 'grid'}
          ></interview-video>`)}
        ${tools.length
          ? html`<div part="tool-rail" class="tools">
              ${narrow
                ? nothing
                : renderTabList({
                    part: 'tool-tabs',
                    label: t.tools,
                    tabs: tools.map((id) => [id, toolLabel(id, t, unread)] as const),
                    selected: tool,
                    idPrefix: 'tool-',
                    onSelect: state.onTool,
                  })}
              ${tools.map((id) => pane(id, `${id}-pane`, `tool ${id}`, renderTool(id, view, t, locale, state.signals, state.chat), FOCUSABLE_TOOL_PANELS.includes(id)))}
            </div>`
          : nothing}
      </div>
    </div>
  `;
}
