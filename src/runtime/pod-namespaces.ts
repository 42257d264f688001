// A pod's IPC and UTS namespaces, pinned by bind mounts beside the network namespace pins, so a pod
// needs no pause process. The hostname is set inside the new UTS namespace as it is created.

import { mkdir, open, unlink } from "node:fs/promises";
import { join } from "node:path";
import { errnoCode, InternalError } from "../errors.js";
import { run } from "./exec-file.js";
import { isMountPoint } from "./rootfs.js";

async function touch(path: string): Promise<void> {
  await unlink(path).catch((e: unknown) => {
    if (errnoCode(e) !== "ENOENT") throw e;
  });
  await (await open(path, "wx", 0)).close();
}

export interface PodNamespacePins {
  ipc?: string;
  uts?: string;
}

/** Creates and pins new IPC and/or UTS namespaces for a pod under `dir`, setting `hostname` in the UTS one. */
export async function pinPodNamespaces(
  dir: string,
  want: { ipc: boolean; uts: boolean; hostname: string },
): Promise<PodNamespacePins> {
  if (!want.ipc && !want.uts) return {};
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const pins: PodNamespacePins = {};
  const args: string[] = ["unshare"];
  if (want.ipc) {
    pins.ipc = join(dir, "ipc");
    await touch(pins.ipc);
    args.push(`--ipc=${pins.ipc}`);
  }
  if (want.uts) {
    pins.uts = join(dir, "uts");
    await touch(pins.uts);
    args.push(`--uts=${pins.uts}`);
  }
  args.push("--");
  if (want.uts && want.hostname) args.push("hostname", want.hostname);
  else args.push("true");
  const [cmd, ...rest] = args;
  const r = await run(cmd as string, rest).catch((err: Error) => ({ code: -1, stderr: err.message }));
  if (r.code !== 0) {
    await unpinPodNamespaces(pins);
    throw new InternalError(
      `cannot create pod namespaces in ${dir}: ${r.stderr.trim() || `exit code ${r.code}`}`,
    );
  }
  return pins;
}

/** Unmounts and removes pins; absent or half-made pins are fine. */
export async function unpinPodNamespaces(pins: PodNamespacePins): Promise<void> {
  for (const path of [pins.ipc, pins.uts]) {
    if (!path) continue;
    for (let i = 0; i < 8 && (await isMountPoint(path)); i++) {
      const r = await run("umount", [path]);
      if (r.code !== 0) await run("umount", ["--lazy", path]);
    }
    await unlink(path).catch((e: unknown) => {
      if (errnoCode(e) !== "ENOENT") throw e;
    });
  }
}
