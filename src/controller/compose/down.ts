// `berth compose down`: deletes the project's Services in reverse dependency order, waiting for
// each (and, through foreground deletion, what it owns) to be gone before the next; then the
// project's ConfigMaps and Secrets. Like `docker compose down`, the volumes (claims) stay unless
// asked for (-v): they hold the data.
import { DeadlineExceededError } from "../../errors.js";
import { type BerthService, formatDuration } from "../types.js";
import type { ComposeIO } from "./io.js";
import type { ComposeApi } from "./kube.js";
import type { ObjectKind } from "./objects.js";
import { CycleError, dependencyOrder } from "./order.js";

export interface DownOptions {
  namespace: string;
  project: string;
  timeoutMs: number;
  pollMs: number;
  /** -v: delete the project's PersistentVolumeClaims too. */
  removeVolumes?: boolean;
}

/** Dependents before dependencies; a cycle in what the cluster holds falls back to name order. */
function teardownOrder(services: Map<string, string[]>): string[] {
  const names = [...services.keys()].sort();
  try {
    return dependencyOrder(names, (n) => (services.get(n) ?? []).filter((d) => services.has(d))).reverse();
  } catch (err) {
    if (err instanceof CycleError) return names;
    throw err;
  }
}

export async function composeDown(api: ComposeApi, opts: DownOptions, io: ComposeIO): Promise<number> {
  const { namespace, project } = opts;
  const found = await api.listServices(namespace, project);
  await removeServices(api, found, opts, io);
  let removed = found.length;
  for (const kind of ["ConfigMap", "Secret"] as const) removed += await removeObjects(api, kind, opts, io);
  const claims = await api.listObjects(namespace, "PersistentVolumeClaim", project);
  if (opts.removeVolumes) {
    removed += await removeObjects(api, "PersistentVolumeClaim", opts, io, claims);
  } else if (claims.length > 0) {
    io.stdout.write(
      `kept PersistentVolumeClaim ${claims.map((c) => `${namespace}/${c}`).join(", ")} (berth compose down -v removes ${claims.length > 1 ? "them" : "it"})\n`,
    );
  }
  if (removed === 0 && claims.length === 0) {
    io.stdout.write(`nothing to remove: no Services of project "${project}" in namespace "${namespace}"\n`);
  }
  return 0;
}

async function removeObjects(
  api: ComposeApi,
  kind: ObjectKind,
  opts: DownOptions,
  io: ComposeIO,
  listed?: string[],
): Promise<number> {
  const names = listed ?? (await api.listObjects(opts.namespace, kind, opts.project));
  for (const name of names) {
    await api.deleteObject(opts.namespace, kind, name);
    io.stdout.write(`removed ${kind} ${opts.namespace}/${name}\n`);
  }
  return names.length;
}

async function removeServices(api: ComposeApi, found: BerthService[], opts: DownOptions, io: ComposeIO) {
  const { namespace } = opts;
  const deps = new Map(
    found.map((s) => [s.metadata.name ?? "", (s.spec.dependsOn ?? []).map((d) => d.service)] as const),
  );
  for (const name of teardownOrder(deps)) {
    await api.deleteService(namespace, name);
    const deadline = io.now() + opts.timeoutMs;
    while ((await api.getService(namespace, name)) !== undefined) {
      if (io.now() >= deadline) {
        throw new DeadlineExceededError(
          `Service "${namespace}/${name}" still exists ${formatDuration(opts.timeoutMs)} after its deletion`,
        );
      }
      await io.sleep(opts.pollMs);
    }
    io.stdout.write(`removed Service ${namespace}/${name}\n`);
  }
}
