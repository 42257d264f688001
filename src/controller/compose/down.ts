// `berth compose down`: deletes the project's Services in reverse dependency order, waiting for
// each (and, through foreground deletion, what it owns) to be gone before the next.
import { DeadlineExceededError } from "../../errors.js";
import { formatDuration } from "../types.js";
import type { ComposeIO } from "./io.js";
import type { ComposeApi } from "./kube.js";
import { CycleError, dependencyOrder } from "./order.js";

export interface DownOptions {
  namespace: string;
  project: string;
  timeoutMs: number;
  pollMs: number;
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
  if (found.length === 0) {
    io.stdout.write(`nothing to remove: no Services of project "${project}" in namespace "${namespace}"\n`);
    return 0;
  }
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
  return 0;
}
