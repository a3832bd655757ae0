// Mounting rooms in browser tests: a real room on the reference server, for a role, at a size.
import type { Role } from '@interview-kit/core';
import {
  createSession,
  referenceServer,
  sampleSession,
  type CreatedSession,
  type ReferenceServer,
} from '../../../core/src/testing/reference-server.js';
import { until } from '../../../core/src/testing/helpers.js';
import type { InterviewRoom } from '../room/room.component.js';
import '../room/room.js';

/** Where a room is mounted, and what it waits for. */
export interface MountOptions {
  width?: number;
  height?: number;
  /** A selector in the room's shadow root that shows it is ready (default: the editor). */
  shows?: string;
  /** Attributes set on the room before it connects (e.g. `theme`, `replay`). */
  attributes?: Record<string, string>;
}

/**
 * The reference server and a live sample session, created once per test file; rooms mounted with
 * {@link mountRoom} are removed after each test. `models`: a server that transcribes recordings and
 * drafts the assistant's review through the local model stand-in.
 */
export function roomFixture(options: { models?: boolean } = {}) {
  const fixture = {
    server: undefined as unknown as ReferenceServer,
    created: undefined as unknown as CreatedSession,
    mounted: [] as InterviewRoom[],
  };
  before(async () => {
    fixture.server = await referenceServer({ liveKit: false, ...(options.models ? { models: true } : {}) });
    fixture.created = await createSession(fixture.server);
  });
  afterEach(() => {
    for (const room of fixture.mounted.splice(0)) room.remove();
  });

  /** A room for `role` with a stand-in feedback form in its slot; resolves once it shows the session. */
  async function mount(role: Role, session: CreatedSession = fixture.created, options: MountOptions = {}): Promise<InterviewRoom> {
    const { width = 1280, height = 800, shows = 'interview-editor', attributes = {} } = options;
    const room = document.createElement('interview-room');
    room.style.width = `${width}px`;
    room.style.setProperty('--interview-room-height', `${height}px`);
    for (const [name, value] of Object.entries(attributes)) room.setAttribute(name, value);
    room.server = fixture.server.url;
    room.session = session.id;
    room.tokenProvider = session.tokenFor(role);
    const feedback = document.createElement('div');
    feedback.slot = 'feedback';
    feedback.textContent = 'Private feedback form';
    room.append(feedback);
    document.body.append(room);
    fixture.mounted.push(room);
    await until(() => room.shadowRoot?.querySelector(shows), 'the room to show the session');
    // Video loads in a chunk of its own once the view is there: tests look at the whole room.
    await customElements.whenDefined('interview-video');
    await room.updateComplete;
    return room;
  }

  return Object.assign(fixture, { mount });
}

export const $ = <E extends Element = HTMLElement>(room: InterviewRoom, selector: string) => room.shadowRoot!.querySelector<E>(selector);
export const $$ = (room: InterviewRoom, selector: string) => [...room.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
export const visible = (element: Element | null | undefined) => !!element && (element as HTMLElement).checkVisibility();
/** The visible tab panels' ids. */
export const shownPanels = (room: InterviewRoom) => $$(room, '[role="tabpanel"]').filter(visible).map((panel) => panel.id);

/** The sample interview with Ivy interviewing and Cam, the candidate, given 15 minutes of extra time. */
export function withExtraTime(overrides: Parameters<typeof sampleSession>[0] = {}) {
  return sampleSession({
    participants: [
      { id: 'ivy', name: 'Ivy Interviewer', role: 'interviewer' },
      { id: 'cam', name: 'Cam Candidate', role: 'candidate', extraTimeMinutes: 15 },
    ],
    ...overrides,
  });
}
