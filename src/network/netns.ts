// Pod network namespaces pinned by bind mounts (no pause process): `<stateDir>/netns/<podId>` is an
// nsfs bind mount that keeps the namespace alive until it is unmounted.
import { mkdir, open, readdir, unlink } from "node:fs/promises";
import { join } from "node:path";
import { AlreadyExistsError, errnoCode, errorMessage, InternalError } from "../errors.js";
import type { Logger } from "../log.js";
import { HELPER_BINARY } from "../version.js";
import { mountsAt } from "./mountinfo.js";
import { type RunOptions, type RunResult, run, runOk } from "./run.js";
import { validateContainerId } from "./validate.js";

export class NetnsStore {
  readonly dir: string;
  private dirReady: Promise<void> | undefined;

  constructor(
    stateDir: string,
    private readonly log?: Logger,
    /** berth-runtime, whose `ns` command makes and pins namespaces. */
    private readonly helper = HELPER_BINARY,
  ) {
    this.dir = join(stateDir, "netns");
  }

  /** The pin path of a pod's namespace (whether or not it exists). */
  pathOf(podId: string): string {
    validateContainerId(podId, "pod id");
    return join(this.dir, podId);
  }

  /**
   * Creates a new network namespace pinned at `<dir>/<podId>` with `lo` up, and returns the path.
   * A leftover unmounted file (a crash between create and mount) is replaced; a live pin is an error.
   */
  async create(podId: string, userns?: { helper: string; path: string }): Promise<string> {
    const path = this.pathOf(podId);
    await this.ensureDir();
    if ((await mountsAt(path)).length > 0)
      throw new AlreadyExistsError(`network namespace of pod "${podId}" already exists at ${path}`);
    await unlink(path).catch((e: unknown) => {
      if (errnoCode(e) !== "ENOENT") throw e;
    });
    // The bind-mount target must exist; mode 0 like `ip netns add`, nobody reads it as a file.
    await (await open(path, "wx", 0)).close();
    // The runtime helper creates the namespace, brings loopback up inside it and pins it on `path`:
    // one short process (unshare(1) and ip(8) took two). Inside a pod's user namespace it makes the
    // namespace there, so that namespace owns it.
    const argv = userns
      ? [userns.helper, "ns", "--userns", userns.path, "--net", path]
      : [this.helper, "ns", "--net", path];
    const r = await run(argv).catch(
      (e: unknown) => ({ code: -1, stdout: "", stderr: errorMessage(e) }) satisfies RunResult,
    );
    if (r.code !== 0) {
      await this.remove(podId).catch((e: unknown) =>
        this.log?.warn({ podId, err: errorMessage(e) }, "cleanup of a half-made network namespace failed"),
      );
      throw new InternalError(
        `cannot create network namespace of pod "${podId}" at ${path}: ${(r.stderr || r.stdout).trim() || `exit code ${r.code}`}`,
      );
    }
    return path;
  }

  /** Unmounts and unlinks a pod's namespace pin. Absent or half-made pins are fine. */
  async remove(podId: string): Promise<void> {
    await removeNetnsPath(this.pathOf(podId));
  }

  /** Pod ids that have a pin file (mounted or not), for recovery and leak checks. */
  async list(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).sort();
    } catch (e) {
      if (errnoCode(e) === "ENOENT") return [];
      throw e;
    }
  }

  /** True when `path` is a mounted namespace pin (nsfs). */
  async isMounted(path: string): Promise<boolean> {
    return (await mountsAt(path)).some((m) => m.fsType === "nsfs");
  }

  private ensureDir(): Promise<void> {
    this.dirReady ??= this.prepareDir().catch((e: unknown) => {
      this.dirReady = undefined;
      throw e;
    });
    return this.dirReady;
  }

  // Like `ip netns`: the pin folder is a mount point of its own with shared propagation, so that
  // copies of the pins in mount namespaces cloned later (containers, monitors) are unmounted with
  // ours instead of keeping the network namespaces alive.
  private async prepareDir(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o755 });
    if ((await mountsAt(this.dir)).length === 0)
      await runOk("bind-mount the netns folder", ["mount", "--bind", this.dir, this.dir]);
    await runOk("make the netns folder shared", ["mount", "--make-shared", this.dir]);
  }
}

/** Unmounts every mount stacked on a pin, then unlinks it; idempotent. */
export async function removeNetnsPath(path: string): Promise<void> {
  for (let i = 0; (await mountsAt(path)).length > 0; i++) {
    if (i >= 8) throw new InternalError(`cannot unmount network namespace ${path}: still mounted`);
    const r = await run(["umount", path]);
    // A busy mount (someone is inside a mount namespace that holds it) is detached instead.
    if (r.code !== 0) await run(["umount", "--lazy", path]);
  }
  await unlink(path).catch((e: unknown) => {
    if (errnoCode(e) !== "ENOENT") throw e;
  });
}

/** Runs a command inside the network namespace at `netnsPath` (nsenter), returning its output. */
export function execInNetns(
  netnsPath: string,
  argv: readonly string[],
  opts?: RunOptions,
): Promise<RunResult> {
  return run(["nsenter", `--net=${netnsPath}`, "--", ...argv], opts);
}
