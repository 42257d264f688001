// A pod's IPC and UTS namespaces, pinned by bind mounts beside the network namespace pins, so a pod
// needs no pause process. The hostname is set inside the new UTS namespace as it is created.
// A pod that shares one PID namespace is the exception: a PID namespace dies with its PID 1, so it
// gets the helper's reaping init (`berth-runtime init --detach`), pinned like the others. Its
// shared /dev/shm is a tmpfs mounted here too, so every container of the pod sees the same one.
// A pod with its own user namespace (hostUsers: false) pins that too, first, and every other
// namespace of the pod is made inside it (the helper's `ns` and `init --userns`), so that the
// namespace's root owns them: it may then mount sysfs, mqueue and proc for them.

import { mkdir, open, readFile, rm, stat, unlink } from "node:fs/promises";
import { join, resolve } from "node:path";
import { errnoCode, InternalError } from "../errors.js";
import { run } from "./exec-file.js";
import { isMountPoint, mountPoints } from "./rootfs.js";
import type { IdMaps } from "./spec.js";

async function touch(path: string): Promise<void> {
  await unlink(path).catch((e: unknown) => {
    if (errnoCode(e) !== "ENOENT") throw e;
  });
  await (await open(path, "wx", 0)).close();
}

export interface PodNamespacePins {
  user?: string;
  ipc?: string;
  uts?: string;
  pid?: string;
  shm?: string;
}

/** Size of a pod's shared /dev/shm (Docker's and containerd's default). */
const SHM_SIZE = "65536k";

const mapArgs = (flag: string, maps: IdMaps["uids"]) =>
  maps.flatMap((m) => [flag, `${m.containerID}:${m.hostID}:${m.size}`]);

async function runHelper(helper: string, args: string[], what: string): Promise<void> {
  const r = await run(helper, args).catch((err: Error) => ({ code: -1, stderr: err.message }));
  if (r.code !== 0) throw new InternalError(`cannot ${what}: ${r.stderr.trim() || `exit code ${r.code}`}`);
}

/** Creates the pod's user namespace with `maps` and pins it at `<dir>/user`. */
export async function pinPodUserns(helper: string, dir: string, maps: IdMaps): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const pin = join(dir, "user");
  try {
    await runHelper(
      helper,
      ["ns", "--user", pin, ...mapArgs("--uid-map", maps.uids), ...mapArgs("--gid-map", maps.gids)],
      `create the pod's user namespace in ${dir}`,
    );
  } catch (err) {
    await unpinPodNamespaces({ user: pin });
    throw err;
  }
  return pin;
}

/** A pod's user namespace, for the namespaces made inside it. */
export interface PodUserns {
  helper: string;
  path: string;
}

/** Creates and pins new IPC and/or UTS namespaces for a pod under `dir`, setting `hostname` in the UTS one. */
export async function pinPodNamespaces(
  helper: string,
  dir: string,
  want: { ipc: boolean; uts: boolean; hostname: string; userns?: PodUserns },
): Promise<PodNamespacePins> {
  if (!want.ipc && !want.uts) return {};
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const pins: PodNamespacePins = {};
  const args = ["ns", ...(want.userns ? ["--userns", want.userns.path] : [])];
  if (want.ipc) {
    pins.ipc = join(dir, "ipc");
    args.push("--ipc", pins.ipc);
  }
  if (want.uts) {
    pins.uts = join(dir, "uts");
    args.push("--uts", pins.uts);
    if (want.hostname) args.push("--hostname", want.hostname);
  }
  try {
    await runHelper(helper, args, `create pod namespaces in ${dir}`);
  } catch (err) {
    await unpinPodNamespaces(pins);
    throw err;
  }
  return pins;
}

async function mountOrFail(args: string[], what: string): Promise<void> {
  const r = await run("mount", args);
  if (r.code !== 0)
    throw new InternalError(`cannot mount ${what}: ${r.stderr.trim() || `exit code ${r.code}`}`);
}

/** Mounts the pod's shared /dev/shm (a tmpfs) at `<dir>/shm`. */
export async function mountPodShm(dir: string): Promise<string> {
  const path = join(dir, "shm");
  await mkdir(path, { recursive: true, mode: 0o755 });
  await mountOrFail(
    ["-t", "tmpfs", "-o", `nosuid,nodev,noexec,mode=1777,size=${SHM_SIZE}`, "shm", path],
    `the pod's /dev/shm at ${path}`,
  );
  return path;
}

