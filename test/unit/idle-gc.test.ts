// startIdleGc (src/idle-gc.ts): collects after calls, once the daemon is quiet, and once more a tick
// later; never while calls keep coming, and not again until there were calls.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startIdleGc } from "../../src/idle-gc.js";

describe("idle collection", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs two passes on the first quiet ticks after calls, none under calls or when nothing happened", () => {
    let served = 0;
    let collections = 0;
    const stop = startIdleGc(
      () => served,
      1000,
      () => {
        collections++;
      },
    );
    try {
      vi.advanceTimersByTime(5000); // no call at all
      expect(collections).toBe(0);
      for (let t = 0; t < 5; t++) {
        served += 10;
        vi.advanceTimersByTime(1000); // calls during every tick
      }
      expect(collections).toBe(0);
      vi.advanceTimersByTime(1000); // first quiet tick
      expect(collections).toBe(1);
      vi.advanceTimersByTime(1000); // second
      expect(collections).toBe(2);
      vi.advanceTimersByTime(10_000);
      expect(collections).toBe(2);
      served += 1;
      vi.advanceTimersByTime(3000);
      expect(collections).toBe(4);
    } finally {
      stop();
    }
  });
});
