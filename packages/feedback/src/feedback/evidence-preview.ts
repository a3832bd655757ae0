import { momentSeconds, renderMarkdown } from '@interview-kit/core';

/** The words of a moment chip, from the element's translation table. */
export interface MomentChipStrings {
  /** Describes what clicking a chip does, e.g. "Show this moment in the replay". */
  momentChipTitle: string;
}

/**
 * Evidence Markdown as HTML to show: rendered and sanitised by core's `renderMarkdown`, with each
 * moment link (`[12:34](#t=754)`) made a time chip — the link with a stopwatch (⏱) before its time,
 * `data-moment` holding its seconds — that the element answers with `interview-moment-select`.
 */
export function renderEvidence(markdown: string, strings: MomentChipStrings): string {
  const template = document.createElement('template');
  template.innerHTML = renderMarkdown(markdown);
  for (const link of template.content.querySelectorAll('a[href]')) {
    const seconds = momentSeconds(link.getAttribute('href')!);
    if (seconds === undefined) continue;
    link.prepend(stopwatchIcon(), ' ');
    link.setAttribute('part', 'moment');
    link.setAttribute('data-moment', String(seconds));
    link.setAttribute('title', strings.momentChipTitle);
  }
  return template.innerHTML;
}

/** The seconds of the moment chip an event happened on, `undefined` elsewhere. */
export function momentChipSeconds(event: Event): number | undefined {
  const chip = event.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && node.hasAttribute('data-moment'));
  return chip ? Number(chip.dataset['moment']) : undefined;
}

const SVG = 'http://www.w3.org/2000/svg';

/** A stopwatch drawn in the text colour (an SVG, so it shows where no emoji font is installed). */
function stopwatchIcon(): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  for (const [name, value] of Object.entries({ viewBox: '0 0 16 16', width: '1em', height: '1em', 'aria-hidden': 'true', class: 'stopwatch' })) {
    svg.setAttribute(name, value);
  }
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M6 1h4M8 1v2M8 9l2.5-2.5M13 4l-1 1');
  const face = document.createElementNS(SVG, 'circle');
  for (const [name, value] of Object.entries({ cx: '8', cy: '9', r: '5.5' })) face.setAttribute(name, value);
  for (const shape of [path, face]) {
    shape.setAttribute('fill', 'none');
    shape.setAttribute('stroke', 'currentColor');
    shape.setAttribute('stroke-width', '1.5');
    shape.setAttribute('stroke-linecap', 'round');
  }
  svg.append(face, path);
  return svg;
}