const initPidFile = (dir: string) => join(dir, "init.pid");

/**
 * Starts the init of a pod that shares one PID namespace and pins the namespace at `<dir>/pid`.
 * The init outlives berthd; stopPodInit ends it, which kills every process left in the namespace.
 */
export async function startPodInit(helper: string, dir: string, userns?: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const r = await run(helper, [
    "init",
    "--detach",
    initPidFile(dir),
    ...(userns ? ["--userns", userns] : []),
  ]);
  if (r.code !== 0)
    throw new InternalError(`cannot start the pod's init: ${r.stderr.trim() || `exit code ${r.code}`}`);
  const pid = Number((await readFile(initPidFile(dir), "utf8")).trim());
  const pin = join(dir, "pid");
  try {
    await touch(pin);
    await mountOrFail(["--bind", `/proc/${pid}/ns/pid`, pin], `the pod's PID namespace at ${pin}`);
  } catch (err) {
    await stopPodInit(dir);
    throw err;
  }
  return pin;
}

/** The pid of the pod's init when it still runs: PID 1 of the namespace pinned in `dir` (if pinned). */
async function podInitPid(dir: string): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number((await readFile(initPidFile(dir), "utf8")).trim());
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return undefined;
    throw err;
  }
  if (!Number.isInteger(pid) || pid <= 1) return undefined;
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    // A reused pid is some other process: not PID 1 of its own namespace, or not our namespace.
    if (!/^NSpid:\s+\d+\s+1$/m.test(status)) return undefined;
    const ns = await stat(`/proc/${pid}/ns/pid`);
    // Compared only when the pin is mounted (on nsfs, like ns); a crash may have left it a plain file.
    const pin = await stat(join(dir, "pid")).catch(() => undefined);
    if (pin && pin.dev === ns.dev && pin.ino !== ns.ino) return undefined;
    return pid;
  } catch {
    return undefined;
  }
}

/** Ends the pod's init (and with it every process of its PID namespace); a gone init is fine. */
export async function stopPodInit(dir: string): Promise<void> {
  const pid = await podInitPid(dir);
  if (pid === undefined) return;
  try {
    process.kill(pid, "SIGKILL");
  } catch (err) {
    if (errnoCode(err) !== "ESRCH") throw err;
  }
}

/** Unmounts and removes pins; absent or half-made pins are fine. */
export async function unpinPodNamespaces(pins: PodNamespacePins): Promise<void> {
  // The user namespace last (umount(8) goes in order): the others were made inside it.
  const paths = [pins.ipc, pins.uts, pins.pid, pins.shm, pins.user]
    .filter((p): p is string => p !== undefined)
    .map((p) => resolve(p));
  // One umount(8) for every pin that is mounted (one mount table read, one process instead of one
  // per pin); whatever that leaves mounted (stacked mounts, a busy tmpfs) goes one by one below.
  const mounted = new Set(await mountPoints());
  const first = paths.filter((p) => mounted.has(p));
  if (first.length > 0) {
    await run("umount", first);
    const left = new Set(await mountPoints());
    for (const path of first)
      for (let i = 0; i < 8 && left.has(path) && (await isMountPoint(path)); i++) {
        const r = await run("umount", [path]);
        if (r.code !== 0) await run("umount", ["--lazy", path]);
      }
  }
  // Unmounted (lazily at worst) above, so this removes only the mount points (a folder for shm).
  await Promise.all(paths.map((path) => rm(path, { recursive: true, force: true })));
}

/**
 * Removes everything pinned or mounted under a pod's namespace folder, by the names this module
 * gives them, so a pod a crash left half-made (pins made, record not yet updated) leaks nothing.
 */
export async function removePodNamespaces(dir: string): Promise<void> {
  await stopPodInit(dir);
  await unpinPodNamespaces({
    ipc: join(dir, "ipc"),
    uts: join(dir, "uts"),
    pid: join(dir, "pid"),
    shm: join(dir, "shm"),
    user: join(dir, "user"),
  });
  await rm(dir, { recursive: true, force: true });
}
