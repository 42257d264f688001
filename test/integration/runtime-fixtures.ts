// Shared fixtures for the runtime integration tests: busybox image layers built in temp dirs, and
// cleanup of whatever a test left behind (mounts, cgroups, runc state).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFile, lstat, mkdir, readdir, readFile, readlink, symlink, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Cgroups } from "../../src/runtime/cgroups.js";

export const isRoot = process.getuid?.() === 0;

/** A read-only layer holding /bin/busybox and its applet symlinks, plus the usual empty dirs. */
export async function busyboxLayer(dir: string): Promise<string> {
  await mkdir(join(dir, "bin"), { recursive: true });
  await copyFile("/bin/busybox", join(dir, "bin/busybox"));
  const applets = execFileSync("/bin/busybox", ["--list"], { encoding: "utf8" }).split("\n").filter(Boolean);
  for (const a of applets) if (a !== "busybox") await symlink("busybox", join(dir, "bin", a));
  for (const d of ["etc", "tmp", "proc", "dev", "sys", "root"])
    await mkdir(join(dir, d), { recursive: true });
  await writeFile(join(dir, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
  return dir;
}

/** A layer with a few files of its own, to stack on top of busybox. */
export async function filesLayer(dir: string, files: Record<string, string>): Promise<string> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, ".."), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

/** sha256 over every path, type, mode and content (or link target) below `dir`. */
export async function treeChecksum(dir: string): Promise<string> {
  const h = createHash("sha256");
  const walk = async (d: string): Promise<void> => {
    for (const name of (await readdir(d)).sort()) {
      const p = join(d, name);
      const st = await lstat(p);
      h.update(`${relative(dir, p)}\0${st.mode}\0`);
      if (st.isSymbolicLink()) h.update(await readlink(p));
      else if (st.isDirectory()) await walk(p);
      else h.update(await readFile(p));
    }
  };
  await walk(dir);
  return h.digest("hex");
}

export { mountsUnder } from "../helpers/mounts.js";

export { eventually, sleep } from "../helpers/wait.js";

/**
 * Gives the test's parent cgroup a large CPU weight, so that CPU measurements hold while other
 * suites load the machine (a quota is a ceiling, not a guarantee). Test setup, not runtime logic.
 */
export async function favourTestCgroup(cgroups: Cgroups, parent: string): Promise<void> {
  await cgroups.createParent(parent);
  const dir = await cgroups.controllerDir(parent, "cpu");
  await writeFile(
    join(dir, cgroups.mode === "v2" ? "cpu.weight" : "cpu.shares"),
    cgroups.mode === "v2" ? "10000" : "262144",
  );
}
