// Group commit for counter claims. Every claim is one optimistic Update of a parent (the EPIC
// singleton or an Account), and a parent takes one Update at a time however many replicas
// try, so claiming one ID per Update caps the whole system at the parent's Update rate. While a
// claim on a parent is in flight, later requests for the same parent wait and then go out
// together in the next claim: the batch grows with the load, and an idle system pays no delay.

/** The outcome of one item of a batch. */
export type ItemResult<R> = { ok: true; value: R } | { ok: false; error: Error };

/** Claims for a whole batch of items of one parent; one result per item, in order. */
export type BatchRunner<I, R> = (
  parentKey: string,
  items: readonly I[],
) => Promise<ItemResult<R>[]>;

interface Pending<I, R> {
  item: I;
  resolve: (value: R) => void;
  reject: (error: Error) => void;
}

export interface GroupCommitOptions {
  /** false: every item is its own batch (the baseline the benchmark compares with). */
  enabled: boolean;
  /** Upper bound on one batch, so one Update stays small. */
  maxBatch: number;
  /** Reports the size of each batch sent. */
  onBatch?: (size: number) => void;
}

export class GroupCommit<I, R> {
  private readonly queues = new Map<string, Pending<I, R>[]>();
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly run: BatchRunner<I, R>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(parentKey: string, item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (!this.options.enabled) {
        void this.runBatch(parentKey, [{ item, resolve, reject }]);
        return;
      }
      const queue = this.queues.get(parentKey) ?? [];
      queue.push({ item, resolve, reject });
      this.queues.set(parentKey, queue);
      if (!this.inFlight.has(parentKey)) void this.drain(parentKey);
    });
  }

  /** Sends batches for the parent until its queue is empty; one in flight per parent. */
  private async drain(parentKey: string): Promise<void> {
    this.inFlight.add(parentKey);
    try {
      for (;;) {
        const queue = this.queues.get(parentKey) ?? [];
        if (queue.length === 0) break;
        const batch = queue.splice(0, this.options.maxBatch);
        await this.runBatch(parentKey, batch);
      }
    } finally {
      this.queues.delete(parentKey);
      this.inFlight.delete(parentKey);
    }
  }

  /** Never rejects: every outcome, including a thrown runner, settles the batch's promises. */
  private async runBatch(parentKey: string, batch: Pending<I, R>[]): Promise<void> {
    this.options.onBatch?.(batch.length);
    try {
      const results = await this.run(
        parentKey,
        batch.map((p) => p.item),
      );
      batch.forEach((pending, i) => settle(pending, results[i]));
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      batch.forEach((pending) => pending.reject(error));
    }
  }
}

function settle<I, R>(pending: Pending<I, R>, result: ItemResult<R> | undefined): void {
  if (!result) pending.reject(new Error('group commit: the batch runner returned no result'));
  else if (result.ok) pending.resolve(result.value);
  else pending.reject(result.error);
}
