// berth-runtime and a pod's user namespace: `ns` makes the pod's namespaces inside one (pinned),
// `init --detach --userns` its PID namespace, containers join it by path; id-mapped bind mounts
// (OCI mount uidMappings), an overlay root with id-mapped layers, the cgroup handed to the
// namespace's root, and `idmap-probe`.
import { chmod, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { BERTH, cgroupDirs, nativeSuite, run, uniqueId } from "./native-fixtures.js";

const { suite, sb } = nativeSuite("native user namespace tests");

const MAP = { containerID: 0, hostID: 300000, size: 65536 };

/** Pins a user namespace (0→300000) and its net/ipc/uts namespaces plus a PID namespace with its init. */
async function podNamespaces(dir: string) {
  await mkdir(dir, { recursive: true });
  const pins = {
    user: join(dir, "user"),
    net: join(dir, "net"),
    ipc: join(dir, "ipc"),
    uts: join(dir, "uts"),
  };
  const r1 = run(BERTH, [
    "ns",
    "--user",
    pins.user,
    "--uid-map",
    "0:300000:65536",
    "--gid-map",
    "0:300000:65536",
  ]);
  expect(r1.stderr).toBe("");
  const r2 = run(BERTH, [
    "ns",
    "--userns",
    pins.user,
    "--net",
    pins.net,
    "--ipc",
    pins.ipc,
    "--uts",
    pins.uts,
    "--hostname",
    "userns-pod",
  ]);
  expect(r2.stderr).toBe("");
  const pidFile = join(dir, "init.pid");
  expect(run(BERTH, ["init", "--detach", pidFile, "--userns", pins.user]).code).toBe(0);
  const initPid = Number((await readFile(pidFile, "utf8")).trim());
  return { ...pins, pid: `/proc/${initPid}/ns/pid`, initPid };
}

async function unpin(dir: string, initPid: number) {
  try {
    process.kill(initPid, "SIGKILL");
  } catch {
    // gone already
  }
  // Lazily: a container's mount namespace that is still being torn down may hold a copy.
  for (const n of ["net", "ipc", "uts", "user"]) run("umount", ["--lazy", join(dir, n)]);
  await rm(dir, { recursive: true, force: true });
}

suite("berth-runtime with a pod's user namespace", () => {
  it("idmap-probe: user namespaces and id-mapped bind, tmpfs and overlay mounts work here", () => {
    const r = run(BERTH, ["idmap-probe", join(sb.tmp, "probe")]);
    expect(r.stdout).toBe("ok\n");
    expect(r.code).toBe(0);
  });

  it("a container joins the pod's user namespace by path: mapped root, namespaces owned by it, id-mapped and plain binds, cgroup handed over", async () => {
    await chmod(sb.tmp, 0o711);
    const nsDir = join(sb.tmp, "pod-ns");
    const ns = await podNamespaces(nsDir);
    try {
      // A host-root-only file reached through a plain bind: the pod's root is nobody to it.
      const secret = join(sb.tmp, "secret");
      await writeFile(secret, "host only\n", { mode: 0o600 });
      // A host-root-owned folder through an id-mapped bind: the pod's root owns it.
      const shared = join(sb.tmp, "shared");
      await mkdir(shared, { recursive: true, mode: 0o755 });
      // A folder the pod writes into through a plain bind: files land with the mapped owner.
      const out = join(sb.tmp, "out");
      await mkdir(out, { recursive: true });
      await chmod(out, 0o777);
      const id = uniqueId("userns-join");
      const bundle = await sb.bundle(id, {
        args: [
          "sh",
          "-c",
          "cat /proc/self/uid_map; id; hostname; cat /secret 2>&1 | sed 's/.*: //'; " +
            "stat -c '%u:%g' /shared; touch /shared/made && echo made; touch /out/f; ls -ln /proc/1/ns/ >/dev/null; " +
            "cat /proc/self/cgroup | head -1 >/dev/null; echo done",
        ],
        cgroupsPath: `${sb.cgroupParent}/${id}`,
        namespaces: [
          { type: "user", path: ns.user },
          { type: "network", path: ns.net },
          { type: "ipc", path: ns.ipc },
          { type: "uts", path: ns.uts },
          { type: "pid", path: ns.pid },
          { type: "mount" },
          { type: "cgroup" },
        ],
        linux: { uidMappings: [MAP], gidMappings: [MAP] },
        mounts: [
          { destination: "/proc", type: "proc", source: "proc", options: ["nosuid", "noexec", "nodev"] },
          { destination: "/dev", type: "tmpfs", source: "tmpfs", options: ["nosuid", "mode=755"] },
          {
            destination: "/sys",
            type: "sysfs",
            source: "sysfs",
            options: ["nosuid", "noexec", "nodev", "ro"],
          },
          { destination: "/dev/mqueue", type: "mqueue", source: "mqueue", options: ["nosuid"] },
          { destination: "/secret", type: "bind", source: secret, options: ["rbind", "ro"] },
          { destination: "/out", type: "bind", source: out, options: ["rbind"] },
          {
            destination: "/shared",
            type: "bind",
            source: shared,
            options: ["rbind"],
            uidMappings: [MAP],
            gidMappings: [MAP],
          },
        ],
      });
      // A root made for the namespace (CRI pods get an overlay with id-mapped layers instead).
      run("chown", ["-R", "300000:300000", join(bundle, "rootfs")]);
      const { res, out: stdout } = sb.createWithOutput(id, bundle);
      expect(res.stderr).toBe("");
      expect(res.code).toBe(0);
      // The cgroup belongs to the namespace's root before the container runs.
      for (const d of cgroupDirs(`${sb.cgroupParent}/${id}`)) {
        expect((await stat(d)).uid, d).toBe(300000);
        expect((await stat(join(d, "cgroup.procs"))).uid, d).toBe(300000);
      }
      expect(sb.berth(["start", id]).code).toBe(0);
      await sb.waitStopped(id);
      const text = await readFile(stdout, "utf8");
      expect(text).toMatch(/^\s+0\s+300000\s+65536\nuid=0\(root\) gid=0/);
      // The config's hostname, set in the joined UTS namespace (which its user namespace owns).
      expect(text).toContain("\nnt-box\nPermission denied\n0:0\nmade\ndone\n");
      // Through the id-mapped bind the container's root wrote as the host's root sees its files: 0.
      expect((await stat(join(shared, "made"))).uid).toBe(0);
      // Through the plain bind: the mapped id.
      expect((await stat(join(out, "f"))).uid).toBe(300000);
      expect(await readFile(secret, "utf8")).toBe("host only\n");
    } finally {
      sb.deleteContainers();
      await unpin(nsDir, ns.initPid);
    }
  });

  it("maps in config.json that differ from the joined namespace's are refused", async () => {
    await chmod(sb.tmp, 0o711);
    const nsDir = join(sb.tmp, "pod-ns2");
    const ns = await podNamespaces(nsDir);
    try {
      const id = uniqueId("userns-bad");
      const bad = { containerID: 0, hostID: 400000, size: 65536 };
      const bundle = await sb.bundle(id, {
        args: ["true"],
        cgroupsPath: `${sb.cgroupParent}/${id}`,
        namespaces: [{ type: "user", path: ns.user }, { type: "mount" }, { type: "pid" }, { type: "uts" }],
        linux: { uidMappings: [bad], gidMappings: [bad] },
      });
      const { res } = sb.createWithOutput(id, bundle);
      expect(res.code).not.toBe(0);
      expect(res.stderr).toContain("differ from the maps of the joined user namespace");
      expect(cgroupDirs(`${sb.cgroupParent}/${id}`)).toEqual([]);
    } finally {
      await unpin(nsDir, ns.initPid);
    }
  });

  it("idmap-overlay: a root whose shared layers show the mapped owner and whose writes land with host ids", async () => {
    const dir = join(sb.tmp, "ovl");
    const layer = join(dir, "layer");
    await mkdir(join(layer, "etc"), { recursive: true });
    await writeFile(join(layer, "etc", "f"), "layer\n");
    for (const d of ["upper", "work", "merged"]) await mkdir(join(dir, d), { recursive: true });
    const r = run(BERTH, [
      "idmap-overlay",
      "--uid-map",
      "0:300000:65536",
      "--gid-map",
      "0:300000:65536",
      "--upper",
      join(dir, "upper"),
      "--work",
      join(dir, "work"),
      "--lower",
      layer,
      join(dir, "merged"),
    ]);
    try {
      expect(r.stderr).toBe("");
      expect((await stat(join(dir, "merged", "etc", "f"))).uid).toBe(300000);
      // The layer itself is untouched.
      expect((await stat(join(layer, "etc", "f"))).uid).toBe(0);
      await writeFile(join(dir, "merged", "etc", "f"), "changed\n");
      expect(await readFile(join(layer, "etc", "f"), "utf8")).toBe("layer\n");
      // Copied up keeping the mapped owner.
      expect((await stat(join(dir, "upper", "etc", "f"))).uid).toBe(300000);
    } finally {
      run("umount", [join(dir, "merged")]);
    }
  });
});
