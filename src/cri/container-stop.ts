import { constants } from "node:os";
import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { failpoint } from "../failpoint.js";
import type { Logger } from "../log.js";
import type { ExitInfo } from "../runtime/driver.js";
import { exitedRecord, syncContainer } from "./container-exit.js";
import { nowNs, toNumber } from "./convert.js";
import type { CallContext } from "./instrument.js";
import type { RuntimeDeps } from "./runtime-deps.js";
import { requireId } from "./validate.js";

function signalOf(name: string): NodeJS.Signals {
  const n = (name.startsWith("SIG") ? name : `SIG${name}`).toUpperCase();
  if (/^\d+$/.test(name)) {
    const byNum = Object.entries(constants.signals).find(([, v]) => v === Number(name));
    if (byNum) return byNum[0] as NodeJS.Signals;
  }
  return n in constants.signals ? (n as NodeJS.Signals) : "SIGTERM";
}

/**
 * The longest grace period honoured (one day). A kubelet asks for the pod's
 * terminationGracePeriodSeconds; a client may send 2^63-1, and that must not make a container
 * unstoppable for all practical purposes.
 */
export const MAX_STOP_TIMEOUT_S = 24 * 60 * 60;

/** A stop in progress: when its SIGKILL is due (a later, shorter stop brings it forward). */
interface PendingStop {
  killAt: number;
  done: Promise<void>;
}

const pendingStops = new WeakMap<object, Map<string, PendingStop>>();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Stops a container: its stop signal, then SIGKILL after `timeoutSec` (0: at once; clamped to a
 * day). Stopping a stopped or absent container succeeds. A stop already in progress is joined, and
 * a shorter timeout brings its SIGKILL forward: kubelet's force deletion (grace period 0 after 30 s)
 * must take effect while a first stop still waits. The container's lock is held only around the
 * state transitions, never while waiting, so the caller must not hold it.
 */
export function stopContainerRecord(
  deps: RuntimeDeps,
  id: string,
  timeoutSec: number,
  log: Logger,
): Promise<void> {
  let stops = pendingStops.get(deps.state);
  if (!stops) {
    stops = new Map();
    pendingStops.set(deps.state, stops);
  }
  const seconds = Number.isFinite(timeoutSec) ? Math.min(Math.max(0, timeoutSec), MAX_STOP_TIMEOUT_S) : 0;
  const killAt = Date.now() + seconds * 1000;
  const pending = stops.get(id);
  if (pending) {
    pending.killAt = Math.min(pending.killAt, killAt);
    return pending.done;
  }
  const mine: PendingStop = { killAt, done: Promise.resolve() };
  stops.set(id, mine);
  const all = stops;
  mine.done = runStop(deps, id, mine, log).finally(() => {
    if (all.get(id) === mine) all.delete(id);
  });
  return mine.done;
}

async function runStop(deps: RuntimeDeps, id: string, p: PendingStop, log: Logger): Promise<void> {
  const { state, driver } = deps;
  const sig = await state.locks.run(id, async () => {
    const c = await syncContainer(deps, id, log);
    if (!c || c.phase === "exited" || c.phase === "creating") return undefined;
    // Persisted so that a berthd restart mid-stop finishes the job instead of forgetting it.
    await state.containers.put({ ...c, stopRequestedAt: String(nowNs()) });
    failpoint("container-stop:requested");
    const s = p.killAt > Date.now() && c.phase === "running" ? signalOf(c.stopSignal) : "SIGKILL";
    await driver.kill(c.id, s, false);
    failpoint("container-stop:signalled");
    return s;
  });
  if (!sig) return;
  let exit: ExitInfo | undefined;
  let gone = false;
  if (sig !== "SIGKILL") ({ exit, gone } = await waitUntilKill(deps, id, p));
  if (!exit && !gone) {
    await driver.kill(id, "SIGKILL", true);
    exit = await driver.wait(id, 30_000).catch(() => undefined);
  }
  await state.locks.run(id, async () => {
    const latest = state.findContainer(id);
    if (!latest || latest.phase === "exited") return;
    const rec = exitedRecord(latest, exit);
    await state.containers.put(rec);
    failpoint("container-stop:record");
    state.emit(latest, "STOPPED", BigInt(rec.finishedAt as string));
    log.info({ containerId: id, exitCode: rec.exitCode, signal: sig }, "container stopped");
  });
}

/** Waits for the container's exit until its SIGKILL is due, reading `killAt` afresh each round. */
async function waitUntilKill(
  deps: RuntimeDeps,
  id: string,
  p: PendingStop,
): Promise<{ exit?: ExitInfo; gone: boolean }> {
  // Most stops end within milliseconds: poll fast first, then every 50 ms.
  for (let round = 0; ; round++) {
    const st = await deps.driver.state(id).catch(() => undefined);
    if (!st || st.status === "unknown") return { gone: true };
    if (st.exit) return { exit: st.exit, gone: false };
    const left = p.killAt - Date.now();
    if (left <= 0) return { gone: false };
    await sleep(Math.min(left, 50, 2 ** round));
  }
}

export function stopContainer(deps: RuntimeDeps) {
  return async (
    req: runtime.v1.IStopContainerRequest,
    ctx: CallContext,
  ): Promise<runtime.v1.IStopContainerResponse> => {
    const id = requireId(req.containerId, "container_id");
    const found = deps.state.findContainer(id);
    if (!found) return {};
    const timeout = Math.max(0, toNumber(req.timeout));
    // A caller that gives up (deadline, cancel) gets its answer; the stop goes on without it.
    await untilAborted(stopContainerRecord(deps, found.id, timeout, ctx.log), ctx.signal);
    return {};
  };
}

/** `work`, or the signal's reason as soon as it aborts (the work itself goes on). */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (err: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(err);
      },
    );
  });
}
