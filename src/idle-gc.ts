// A full garbage collection, then the C heap's free pages and the clean pages of node's own code
// handed back, once berthd goes quiet after serving calls. V8 collects a quiet heap only lazily and
// keeps the old-generation pages it grew into during a burst, and glibc keeps freed frame and request
// buffers in its arenas: after 3,000 mixed CRI calls berthd stayed ~16 MiB larger, after a hostile
// burst of 1 MiB requests ~100 MiB (make bench B=memory, make soak SOAK=hostile). The steps take a
// few milliseconds and run only after a tick with no call at all. Pulls also collect as they go
// (releasedBuffers).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { HELPER_BINARY } from "./version.js";

/** dist/bin/berth-trim.node (src/trim), built by `make native`. Without it only V8's heap shrinks. */
interface TrimAddon {
  /** The C heap's free pages. */
  mallocTrim(): boolean;
  /** The clean pages of read-only file mappings (node's own code). */
  dropFilePages(): number;
  /** Fixes glibc's mmap threshold at 128 KiB (an addon built before it lacks this). */
  fixMmapThreshold?: () => boolean;
}
let addon: TrimAddon | null | undefined;
function trimAddon(): TrimAddon | undefined {
  if (addon === undefined) {
    addon = null;
    try {
      const a = createRequire(import.meta.url)(join(dirname(HELPER_BINARY), "berth-trim.node")) as TrimAddon;
      if (typeof a.mallocTrim === "function" && typeof a.dropFilePages === "function") addon = a;
    } catch {
      // not built: skip
    }
  }
  return addon ?? undefined;
}

/** berthd's memory settings, made once at start (bench/ makes them too, to measure what berthd runs). */
export function tuneMemory(): void {
  // V8 doubles the young generation whenever a scavenge finds it busy, up to 2 × 16 MiB, and keeps it
  // at that size for good: a burst of CRI calls left berthd ~35 MiB larger for the rest of its life
  // (make bench B=memory). berthd's calls allocate little that lives; a young generation that stays
  // at its initial size costs more scavenges of a small space and no measurable latency. The factor
  // is read at each growth, so setting it here works without a node command-line flag.
  setFlagsFromString("--semi-space-growth-factor=1");
  trimAddon()?.fixMmapThreshold?.();
}

/** V8's collector: a full collection, or with `{ type: "minor" }` a scavenge of the young generation. */
type Collect = (opts?: { type: "minor" }) => void;
/** Reachable only with --expose-gc, which a context created after setting it sees. */
let gcFn: Collect | null | undefined;
function collector(): Collect | undefined {
  if (gcFn === undefined) {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as unknown;
    gcFn = typeof gc === "function" ? (gc as Collect) : null;
  }
  return gcFn ?? undefined;
}

/** Collects the heap and hands back the C heap's free pages and node's clean code pages now. */
export function collectIdle(): void {
  collector()?.();
  const a = trimAddon();
  a?.mallocTrim();
  a?.dropFilePages();
}

/**
 * Starts the check every `tickMs`; `served()` counts the calls answered so far; `collect` is for
 * tests. Returns a stop function.
 */
export function startIdleGc(served: () => number, tickMs = 10_000, collect = collectIdle): () => void {
  if (!collector()) return () => {};
  let seen = served();
  let collected = seen;
  // A second pass one quiet tick later: V8 frees some pages on background threads after a
  // collection returns, and malloc_trim in the first pass runs before they are back.
  let again = false;
  const timer = setInterval(() => {
    const now = served();
    if (now === seen && (now !== collected || again)) {
      again = now !== collected;
      collect();
      collected = now;
    } else if (now !== seen) again = false;
    seen = now;
  }, tickMs);
  timer.unref();
  return () => clearInterval(timer);
}

// A pull streams every byte of a layer through short-lived Buffers (a socket read, a chunk of
// inflated output): 370 MB of them for bench/pull's 225 MB image. Their memory lies outside V8's
// heap and comes back only when V8 collects their small wrappers, and V8 collects when its heap
// fills, which berthd's small heap seldom does: ~35 MiB of the pull's 90 MiB peak were ArrayBuffers
// no longer referenced.
const TRANSIENT_STEP = 1024 * 1024;
const TRANSIENT_LIMIT = 12 * 1024 * 1024;
let transient = 0;

/**
 * Counts `n` bytes of Buffers that were passed on and dropped. After every MiB of them, scavenges
 * the young generation (~0.1 ms), and collects the whole heap if ArrayBuffers still hold more than
 * 12 MiB (1–3 times in that pull).
 */
export function releasedBuffers(n: number): void {
  transient += n;
  if (transient < TRANSIENT_STEP) return;
  transient = 0;
  const gc = collector();
  if (!gc) return;
  gc({ type: "minor" });
  if (process.memoryUsage().arrayBuffers > TRANSIENT_LIMIT) gc();
}
