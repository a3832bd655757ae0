/** Distinct, readable cursor colours (WCAG AA against white for text labels). */
const PALETTE = ['#1f77b4', '#c2410c', '#15803d', '#b91c1c', '#7e22ce', '#0e7490', '#a16207', '#be185d'] as const;

/** A stable colour for a participant, the same in every browser. */
export function colourFor(participantId: string): string {
  let hash = 0;
  for (const char of participantId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}

/** The colour at low opacity, for selection backgrounds. */
export function lightColourFor(participantId: string): string {
  return `${colourFor(participantId)}33`;
}
