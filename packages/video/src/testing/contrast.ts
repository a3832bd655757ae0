// Colour checks for the dark-mode tests: the colours the browser computed, and their WCAG contrast.

/** `[r, g, b, alpha]` of a computed CSS colour (`rgb(…)`/`rgba(…)`, as `getComputedStyle` gives them). */
export function parseColor(value: string): [number, number, number, number] {
  const numbers = value.match(/[\d.]+/g)?.map(Number) ?? [];
  if (!/^rgba?\(/.test(value) || numbers.length < 3) throw new Error(`Not a computed rgb() colour: ${value}`);
  const [r, g, b, a = 1] = numbers as [number, number, number, number?];
  return [r, g, b, a];
}

function luminance([r, g, b]: [number, number, number, number]): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The WCAG contrast ratio of two computed colours. */
export function contrast(foreground: string, background: string): number {
  const [lighter, darker] = [luminance(parseColor(foreground)), luminance(parseColor(background))].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** The background an element's text is drawn on: its own, or the first opaque one of its ancestors (through shadow roots). */
export function backgroundBehind(element: Element): string {
  for (let node: Element | null = element; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
    const background = getComputedStyle(node).backgroundColor;
    if (parseColor(background)[3] > 0) return background;
  }
  return 'rgb(255, 255, 255)';
}

/** The contrast of an element's text against what is behind it. */
export function textContrast(element: Element): number {
  return contrast(getComputedStyle(element).color, backgroundBehind(element));
}
