// Colour checks of the browser tests: what colour a reader sees, and whether text stands out.
import { contrastRatio as ratio, luminance } from '../contrast.js';

/** An sRGB colour with alpha, each channel 0–255 (alpha 0–1). */
type Rgba = [number, number, number, number];

/** A computed CSS colour (`rgb(…)`, `rgba(…)` or `color(srgb …)`) as channels. */
function parseColour(value: string): Rgba {
  const numbers = value.match(/[\d.]+/g)?.map(Number) ?? [];
  if (value.startsWith('color(srgb')) {
    const [r = 0, g = 0, b = 0, a = 1] = numbers;
    return [r * 255, g * 255, b * 255, a];
  }
  const [r = 0, g = 0, b = 0, a = 1] = numbers;
  return [r, g, b, a];
}

/** The element's parent, stepping out of a shadow root to its host. */
function parentOf(element: Element): Element | null {
  return element.parentElement ?? ((element.getRootNode() as ShadowRoot).host || null);
}

/** The opaque background behind `element`: its own and its ancestors' backgrounds blended, over white. */
export function backgroundOf(element: Element): Rgba {
  const layers: Rgba[] = [];
  for (let current: Element | null = element; current; current = parentOf(current)) {
    const colour = parseColour(getComputedStyle(current).backgroundColor);
    if (colour[3] > 0) layers.push(colour);
    if (colour[3] >= 1) break;
  }
  return layers.reduceRight<Rgba>((below, [r, g, b, a]) => [r * a + below[0] * (1 - a), g * a + below[1] * (1 - a), b * a + below[2] * (1 - a), 1], [255, 255, 255, 1]);
}

/** The colour of `element`'s text. */
export function textColourOf(element: Element): Rgba {
  return parseColour(getComputedStyle(element).color);
}

/** The WCAG contrast ratio of two colours, their alpha ignored (1 to 21). */
function contrastRatio([ar, ag, ab]: Rgba, [br, bg, bb]: Rgba): number {
  return ratio([ar, ag, ab], [br, bg, bb]);
}

/** The WCAG contrast of `element`'s text against the background it is shown on, rounded to 0.01. */
export function textContrast(element: Element): number {
  return Math.round(contrastRatio(textColourOf(element), backgroundOf(element)) * 100) / 100;
}

/** Whether a background is dark (luminance below that of mid grey). */
export function isDark([r, g, b]: Rgba): boolean {
  return luminance([r, g, b]) < 0.18;
}

/** The WCAG contrast ratio of two computed CSS colours (1 to 21). */
export function contrast(a: string, b: string): number {
  return contrastRatio(parseColour(a), parseColour(b));
}

/** The opaque background behind `element`, as a CSS colour. */
export function backgroundBehind(element: Element): string {
  const [r, g, b] = backgroundOf(element);
  return `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
}
