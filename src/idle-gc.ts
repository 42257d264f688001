// A full garbage collection, then the C heap's free pages and the clean pages of node's own code
// handed back, once berthd goes quiet after serving calls. V8 collects a quiet heap only lazily and
// keeps the old-generation pages it grew into during a burst, and glibc keeps freed frame and request
// buffers in its arenas: after 3,000 mixed CRI calls berthd stayed ~16 MiB larger, after a hostile
// burst of 1 MiB requests ~100 MiB (make bench B=memory, make soak SOAK=hostile). The steps take a
// few milliseconds and run only after a tick with no call at all.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { HELPER_BINARY } from "./version.js";

/**
 * dist/bin/berth-trim.node (src/trim), built by `make native`: the C heap's free pages, then the
 * clean pages of read-only file mappings (node's own code). Without it only V8's heap shrinks.
 */
function loadTrim(): () => void {
  try {
    const addon = createRequire(import.meta.url)(join(dirname(HELPER_BINARY), "berth-trim.node")) as {
      mallocTrim?: () => boolean;
      dropFilePages?: () => number;
    };
    const { mallocTrim, dropFilePages } = addon;
    if (typeof mallocTrim === "function" && typeof dropFilePages === "function")
      return () => {
        mallocTrim();
        dropFilePages();
      };
  } catch {
    // not built: skip
  }
  return () => {};
}

/** Starts the check every `tickMs`; `served()` counts the calls answered so far. Returns a stop function. */
export function startIdleGc(served: () => number, tickMs = 10_000): () => void {
  // gc() is only reachable with --expose-gc; a fresh context created after setting it sees it.
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as (() => void) | undefined;
  if (typeof gc !== "function") return () => {};
  // Loaded at the first collection: loading an addon touches ~3 MiB more of node's own code.
  let trim: (() => void) | undefined;
  let seen = served();
  let collected = seen;
  const timer = setInterval(() => {
    const now = served();
    if (now === seen && now !== collected) {
      gc();
      trim ??= loadTrim();
      trim();
      collected = now;
    }
    seen = now;
  }, tickMs);
  timer.unref();
  return () => clearInterval(timer);
}
