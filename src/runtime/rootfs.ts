// A container's root filesystem: an overlay of the image's read-only layer directories (lower,
// topmost first) and a per-container upper/work directory, so the container's writes never touch
// the layers. Node cannot call mount(2): the container's monitor mounts it (berth-runtime monitor
// --overlay), and mount(8) where there is no monitor.
import { chown, mkdir, readFile, rm, stat, symlink } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { errnoCode, FailedPreconditionError, InternalError, InvalidArgumentError } from "../errors.js";
import { run } from "./exec-file.js";
import type { IdMaps } from "./spec.js";

/** Id-mapped layers for a container with its own user namespace: its maps and the helper that mounts. */
export interface RootfsIdmap {
  maps: IdMaps;
  helper: string;
}

/** The host id a user namespace's `id` maps to, or undefined. */
export function hostIdOf(maps: IdMaps["uids"], id: number): number | undefined {
  const m = maps.find((x) => id >= x.containerID && id < x.containerID + x.size);
  return m ? m.hostID + (id - m.containerID) : undefined;
}

const mapArgs = (flag: string, maps: IdMaps["uids"]) =>
  maps.flatMap((m) => [flag, `${m.containerID}:${m.hostID}:${m.size}`]);

/** Where one container's writable layer and mount point live, all inside `dir`. */
export interface RootfsLayout {
  dir: string;
  upper: string;
  work: string;
  /** The overlay mount point: the container's root. */
  merged: string;
}

export function rootfsLayout(dir: string): RootfsLayout {
  return { dir, upper: join(dir, "upper"), work: join(dir, "work"), merged: join(dir, "rootfs") };
}

// mount(2) copies the option string into one page; longer lowerdir lists are refused with EINVAL.
const MAX_MOUNT_OPTIONS = 4096 - 1;

/** Overlay option values are comma-separated and lowerdir is colon-separated: neither may occur. */
function checkLayerPath(p: string): string {
  if (!p.startsWith("/")) throw new InvalidArgumentError(`layer directory "${p}" must be an absolute path`);
  if (/[,:\\\n]/.test(p))
    throw new InvalidArgumentError(`layer directory "${p}" contains a character overlayfs cannot take`);
  return resolve(p);
}

/** The writable layer's directories and the checked lower ones; refuses a root already mounted. */
async function makeLayout(dir: string, layers: readonly string[]) {
  const layout = rootfsLayout(resolve(dir));
  const lowers = layers.map(checkLayerPath);
  checkLayerPath(layout.dir);
  await mkdir(layout.upper, { recursive: true, mode: 0o755 });
  await mkdir(layout.work, { recursive: true, mode: 0o700 });
  await mkdir(layout.merged, { recursive: true, mode: 0o755 });
  if (lowers.length === 0) {
    const empty = join(layout.dir, "empty");
    await mkdir(empty, { recursive: true, mode: 0o755 });
    lowers.push(empty);
  }
  if (await isMountPoint(layout.merged)) {
    throw new FailedPreconditionError(`rootfs "${layout.merged}" is already mounted`);
  }
  return { layout, lowers };
}

/** The overlay mount of a container's root: where, and its mount(2) options. */
export interface OverlayMount {
  layout: RootfsLayout;
  /** lowerdir/upperdir/workdir; paths may be relative to `layout.dir`. */
  options: string;
}

/**
 * Prepares the overlay for `layers` (topmost first) at `<dir>/rootfs`: creates the writable
 * upper/work directories and returns the mount options, for whoever mounts (the container's monitor,
 * or mountRootfs). With no layers the root starts empty (an empty lower directory). When the
 * absolute lowerdir list would not fit in one page, short symlinks `<dir>/l/<n>` are used, relative
 * to `<dir>`, as Docker's overlay2 driver does.
 */
export async function prepareRootfs(dir: string, layers: readonly string[]): Promise<OverlayMount> {
  const { layout, lowers } = await makeLayout(dir, layers);
  const options = `lowerdir=${lowers.join(":")},upperdir=${layout.upper},workdir=${layout.work}`;
  if (options.length <= MAX_MOUNT_OPTIONS) return { layout, options };
  const links = join(layout.dir, "l");
  await rm(links, { recursive: true, force: true });
  await mkdir(links);
  await Promise.all(lowers.map((l, i) => symlink(l, join(links, i.toString(36)))));
  const short = `lowerdir=${lowers.map((_, i) => `l/${i.toString(36)}`).join(":")},upperdir=upper,workdir=work`;
  if (short.length > MAX_MOUNT_OPTIONS) {
    throw new InvalidArgumentError(`too many layers (${lowers.length}) for one overlay mount`);
  }
  return { layout, options: short };
}

