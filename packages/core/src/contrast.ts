/**
 * WCAG colour contrast: what text colour reads on a background (participants' colours), and the
 * ratios the tests check the themes with.
 *
 * @module
 */
/** A colour's red, green and blue channels, 0–255. */
export type Rgb = [number, number, number];

/** `#rgb`, `#rrggbb` (alpha ignored) or `rgb()`/`rgba()` as channels; `undefined` for anything else. */
export function parseColour(colour: string): Rgb | undefined {
  const value = colour.trim();
  const hex = /^#([0-9a-f]{3,8})$/i.exec(value)?.[1];
  if (hex) {
    const full = hex.length < 6 ? [...hex.slice(0, 3)].map((digit) => digit + digit).join('') : hex.slice(0, 6);
    return [0, 2, 4].map((start) => parseInt(full.slice(start, start + 2), 16)) as Rgb;
  }
  const channels = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(value);
  return channels ? [Number(channels[1]), Number(channels[2]), Number(channels[3])] : undefined;
}

/** WCAG relative luminance of a colour. */
export function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

/** White or black, whichever reads better on `background` (a participant's colour); white when it cannot be read. */
export function readableTextOn(background: string): '#ffffff' | '#000000' {
  const rgb = parseColour(background);
  if (!rgb) return '#ffffff';
  return contrastRatio(rgb, WHITE) >= contrastRatio(rgb, BLACK) ? '#ffffff' : '#000000';
}
