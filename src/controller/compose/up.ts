// `berth compose up`: server-side apply of the objects the Services use (claims, config maps,
// secrets), then of every Service in dependency order, then progress per service until each is
// Available or the timeout passes.
import { formatDuration } from "../types.js";
import type { ConvertResult } from "./convert.js";
import type { ComposeIO } from "./io.js";
import type { ComposeApi } from "./kube.js";
import { readyText, type ServiceProgress, serviceProgress } from "./status.js";
import { formatTable } from "./table.js";

export interface UpOptions {
  namespace: string;
  timeoutMs: number;
  pollMs: number;
}

function stateText(p: ServiceProgress): string {
  return p.available ? "Available" : "Waiting";
}

export async function composeUp(
  api: ComposeApi,
  plan: ConvertResult,
  opts: UpOptions,
  io: ComposeIO,
): Promise<number> {
  const { namespace } = opts;
  const names = plan.resources.map((r) => r.metadata.name);
  const wanted = new Set(names);
  for (const svc of await api.listServices(namespace, plan.project)) {
    const name = svc.metadata.name ?? "";
    if (!wanted.has(name)) {
      io.stderr.write(
        `warning: Service "${name}" of project "${plan.project}" is not in the compose file; left running (berth compose down removes it)\n`,
      );
    }
  }
  // The objects first: a Pod that mounts a missing claim, secret or config map does not start.
  for (const object of plan.objects) {
    await api.applyObject(namespace, object);
    io.stdout.write(`applied ${object.kind} ${namespace}/${object.metadata.name}\n`);
  }
  for (const resource of plan.resources) {
    await api.apply(namespace, resource);
    io.stdout.write(`applied Service ${namespace}/${resource.metadata.name}\n`);
  }

  const deadline = io.now() + opts.timeoutMs;
  const lastLine = new Map<string, string>();
  let drawnLines = 0;
  let progress: ServiceProgress[] = [];
  for (;;) {
    const byName = new Map(
      (await api.listServices(namespace, plan.project)).map((s) => [s.metadata.name, s]),
    );
    progress = names.map((name) => {
      const svc = byName.get(name);
      return svc
        ? serviceProgress(svc)
        : { name, ready: 0, desired: undefined, available: false, reason: "not found (deleted meanwhile?)" };
    });
    if (io.tty) {
      const table = formatTable(
        ["SERVICE", "READY", "STATE", "REASON"],
        progress.map((p) => [p.name, readyText(p), stateText(p), p.reason]),
      );
      // Move back over the previous table and clear it, so the table redraws in place.
      io.stdout.write(`${drawnLines > 0 ? `\x1b[${drawnLines}A\x1b[J` : ""}${table}`);
      drawnLines = table.split("\n").length - 1;
    } else {
      for (const p of progress) {
        const line = p.available
          ? `${p.name}: ${readyText(p)} ready, available`
          : `${p.name}: ${readyText(p)} ready, ${p.reason}`;
        if (lastLine.get(p.name) !== line) io.stdout.write(`${line}\n`);
        lastLine.set(p.name, line);
      }
    }
    if (progress.every((p) => p.available)) {
      io.stdout.write(`project "${plan.project}" is up: ${names.length} service(s) available\n`);
      return 0;
    }
    if (io.now() >= deadline) break;
    await io.sleep(Math.min(opts.pollMs, Math.max(0, deadline - io.now())));
  }
  for (const p of progress.filter((x) => !x.available)) {
    io.stderr.write(
      `error: Service "${p.name}" not available after ${formatDuration(opts.timeoutMs)} (${readyText(p)} ready): ${p.reason}\n`,
    );
  }
  return 1;
}
