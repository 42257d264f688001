// Multi-step operations: each step registers its undo right after it succeeds; a failure undoes
// the steps done so far in reverse order, logging (not throwing) undo failures.
import { errorMessage } from "../errors.js";
import type { Logger } from "../log.js";

export class Rollback {
  private readonly undos: { what: string; undo: () => Promise<unknown> }[] = [];

  constructor(private readonly log: Logger) {}

  /** Runs `step`; on success remembers `undo` for a later rollback. */
  async step<T>(what: string, step: () => Promise<T>, undo?: (result: T) => Promise<unknown>): Promise<T> {
    const result = await step();
    if (undo) this.undos.push({ what, undo: () => undo(result) });
    return result;
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
