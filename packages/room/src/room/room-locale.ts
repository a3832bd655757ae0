import type { Formats, PartialStrings } from '@interview-kit/core';
import type { EditorStrings } from '@interview-kit/editor';
import type { ChatStrings, FeedbackStrings, NotesStrings } from '@interview-kit/feedback';
import type { ConsoleStrings, RunPanelStrings, TestsStrings } from '@interview-kit/run-panel';
import type { DeviceCheckStrings, VideoStrings } from '@interview-kit/video';
import type { WhiteboardStrings } from '@interview-kit/whiteboard';

/** The host page's strings for the elements the room renders, by tag; each overrides that element's table. */
export interface ElementStrings {
  'interview-editor'?: PartialStrings<EditorStrings>;
  'interview-run-panel'?: PartialStrings<RunPanelStrings>;
  'interview-tests'?: PartialStrings<TestsStrings>;
  'interview-console'?: PartialStrings<ConsoleStrings>;
  'interview-video'?: PartialStrings<VideoStrings>;
  'interview-device-check'?: PartialStrings<DeviceCheckStrings>;
  'interview-notes'?: PartialStrings<NotesStrings>;
  'interview-feedback'?: PartialStrings<FeedbackStrings>;
  'interview-whiteboard'?: PartialStrings<WhiteboardStrings>;
  'interview-chat'?: PartialStrings<ChatStrings>;
}

/** What the room's parts need of its language besides its own strings: the tag, `Intl` formatting, and the elements' strings to pass on. */
export interface RoomLocale {
  lang: string;
  format: Formats;
  elements: ElementStrings;
}

const NONE = Object.freeze({});

/** The strings the room passes to the element `tag` (one unchanging empty table when the host gave none). */
export function stringsFor<K extends keyof ElementStrings>(locale: RoomLocale, tag: K): NonNullable<ElementStrings[K]> {
  return (locale.elements[tag] ?? NONE) as NonNullable<ElementStrings[K]>;
}
