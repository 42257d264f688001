// A full garbage collection once berthd goes quiet after serving calls. V8 collects a quiet heap
// only lazily and keeps the old-generation pages it grew into during a burst: after 3,000 mixed CRI
// calls berthd stayed ~16 MiB larger until the next burst (make bench B=memory). One collection of a
// ~15 MiB heap takes a few milliseconds, and runs only after a tick with no call at all.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Starts the check every `tickMs`; `served()` counts the calls answered so far. Returns a stop function. */
export function startIdleGc(served: () => number, tickMs = 10_000): () => void {
  // gc() is only reachable with --expose-gc; a fresh context created after setting it sees it.
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as (() => void) | undefined;
  if (typeof gc !== "function") return () => {};
  let seen = served();
  let collected = seen;
  const timer = setInterval(() => {
    const now = served();
    if (now === seen && now !== collected) {
      gc();
      collected = now;
    }
    seen = now;
  }, tickMs);
  timer.unref();
  return () => clearInterval(timer);
}
