// Colour checks for the browser tests of this package's elements (dark mode, contrast).

/** The channels of a computed colour (`rgb(…)` or `rgba(…)`), 0–255. */
function channels(colour: string): [number, number, number] {
  const match = colour.match(/rgba?\(([\d.]+),?\s*([\d.]+),?\s*([\d.]+)/);
  if (!match) throw new Error(`not a computed rgb colour: ${colour}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** WCAG relative luminance of a computed colour. */
function luminance(colour: string): number {
  const [r, g, b] = channels(colour).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two computed colours (1–21). */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The nearest opaque background behind `element`, across shadow roots (computed `rgb(…)`). */
export function backgroundBehind(element: Element): string {
  for (let node: Element | null = element; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
    const background = getComputedStyle(node).backgroundColor;
    if (!/rgba\(.*,\s*0\)$/.test(background) && background !== 'transparent') return background;
  }
  return 'rgb(255, 255, 255)';
}
