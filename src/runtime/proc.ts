// Process identity across restarts: a pid alone can be reused by an unrelated process, so a
// process is identified by its pid plus its start time (field 22 of /proc/<pid>/stat, in clock
// ticks since boot), which no later process with the same pid can share.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { errnoCode } from "../errors.js";

/**
 * The start time of `pid` as recorded by the kernel, or undefined when there is no such process.
 * Read synchronously: procfs answers from memory, in less time than a trip through the thread
 * pool takes, and every container status call asks.
 */
export async function pidStartTime(pid: number): Promise<string | undefined> {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch (err) {
    const code = errnoCode(err);
    if (code === "ENOENT" || code === "ESRCH") return undefined;
    throw err;
  }
  // comm (field 2) may contain spaces and parentheses: fields are counted after the last ')'.
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // rest[0] is field 3 (state); a zombie has exited already.
  if (rest[0] === "Z" || rest[0] === "X") return undefined;
  return rest[19];
}

/** True when the process `pid` that started at `startTime` is still running (not a zombie). */
export async function isSameProcessAlive(pid: number, startTime: string): Promise<boolean> {
  return (await pidStartTime(pid)) === startTime;
}

/** Resident set size of `pid` in bytes (VmRSS), or undefined when it is gone. */
export async function residentBytes(pid: number): Promise<number | undefined> {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(await readFile(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
