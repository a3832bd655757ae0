import { localParticipant, type CallParticipant, type VideoCallState } from './state.js';

/**
 * How `<interview-video>` arranges everyone but you: `grid`, equal tiles; `speaker`, the one
 * featured (a shared screen, else the active speaker) large and the others in a strip. In both,
 * your own camera is small, over a corner of the others (picture-in-picture).
 */
export type VideoLayout = 'grid' | 'speaker';

/** One picture on the stage: a participant's camera (or avatar), or a screen they share. */
export interface StageTile {
  key: string;
  participant: CallParticipant;
  screen: boolean;
}

/** Who the stage shows where. */
export interface Stage {
  /**
   * The large tiles: everyone else's cameras and every shared screen (yours included); in the
   * `speaker` layout the featured one first. With nobody else and no screen shared, your own camera.
   */
  main: StageTile[];
  /** Your own camera, small over the corner of `main`; null while it is `main`'s only tile, and for roles that do not publish. */
  self: StageTile | null;
  /** Whether nobody else is in the call. */
  alone: boolean;
}

/** Arranges a call's participants on the stage: the others large, your own camera small (see {@link Stage}). */
export function arrangeStage(state: VideoCallState, layout: VideoLayout): Stage {
  const self = localParticipant(state);
  const selfCamera: StageTile | null = self ? { key: `${self.id}:camera`, participant: self, screen: false } : null;
  const main: StageTile[] = [];
  for (const participant of state.participants) {
    if (!participant.isLocal) main.push({ key: `${participant.id}:camera`, participant, screen: false });
    if (participant.screenSharing) main.push({ key: `${participant.id}:screen`, participant, screen: true });
  }
  const alone = state.participants.every((participant) => participant.isLocal);
  if (main.length === 0) return { main: selfCamera ? [selfCamera] : [], self: null, alone };
  const featured = layout === 'speaker' ? featuredTile(main, state.activeSpeakerId) : undefined;
  return {
    main: featured ? [featured, ...main.filter((tile) => tile !== featured)] : main,
    self: state.canPublish ? selfCamera : null,
    alone,
  };
}

/** The speaker layout's large tile: a screen someone else shares, any shared screen, the active speaker, or the first tile. */
function featuredTile(main: StageTile[], activeSpeakerId: string | null): StageTile {
  return (
    main.find((tile) => tile.screen && !tile.participant.isLocal) ??
    main.find((tile) => tile.screen) ??
    main.find((tile) => tile.participant.id === activeSpeakerId) ??
    main[0]!
  );
}
