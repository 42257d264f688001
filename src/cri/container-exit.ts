// Recording container exits: from the monitor's exit file into the container record, once.

import { NotFoundError } from "../errors.js";
import type { Logger } from "../log.js";
import type { ExitInfo } from "../runtime/driver.js";
import { nowNs } from "./convert.js";
import type { ContainerRecord } from "./model.js";
import type { RuntimeDeps } from "./runtime-deps.js";

/** RFC 3339 with up to nanoseconds → nanoseconds since the epoch, as a decimal string. */
export function rfc3339ToNs(text: string): string {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  if (!m) return String(nowNs());
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return String(nowNs());
  const frac = (m[2] ?? "").padEnd(9, "0");
  return String(BigInt(ms) * 1_000_000n + BigInt(frac));
}

export function exitedRecord(c: ContainerRecord, exit: ExitInfo | undefined): ContainerRecord {
  const exitCode = exit?.exitCode ?? 255;
  const reason = exit?.oomKilled ? "OOMKilled" : exitCode === 0 ? "Completed" : "Error";
  const message = exit
    ? exit.signal
      ? `killed by signal ${exit.signal}`
      : ""
    : "the container's exit was not recorded (it vanished)";
  return {
    ...c,
    phase: "exited",
    exitCode,
    reason,
    message,
    finishedAt: exit ? rfc3339ToNs(exit.finishedAt) : String(nowNs()),
    startedAt: c.startedAt ?? c.createdAt,
  };
}

/**
 * Brings a created/running record up to date with the runtime: when the container has ended, the
 * record becomes exited (and a STOPPED event goes out). Caller holds the container's lock.
 */
export async function syncContainer(
  deps: RuntimeDeps,
  id: string,
  log: Logger,
): Promise<ContainerRecord | undefined> {
  const c = deps.state.findContainer(id);
  if (!c || (c.phase !== "running" && c.phase !== "created")) return c;
  let st: Awaited<ReturnType<typeof deps.driver.state>>;
  try {
    st = await deps.driver.state(c.id);
  } catch (err) {
    // The runtime has no record of it (a power loss took one not yet flushed, or its folder was
    // removed behind berthd): a running container has vanished, a created one cannot start.
    if (!(err instanceof NotFoundError)) return c;
    st = { id: c.id, status: "unknown", pid: 0, createdAt: "" };
  }
  if (st.status === "running" && c.phase === "created") {
    // Started by a berthd that died before recording it.
    const rec = { ...c, phase: "running" as const, startedAt: String(nowNs()) };
    await deps.state.containers.put(rec);
    return rec;
  }
  if (st.status !== "stopped" && st.status !== "unknown") return c;
  if (c.phase === "created" && st.status === "unknown") return c;
  const rec = exitedRecord(c, st.exit);
  await deps.state.containers.put(rec);
  deps.state.emit(c, "STOPPED", BigInt(rec.finishedAt as string));
  log.info({ containerId: c.id, exitCode: rec.exitCode, reason: rec.reason }, "container exited");
  return rec;
}
