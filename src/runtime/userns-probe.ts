// Whether this node can give a pod its own user namespace: user namespaces, and id-mapped mounts of
// a bind, a tmpfs and overlay layers on the filesystem that holds the layers (the helper's
// `idmap-probe`, which leaves nothing mounted). Asked once per process: the kernel and the
// filesystem do not change under a running berthd.
import { run } from "./exec-file.js";

export interface UsernsSupport {
  ok: boolean;
  /** "ok", or what failed (the helper's first failure). */
  detail: string;
}

const probes = new Map<string, Promise<UsernsSupport>>();

/**
 * What berthd offers: the probe, when containers run under berth-runtime. Another OCI runtime
 * (runtime.binary, e.g. runc 1.1) may lack id-mapped mounts or joining a user namespace by path.
 */
export function usernsSupport(
  driver: { helperBinary: string; runtimeBinary: string },
  scratchParent: string,
): Promise<UsernsSupport> {
  if (driver.runtimeBinary !== driver.helperBinary)
    return Promise.resolve({
      ok: false,
      detail: `runtime.binary ${driver.runtimeBinary} is not berth-runtime, which user namespace pods need`,
    });
  return probeUserns(driver.helperBinary, scratchParent);
}

/** Probes with `helper` on the filesystem of `scratchParent` (a scratch folder is made and removed there). */
export function probeUserns(helper: string, scratchParent: string): Promise<UsernsSupport> {
  const key = `${helper}\0${scratchParent}`;
  let p = probes.get(key);
  if (!p) {
    p = run(helper, ["idmap-probe", scratchParent]).then(
      (r) => ({
        ok: r.code === 0,
        detail: (r.stdout.trim() || r.stderr.trim() || `exit code ${r.code}`).split("\n")[0] ?? "",
      }),
      (err: Error) => ({ ok: false, detail: err.message }),
    );
    probes.set(key, p);
  }
  return p;
}
