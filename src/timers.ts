// Timers for durations that come from callers. Node's setTimeout takes at most 2^31-1 ms (24.8
// days) and fires at once, after a warning, for anything longer: an ExecSync timeout or a gRPC
// deadline of int64 size would then expire immediately instead of never.

/** The longest delay setTimeout honours. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface LongTimer {
  clear(): void;
}

/** Calls `fn` after `ms` (any size; Infinity: never), re-arming in steps setTimeout can hold. */
export function longTimeout(fn: () => void, ms: number, opts: { unref?: boolean } = {}): LongTimer {
  const due = Date.now() + Math.max(0, ms);
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const left = due - Date.now();
    if (!Number.isFinite(left)) return;
    timer = setTimeout(left > MAX_DELAY_MS ? arm : fn, Math.min(Math.max(0, left), MAX_DELAY_MS));
    if (opts.unref) timer.unref();
  };
  arm();
  return { clear: () => clearTimeout(timer) };
}
