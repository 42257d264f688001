// Reading /proc/self/mountinfo: which paths are mount points and with what filesystem type.
import { readFile } from "node:fs/promises";

export interface MountEntry {
  mountPoint: string;
  fsType: string;
  /** Optional fields such as `shared:12` / `master:3`; empty for a private mount. */
  propagation: string[];
}

// mountinfo escapes space, tab, newline and backslash in paths as 3-digit octal (`\040`).
function unescapeMountPath(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(Number.parseInt(oct, 8)));
}

/** Parses mountinfo text (see proc(5)); lines that do not parse are skipped. */
export function parseMountinfo(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split("\n")) {
    const fields = line.split(" ");
    const sep = fields.indexOf("-", 6);
    const mountPoint = fields[4];
    const fsType = fields[sep + 1];
    if (sep < 0 || mountPoint === undefined || fsType === undefined) continue;
    entries.push({ mountPoint: unescapeMountPath(mountPoint), fsType, propagation: fields.slice(6, sep) });
  }
  return entries;
}

export async function readMounts(): Promise<MountEntry[]> {
  return parseMountinfo(await readFile("/proc/self/mountinfo", "utf8"));
}

/** The mounts stacked on `path` (most recent last); empty when it is not a mount point. */
export async function mountsAt(path: string): Promise<MountEntry[]> {
  return (await readMounts()).filter((m) => m.mountPoint === path);
}
