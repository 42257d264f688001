// One owner of the persistent root (`<root>/berth.lock`) at a time: berthd for its whole life, or
// one `berth image …` command that opens the image store itself. An flock(2) lock belongs to the
// open file description, so it goes when the owning process dies, kill -9 included, and nothing is
// left to clean up. Node has no flock call: flock(1) from util-linux is handed our descriptor as
// its fd 3, locks it and exits; the lock stays with our descriptor (opened O_CLOEXEC by libuv, so
// the container monitors berthd spawns never inherit it).
import { spawn } from "node:child_process";
import { constants } from "node:fs";
import { type FileHandle, open, readFile } from "node:fs/promises";
import { join } from "node:path";
import { errorMessage, FailedPreconditionError, InternalError } from "./errors.js";

/** berthd's local admin socket (image import and prune for the CLI), in a root-only folder. */
export function adminSocketPath(state: string): string {
  return join(state, "admin", "admin.sock");
}

/** Who holds the lock, as its holder wrote it into the lock file. */
export interface LockHolder {
  pid: number;
  /** "berthd" or the command, e.g. "berth image prune". */
  what: string;
  /** berthd's CRI socket, where the CLI reaches it. */
  socket?: string;
  /** berthd's local admin socket (import, prune). */
  adminSocket?: string;
  since: string;
}

export interface StoreLock {
  readonly path: string;
  /** Drops the lock (closing the descriptor); idempotent. */
  release(): Promise<void>;
}

/** The lock file of a persistent root. */
export function storeLockPath(root: string): string {
  return join(root, "berth.lock");
}

/** Runs flock(1) on our descriptor: true when locked, false when another holds it (non-blocking). */
function flockFd(fh: FileHandle, wait: { timeoutMs?: number } | undefined): Promise<boolean> {
  const args = ["--exclusive", "--conflict-exit-code", "75"];
  if (!wait) args.push("--nonblock");
  else if (wait.timeoutMs !== undefined) args.push("--timeout", String(wait.timeoutMs / 1000));
  args.push("3");
  return new Promise((resolve, reject) => {
    const child = spawn("flock", args, { stdio: ["ignore", "ignore", "pipe", fh.fd] });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.once("error", (err) =>
      reject(new InternalError(`cannot run flock(1) (util-linux): ${errorMessage(err)}`, { cause: err })),
    );
    child.once("close", (code) => {
      if (code === 0) resolve(true);
      else if (code === 75 || code === 1) resolve(false);
      else reject(new InternalError(`flock(1) failed with ${code}: ${stderr.trim()}`));
    });
  });
}

/** Reads the holder recorded in the lock file; undefined when absent or still being written. */
export async function readLockHolder(root: string): Promise<LockHolder | undefined> {
  try {
    const text = await readFile(storeLockPath(root), "utf8");
    const h = JSON.parse(text) as Partial<LockHolder>;
    if (typeof h.pid !== "number" || typeof h.what !== "string") return undefined;
    return h as LockHolder;
  } catch {
    return undefined;
  }
}

/** "berthd (pid 42, since …)" */
export function describeHolder(h: LockHolder | undefined): string {
  if (!h) return "another process";
  return `${h.what} (pid ${h.pid}, since ${h.since})`;
}

async function openLockFile(root: string): Promise<FileHandle> {
  return open(storeLockPath(root), constants.O_RDWR | constants.O_CREAT, 0o600);
}

async function recordHolder(fh: FileHandle, holder: Omit<LockHolder, "pid" | "since">): Promise<void> {
  const full: LockHolder = { pid: process.pid, since: new Date().toISOString(), ...holder };
  const body = Buffer.from(`${JSON.stringify(full)}\n`);
  await fh.truncate(0);
  await fh.write(body, 0, body.length, 0);
}

/** Held descriptors: a FileHandle that is garbage-collected gets closed, which would drop the lock. */
const held = new Set<FileHandle>();

function handle(path: string, fh: FileHandle): StoreLock {
  let released = false;
  held.add(fh);
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      held.delete(fh);
      // Emptied first: a reader must not take a stale holder for a live one.
      await fh.truncate(0).catch(() => undefined);
      await fh.close();
    },
  };
}

/**
 * Takes the lock without waiting; undefined (with the holder, when known) when another process
 * has it. The caller's description goes into the lock file for others to name it.
 */
export async function tryLockStore(
  root: string,
  holder: Omit<LockHolder, "pid" | "since">,
): Promise<{ lock: StoreLock } | { lock: undefined; holder: LockHolder | undefined }> {
  const fh = await openLockFile(root);
  try {
    if (!(await flockFd(fh, undefined))) {
      await fh.close();
      // The holder writes its name right after locking: give a fresh holder a moment.
      let h = await readLockHolder(root);
      for (let i = 0; i < 10 && !h; i++) {
        await new Promise((r) => setTimeout(r, 50));
        h = await readLockHolder(root);
      }
      return { lock: undefined, holder: h };
    }
    await recordHolder(fh, holder);
    return { lock: handle(storeLockPath(root), fh) };
  } catch (err) {
    await fh.close().catch(() => undefined);
    throw err;
  }
}

/** Waits up to `timeoutMs` for the lock; FailedPrecondition naming the holder when it stays taken. */
export async function lockStore(
  root: string,
  holder: Omit<LockHolder, "pid" | "since">,
  timeoutMs: number,
): Promise<StoreLock> {
  const fh = await openLockFile(root);
  try {
    if (!(await flockFd(fh, { timeoutMs }))) {
      await fh.close();
      throw new FailedPreconditionError(
        `${storeLockPath(root)} is still held by ${describeHolder(await readLockHolder(root))} after ${timeoutMs / 1000} s`,
      );
    }
    await recordHolder(fh, holder);
    return handle(storeLockPath(root), fh);
  } catch (err) {
    await fh.close().catch(() => undefined);
    throw err;
  }
}
