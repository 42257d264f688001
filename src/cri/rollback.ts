// Multi-step operations: each step registers its undo right after it succeeds; a failure undoes
// the steps done so far in reverse order, logging (not throwing) undo failures.
import { errorMessage } from "../errors.js";
import type { Logger } from "../log.js";

export class Rollback {
  private readonly undos: { what: string; undo: () => Promise<unknown> }[] = [];

  constructor(private readonly log: Logger) {}

  /** Runs `step`; on success remembers `undo` for a later rollback. */
  async step<T>(what: string, step: () => Promise<T>, undo?: (result: T) => Promise<unknown>): Promise<T> {
    const start = performance.now();
    const result = await step();
    this.log.debug(
      { step: what, durationMs: Math.round((performance.now() - start) * 10) / 10 },
      "step done",
    );
    if (undo) this.undos.push({ what, undo: () => undo(result) });
    return result;
  }

  /**
   * Waits for steps started together and then fails with the first failure, so that no step is
   * still running (and registers its undo too late) when the rollback undoes the others.
   */
  async all(running: Promise<unknown>[]): Promise<void> {
    const settled = await Promise.allSettled(running);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }

  /** Undoes every step so far, newest first. */
  async undo(): Promise<void> {
    for (const { what, undo } of this.undos.reverse()) {
      try {
        await undo();
      } catch (err) {
        this.log.error({ step: what, error: errorMessage(err) }, "rollback step failed");
      }
    }
    this.undos.length = 0;
  }

  /** Runs `fn` with this rollback; on failure undoes and rethrows. */
  async run<T>(fn: (rb: Rollback) => Promise<T>): Promise<T> {
    try {
      return await fn(this);
    } catch (err) {
      await this.undo();
      throw err;
    }
  }
}
