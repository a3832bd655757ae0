/** Loudness (0–1) of a block of samples: its RMS on a decibel scale, −60 dBFS and below reading 0. */
export function levelOf(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  if (rms <= 0) return 0;
  const decibels = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (decibels + 60) / 60));
}

/**
 * Measures a microphone track's loudness with WebAudio (an `AnalyserNode`), reporting it every
 * `intervalMs`. `stop()` closes the audio context; the track itself stays with its owner.
 */
export class AudioLevelMeter {
  readonly #context: AudioContext;
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(track: MediaStreamTrack, onLevel: (level: number) => void, intervalMs = 100) {
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    this.#context = context;
    this.#timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      onLevel(levelOf(samples));
    }, intervalMs);
    // A context made before any user gesture may start suspended; capturing counts as reason to run.
    void context.resume().catch(() => {});
  }

  stop(): void {
    clearInterval(this.#timer);
    void this.#context.close().catch(() => {});
  }
}
