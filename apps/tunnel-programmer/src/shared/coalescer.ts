// Many requests, few runs: a request is answered by the first run that starts after it was
// made, so every caller sees a run that read the world after its trigger, while a burst of
// triggers shares one run. Runs never overlap. The dispatcher uses it to turn a burst of events
// into one recomputation; the agent, to serialise jobs, start-up and resync runs.
import { setTimeout as sleep } from 'node:timers/promises';

export class Coalescer<T> {
  private running: Promise<T> | undefined;
  private next: Promise<T> | undefined;
  runs = 0;

  /** `settleMs`: wait this long before a run starts, so a burst gathers behind it. */
  constructor(
    private readonly run: () => Promise<T>,
    private readonly settleMs = 0,
  ) {}

  request(): Promise<T> {
    if (this.next) return this.next;
    const after = this.running ?? Promise.resolve(undefined);
    const next = after
      .catch(() => undefined)
      .then(async () => {
        if (this.settleMs > 0) await sleep(this.settleMs);
        this.running = next;
        this.next = undefined;
        this.runs++;
        return this.run();
      })
      .finally(() => {
        if (this.running === next) this.running = undefined;
      });
    this.next = next;
    return next;
  }

  /** Resolves when no run is in progress or scheduled. */
  async idle(): Promise<void> {
    while (this.running ?? this.next) await (this.next ?? this.running)?.catch(() => undefined);
  }
}
