import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/** Plays a `MediaStreamTrack` in the `<video>`/`<audio>` it is placed on; the stream is only replaced when the track changes. */
class MediaTrackDirective extends Directive {
  #track: MediaStreamTrack | undefined;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('mediaTrack() belongs on a media element.');
  }

  render(_track: MediaStreamTrack | undefined) {
    return nothing;
  }

  override update(part: ElementPart, [track]: [MediaStreamTrack | undefined]) {
    if (track !== this.#track) {
      this.#track = track;
      (part.element as HTMLMediaElement).srcObject = track ? new MediaStream([track]) : null;
    }
    return nothing;
  }
}

export const mediaTrack = directive(MediaTrackDirective);
