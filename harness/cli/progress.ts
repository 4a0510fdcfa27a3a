import { SingleBar } from 'cli-progress';

export interface Progress {
  tick(n?: number): void;
  stop(): void;
}

const silent: Progress = { tick() {}, stop() {} };

/** True where a person is watching: stderr is a terminal and we are not in CI. */
export function progressWanted(stream: NodeJS.WriteStream = process.stderr): boolean {
  return Boolean(stream.isTTY) && !process.env.CI;
}

/** A progress bar on stderr for `total` units of work; silent when nobody is watching. */
export function progress(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (!progressWanted(stream) || total <= 0) return silent;
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total} | eta {eta_formatted}`,
    stream,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
    fps: 10,
  });
  bar.start(total, 0);
  let done = 0;
  return {
    tick(n = 1) {
      done += n;
      bar.update(done);
    },
    stop() {
      bar.stop();
    },
  };
}

/** One bar per named stage of a long job, for `onProgress(stage, done, total)` callbacks. */
export interface StageProgress {
  onProgress(stage: string, done: number, total: number): void;
  /** Stops every bar still running (after a failure, so the terminal is left clean). */
  stopAll(): void;
}

export function stageProgress(stream: NodeJS.WriteStream = process.stderr): StageProgress {
  const bars = new Map<string, Progress>();
  return {
    onProgress(stage, done, total) {
      let bar = bars.get(stage);
      if (!bar) {
        bar = progress(stage, total, stream);
        bars.set(stage, bar);
      }
      bar.tick();
      if (done === total) bar.stop();
    },
    stopAll() {
      for (const b of bars.values()) b.stop();
    },
  };
}
