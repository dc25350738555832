// One run at a time per key, and bursts folded: while a key's task runs, any number of new
// requests for it become ONE follow-up run, which every requester awaits. The tasks re-read
// everything they need, so the follow-up sees all the changes that asked for it, and an older
// read can never overwrite a newer one (the reason runs of one key never overlap).

interface Slot {
  running: Promise<void>;
  /** The follow-up run, when one is queued. */
  next?: Promise<void> | undefined;
}

export class KeyedRunner {
  private readonly slots = new Map<string, Slot>();

  run(key: string, task: () => Promise<void>): Promise<void> {
    const slot = this.slots.get(key);
    if (!slot) return this.start(key, task);
    slot.next ??= slot.running
      .catch(() => undefined)
      .then(() => {
        slot.next = undefined;
        return this.chain(key, slot, task);
      });
    return slot.next;
  }

  /** Resolves when nothing runs any more (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.slots.size > 0) {
      const runs = [...this.slots.values()].flatMap((s) =>
        s.next ? [s.running, s.next] : [s.running],
      );
      await Promise.allSettled(runs);
    }
  }

  get active(): number {
    return this.slots.size;
  }

  private start(key: string, task: () => Promise<void>): Promise<void> {
    const slot: Slot = { running: Promise.resolve() };
    this.slots.set(key, slot);
    return this.chain(key, slot, task);
  }

  private chain(key: string, slot: Slot, task: () => Promise<void>): Promise<void> {
    slot.running = task().finally(() => {
      if (!slot.next && this.slots.get(key) === slot) this.slots.delete(key);
    });
    return slot.running;
  }
}
