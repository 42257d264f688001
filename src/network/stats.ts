// Interface counters of a pod's network namespace. /proc/net/dev shows the namespace of the process
// that reads it, so it is read by a process that entered the pod's namespace.
import { InternalError } from "../errors.js";
import { execInNetns } from "./netns.js";
import type { InterfaceStats } from "./types.js";

/** Parses /proc/net/dev: two header lines, then `name: rx(bytes packets errs ...) tx(bytes packets errs ...)`. */
export function parseProcNetDev(text: string): InterfaceStats[] {
  const stats: InterfaceStats[] = [];
  for (const line of text.split("\n").slice(2)) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const f = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(Number);
    if (!name || f.length < 16 || f.some((n) => !Number.isFinite(n))) continue;
    stats.push({ name, rxBytes: f[0] ?? 0, rxErrors: f[2] ?? 0, txBytes: f[8] ?? 0, txErrors: f[10] ?? 0 });
  }
  return stats;
}

/** Counters of every interface in the namespace pinned at `netnsPath`. */
export async function netnsInterfaceStats(netnsPath: string, timeoutMs = 10_000): Promise<InterfaceStats[]> {
  const r = await execInNetns(netnsPath, ["cat", "/proc/net/dev"], { timeoutMs });
  if (r.code !== 0)
    throw new InternalError(
      `cannot read interface counters in network namespace ${netnsPath}: ${r.stderr.trim()}`,
    );
  return parseProcNetDev(r.stdout);
}