/**
 * Mounts the overlay for `layers` at `<dir>/rootfs` with mount(8), for callers that have no monitor
 * to do it (tests, the id-mapped root of a container with its own user namespace).
 */
export async function mountRootfs(
  dir: string,
  layers: readonly string[],
  idmap?: RootfsIdmap,
): Promise<RootfsLayout> {
  if (idmap) return mountIdmapped(dir, layers, idmap);
  const { layout, options } = await prepareRootfs(dir, layers);
  const res = await run("mount", ["-t", "overlay", "overlay", "-o", options, layout.merged], {
    cwd: layout.dir,
  });
  if (res.code !== 0) {
    throw new InternalError(
      `mount overlay onto "${layout.merged}" failed: ${res.stderr.trim() || `exit ${res.code}`}`,
    );
  }
  return layout;
}

/**
 * The overlay of a container with its own user namespace: the shared layers id-mapped (files the
 * image gives to 0 are the namespace's root's, and the layers on disk stay as they are, shared with
 * every other container), the upper directory owned by the namespace's root so that what it writes
 * lands on disk with the host ids. No chown of any layer.
 */
async function mountIdmapped(
  dir: string,
  layers: readonly string[],
  idmap: RootfsIdmap,
): Promise<RootfsLayout> {
  const { layout, lowers } = await makeLayout(dir, layers);
  const uid = hostIdOf(idmap.maps.uids, 0);
  const gid = hostIdOf(idmap.maps.gids, 0);
  if (uid === undefined || gid === undefined)
    throw new InvalidArgumentError("the user namespace maps do not map id 0");
  await chown(layout.upper, uid, gid);
  const res = await run(idmap.helper, [
    "idmap-overlay",
    ...mapArgs("--uid-map", idmap.maps.uids),
    ...mapArgs("--gid-map", idmap.maps.gids),
    "--upper",
    layout.upper,
    "--work",
    layout.work,
    ...lowers.flatMap((l) => ["--lower", l]),
    layout.merged,
  ]);
  if (res.code !== 0) {
    throw new InternalError(
      `mount the id-mapped overlay onto "${layout.merged}" failed: ${res.stderr.trim() || `exit ${res.code}`}`,
    );
  }
  return layout;
}

/**
 * Unmounts `<dir>/rootfs`; lazily (MNT_DETACH) when it is still busy. A no-op when not mounted.
 * Repeats while something is still mounted there: a runtime may have stacked a propagated bind
 * of the root on top of the overlay.
 */
export async function unmountRootfs(dir: string): Promise<void> {
  const merged = rootfsLayout(resolve(dir)).merged;
  for (let attempt = 0; attempt < 8 && (await rootfsMounted(merged)); attempt++) {
    const res = await run("umount", attempt < 4 ? [merged] : ["-l", merged]);
    if (res.code !== 0 && attempt === 7)
      throw new InternalError(`umount "${merged}" failed: ${res.stderr.trim()}`);
  }
  if (await rootfsMounted(merged)) throw new InternalError(`rootfs "${merged}" is still mounted`);
}

/**
 * Whether something is mounted on a container's root: always an overlay (or a bind of one stacked
 * on it), whose device is not its folder's. Two stats, where reading mountinfo grows with the node's
 * mounts; a root that is not there is not mounted.
 */
async function rootfsMounted(merged: string): Promise<boolean> {
  const [root, parent] = await Promise.all(
    [merged, dirname(merged)].map((p) => stat(p).catch(() => undefined)),
  );
  return root !== undefined && parent !== undefined && root.dev !== parent.dev;
}

/** Unmounts if needed, then deletes the writable layer and everything else in `dir`. */
export async function removeRootfs(dir: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    // Never recurse into a mounted root: rm would write whiteouts instead of leaving the layers alone.
    await unmountRootfs(dir);
    try {
      await rm(dir, { recursive: true, force: true });
      return;
    } catch (err) {
      // EBUSY: a mount appeared after the check (propagated from a container still being torn down).
      if (errnoCode(err) !== "EBUSY" || attempt >= 3) throw err;
    }
  }
}

/** Decodes the octal escapes mountinfo uses for spaces, tabs, newlines and backslashes. */
function unescapeMountPath(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8)));
}

/** Mount points listed in /proc/self/mountinfo (field 5). */
export async function mountPoints(): Promise<string[]> {
  const text = await readFile("/proc/self/mountinfo", "utf8");
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => unescapeMountPath(l.split(" ")[4] ?? ""));
}

export async function isMountPoint(path: string): Promise<boolean> {
  try {
    const target = resolve(path);
    return (await mountPoints()).includes(target);
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return false;
    throw err;
  }
}
