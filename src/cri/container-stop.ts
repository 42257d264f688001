import { constants } from "node:os";
import type { runtime } from "../../cri-api/runtime/v1/api.js";
import type { Logger } from "../log.js";
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
 * Stops a container: its stop signal, then SIGKILL after `timeoutSec` (0: at once). Stopping a
 * stopped or absent container succeeds. Caller holds the container's lock.
 */
export async function stopContainerRecord(
  deps: RuntimeDeps,
  id: string,
  timeoutSec: number,
  log: Logger,
): Promise<void> {
  const { state, driver } = deps;
  const c = await syncContainer(deps, id, log);
  if (!c || c.phase === "exited" || c.phase === "creating") return;
  // Persisted so that a berthd restart mid-stop finishes the job instead of forgetting it.
  await state.containers.put({ ...c, stopRequestedAt: String(nowNs()) });
  const sig = timeoutSec > 0 && c.phase === "running" ? signalOf(c.stopSignal) : "SIGKILL";
  await driver.kill(c.id, sig, false);
  let exit: Awaited<ReturnType<typeof driver.wait>> | undefined;
  if (sig !== "SIGKILL") {
    exit = await driver.wait(c.id, timeoutSec * 1000).catch(() => undefined);
  }
  if (!exit) {
    await driver.kill(c.id, "SIGKILL", true);
    exit = await driver.wait(c.id, 30_000).catch(() => undefined);
  }
  const latest = state.findContainer(c.id);
  if (!latest || latest.phase === "exited") return;
  const rec = exitedRecord(latest, exit);
  await state.containers.put(rec);
  state.emit(c, "STOPPED", BigInt(rec.finishedAt as string));
  log.info({ containerId: c.id, exitCode: rec.exitCode, signal: sig }, "container stopped");
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
    await deps.state.locks.run(found.id, () => stopContainerRecord(deps, found.id, timeout, ctx.log));
    return {};
  };
}
