// A pod's IPC and UTS namespaces, pinned by bind mounts beside the network namespace pins, so a pod
// needs no pause process. The hostname is set inside the new UTS namespace as it is created.

import { spawn } from "node:child_process";
import { mkdir, open, unlink } from "node:fs/promises";
import { join } from "node:path";
import { errnoCode, InternalError } from "../errors.js";

function run(argv: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(argv[0] as string, argv.slice(1), { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    p.stderr.on("data", (b: Buffer) => {
      stderr += b.toString();
    });
    p.once("error", (err) => resolve({ code: -1, stderr: err.message }));
    p.once("exit", (code) => resolve({ code: code ?? -1, stderr }));
  });
}

async function isMounted(path: string): Promise<boolean> {
  const { readFile } = await import("node:fs/promises");
  const text = await readFile("/proc/self/mountinfo", "utf8");
  return text.split("\n").some((l) => l.split(" ")[4] === path);
}

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
  const args = ["unshare"];
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
  const r = await run(args);
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
    for (let i = 0; i < 8 && (await isMounted(path)); i++) {
      const r = await run(["umount", path]);
      if (r.code !== 0) await run(["umount", "--lazy", path]);
    }
    await unlink(path).catch((e: unknown) => {
      if (errnoCode(e) !== "ENOENT") throw e;
    });
  }
}
