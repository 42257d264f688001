// Recursive mount options of berth-runtime (`rro`, `rnoexec`, ...: mount_setattr with AT_RECURSIVE)
// against the plain ones, on a host directory that has a submount of its own.
import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { mountsUnder, nativeSuite, uniqueId } from "./native-fixtures.js";

const { suite, sb } = nativeSuite("native mount tests");

/** A host dir with a tmpfs mounted at <dir>/sub; `use` runs with it, the tmpfs is unmounted after. */
async function withSubmount(use: (dir: string) => Promise<void>): Promise<void> {
  const dir = join(sb.tmp, uniqueId("host"));
  await mkdir(join(dir, "sub"), { recursive: true });
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "berth-test-sub", join(dir, "sub")]);
  try {
    await use(dir);
  } finally {
    execFileSync("umount", ["-l", join(dir, "sub")]);
  }
  expect(await mountsUnder(dir)).toEqual([]);
}

const bind = (destination: string, source: string, options: string[]) => ({
  destination,
  type: "bind",
  source,
  options,
});

suite("berth-runtime recursive mount options", () => {
  it("rbind,rro makes the mount and its submounts read-only; plain ro leaves the submount writable", async () => {
    await withSubmount(async (host) => {
      const id = uniqueId("rro");
      const bundle = await sb.bundle(id, {
        args: [
          "sh",
          "-c",
          'for f in /rro/top /rro/sub/f /ro/top /ro/sub/f; do touch $f 2>&1 && echo "$f written"; done; ' +
            "grep -E ' /(rro|ro)/sub ' /proc/self/mountinfo",
        ],
        cgroupsPath: `${sb.cgroupParent}/${id}`,
      });
      const cfg = JSON.parse(await readFile(join(bundle, "config.json"), "utf8"));
      cfg.mounts.push(bind("/rro", host, ["rbind", "rro", "rnoexec"]), bind("/ro", host, ["rbind", "ro"]));
      await writeFile(join(bundle, "config.json"), JSON.stringify(cfg));
      const { res, out } = sb.createWithOutput(id, bundle);
      expect(res.stderr).toBe("");
      expect(res.code).toBe(0);
      expect(sb.berth(["start", id]).code).toBe(0);
      await sb.waitStopped(id);
      const text = await readFile(out, "utf8");
      expect(text).toMatch(/\/rro\/top: Read-only file system/);
      expect(text).toMatch(/\/rro\/sub\/f: Read-only file system/);
      expect(text).toMatch(/\/ro\/top: Read-only file system/);
      // The difference: `ro` remounts only the top mount read-only.
      expect(text).toContain("/ro/sub/f written\n");
      const subOpts = (name: string) =>
        text
          .split("\n")
          .find((l) => l.split(" ")[4] === name)
          ?.split(" ")[5]
          ?.split(",");
      expect(subOpts("/rro/sub")).toEqual(expect.arrayContaining(["ro", "noexec"]));
      expect(subOpts("/ro/sub")).toEqual(expect.arrayContaining(["rw"]));
    });
  });

  for (const propagation of ["rshared", "slave"]) {
    it(`rro with ${propagation} propagation is refused with the destination named`, async () => {
      await withSubmount(async (host) => {
        const id = uniqueId("rrobad");
        const bundle = await sb.bundle(id, { args: ["true"], cgroupsPath: `${sb.cgroupParent}/${id}` });
        const cfg = JSON.parse(await readFile(join(bundle, "config.json"), "utf8"));
        cfg.mounts.push(bind("/data", host, ["rbind", "rro", propagation]));
        await writeFile(join(bundle, "config.json"), JSON.stringify(cfg));
        const r = sb.berth(["create", "--bundle", bundle, id]);
        sb.track(id);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(
          `mount "/data": rro (recursive read-only) needs private propagation, not ${propagation}`,
        );
        expect(await mountsUnder(bundle)).toEqual([]);
      });
    });
  }
});
