/**
 * The presence colours: one per participant, assigned by the participant's position in the
 * session's participant list (the server stamps it on every presence state; a browser shows its
 * own with the same function). Lit-free, so that the server shares it.
 *
 * @module
 */

/**
 * Eight colours that stay apart from each other (CIE Lab distance ≥ 25) and read on the editor in
 * both schemes: each has a contrast of at least 3:1 against the light (`#ffffff`) and the dark
 * (`#0d1117`) surface, and white label text on it at least 4.5:1. The first two (usually the
 * interviewer and the candidate) are blue and orange, the pair told apart best.
 */
export const PRESENCE_PALETTE = ['#2563eb', '#c2410c', '#15803d', '#9333ea', '#0e7490', '#db2777', '#a16207', '#e11d48'] as const;

/** The colour of someone who is not in the participant list (a position of -1). */
export const NEUTRAL_PRESENCE_COLOUR = '#6b7280';

/** The colour of the participant at `position` in the session's participant list; wraps after eight. */
export function colourFor(position: number): string {
  if (!Number.isInteger(position) || position < 0) return NEUTRAL_PRESENCE_COLOUR;
  return PRESENCE_PALETTE[position % PRESENCE_PALETTE.length]!;
}

/** The colour at low opacity, for selection backgrounds. */
export function lightColourFor(position: number): string {
  return `${colourFor(position)}33`;
}
