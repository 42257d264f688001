// Startup recovery. Assumptions, in order:
//  1. Records are written atomically before a call answers, so each record is a state some call
//     reached; "creating" marks a call that did not finish and whose effects must be undone.
//  2. Monitors outlive berthd: a container that was running is still running, or its monitor wrote
//     an exit file that the sync below turns into an exited record.
//  3. A stop that berthd began before dying is finished now with SIGKILL (its grace period ran out).
//  4. Runtime state (including half-made runtime directories), image holds and network attachments
//     with no record are leaks and go; so is the cgroup of a pod removed half-way.
import { rm } from "node:fs/promises";
import { errorMessage } from "../errors.js";
import type { Logger } from "../log.js";
import { removePodNamespaces } from "../runtime/pod-namespaces.js";
import { syncContainer } from "./container-exit.js";
import { stopContainerRecord } from "./container-stop.js";
import { podCgroupParent, podDataDir, podNsDir, type RuntimeDeps } from "./runtime-deps.js";

async function attempt(
  log: Logger,
  what: string,
  fields: Record<string, string>,
  fn: () => Promise<unknown>,
): Promise<void> {
  try {
    await fn();
  } catch (err) {
    log.error({ ...fields, error: errorMessage(err) }, `recovery: ${what} failed`);
  }
}

export async function recover(deps: RuntimeDeps, log: Logger): Promise<void> {
  const { state, driver, network, images } = deps;
  for (const c of state.containers.list()) {
    if (c.phase === "creating" || !state.findPod(c.podId)) {
      await attempt(log, "remove half-made container", { containerId: c.id }, async () => {
        await driver.delete(c.id, { force: true });
        await images.release(c.id);
        await state.containers.delete(c.id);
      });
      continue;
    }
    if (c.stopRequestedAt && (c.phase === "running" || c.phase === "created")) {
      await attempt(log, "finish interrupted stop", { containerId: c.id }, () =>
        stopContainerRecord(deps, c.id, 0, log),
      );
      continue;
    }
    await attempt(log, "sync container", { containerId: c.id }, () => syncContainer(deps, c.id, log));
  }
  for (const p of state.pods.list()) {
    if (p.phase !== "creating") continue;
    await attempt(log, "remove half-made pod", { podSandboxId: p.id }, async () => {
      await network.tearDown(p.id);
      await network.removeNetns(p.id);
      await removePodNamespaces(podNsDir(deps.config, p.id));
      if (!p.cgroupParent) await driver.removeGroupCgroup(podCgroupParent(deps.config, p));
      await rm(podDataDir(deps.config, p.id), { recursive: true, force: true });
      await state.pods.delete(p.id);
    });
  }
  // Every runtime directory, finished or not: a create killed before its record was written (or
  // whose record was removed above) left a mount, a cgroup and maybe a process that only this finds.
  const known = new Set(state.containers.list().map((c) => c.id));
  for (const id of await driver.listAll()) {
    if (!known.has(id)) {
      await attempt(log, "remove runtime leftover", { containerId: id }, async () => {
        await driver.delete(id, { force: true });
        await images.release(id);
      });
    }
  }
  // Holds a crash kept after their container's record went (releases are not fsynced).
  await attempt(log, "drop stale image holds", {}, () =>
    images.retainHolders(new Set(state.containers.list().map((c) => c.id))),
  );
  await attempt(log, "delete removed containers' folders", {}, () => driver.sweepDiscarded());
  const pods = new Set(state.pods.list().map((p) => p.id));
  for (const podId of await network.attachedPods()) {
    if (!pods.has(podId)) {
      await attempt(log, "release leaked pod network", { podSandboxId: podId }, async () => {
        await network.tearDown(podId);
        await network.removeNetns(podId);
      });
    }
  }
  for (const podId of await network.listNetns()) {
    if (!pods.has(podId)) {
      await attempt(log, "remove leaked network namespace", { podSandboxId: podId }, () =>
        network.removeNetns(podId),
      );
    }
  }
  log.info({ pods: state.pods.list().length, containers: state.containers.list().length }, "state recovered");
}

/** Notices containers that end on their own: kubelet's PLEG relists and must see them exited. */
export function startExitWatcher(deps: RuntimeDeps, log: Logger, intervalMs = 1000): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    const live = deps.state.containers.list().filter((c) => c.phase === "running" || c.phase === "created");
    Promise.all(
      live.map((c) =>
        deps.state.locks.run(c.id, () => syncContainer(deps, c.id, log)).catch(() => undefined),
      ),
    ).finally(() => {
      busy = false;
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
