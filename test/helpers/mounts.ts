// Mount points as this mount namespace sees them, for tests that check nothing is left mounted.
import { readFile } from "node:fs/promises";

/** Mount points whose path starts with `prefix`. */
export async function mountsUnder(prefix: string): Promise<string[]> {
  return (await readFile("/proc/self/mountinfo", "utf8"))
    .split("\n")
    .map((l) => l.split(" ")[4] ?? "")
    .filter((m) => m !== "" && m.startsWith(prefix));
}
