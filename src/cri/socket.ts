// Unix socket housekeeping for berthd: a stale socket is removed only when no live server answers.
import { chmod, lstat, mkdir, rm } from "node:fs/promises";
import { connect } from "node:net";
import { dirname } from "node:path";
import { errnoCode, FailedPreconditionError } from "../errors.js";

/** True when something accepts connections on the unix socket at `path`. */
export function socketAlive(path: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(path);
    const timer = setTimeout(() => {
      sock.destroy();
      // A server that accepts nothing within a second is wedged, but it is still there.
      resolve(true);
    }, timeoutMs);
    sock.once("connect", () => {
      clearTimeout(timer);
      sock.destroy();
      resolve(true);
    });
    sock.once("error", () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

/**
 * Makes `path` ready to bind: creates its folder, removes a stale socket, refuses when another
 * server is alive on it or when something that is not a socket sits there.
 */
export async function prepareSocketPath(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o711 });
  let st: Awaited<ReturnType<typeof lstat>>;
  try {
    st = await lstat(path);
  } catch (err) {
    if (errnoCode(err) === "ENOENT") return;
    throw err;
  }
  if (!st.isSocket()) {
    throw new FailedPreconditionError(
      `socket path ${path} exists and is not a socket; refusing to replace it`,
    );
  }
  if (await socketAlive(path)) {
    throw new FailedPreconditionError(
      `another server is listening on ${path} (is berthd already running?); stop it first or use --socket`,
    );
  }
  await rm(path, { force: true });
}

/** kubelet and crictl run as root; group access lets an operator's group use crictl without root. */
export async function restrictSocket(path: string): Promise<void> {
  await chmod(path, 0o660);
}
