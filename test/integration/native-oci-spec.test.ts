// What the OCI runtime-tools validation suite checks of berth-runtime, run the same way under runc
// where runc is the reference: linux.devices, kill, hooks, namespaces left out or joined by path,
// and config.json edits after create.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, readlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import {
  BERTH,
  type Json,
  mountsUnder,
  nativeSuite,
  ociConfig,
  RUNC,
  run,
  uniqueId,
  waitFor,
  writeBundle,
} from "./native-fixtures.js";

const { suite, sb } = nativeSuite("native OCI spec tests");

function runtimeArgs(runtime: string, args: string[]) {
  return runtime === RUNC ? sb.runc(args) : sb.berth(args);
}

/** Make a bundle whose config is edited by `edit`, create and start it under `runtime`, wait for it
 * to stop; returns what it printed, the runtime's stderr and the bundle. */
async function runUnder(runtime: string, args: string[], edit: (c: Json) => void = () => undefined) {
  const id = uniqueId(runtime === RUNC ? "runc" : "berth");
  const config = ociConfig({ args, cgroupsPath: `${sb.cgroupParent}/${id}` });
  edit(config);
  const bundle = await writeBundle(join(sb.tmp, "bundles", id), sb.template, config);
  const { res, out } = sb.createWithOutput(id, bundle, runtime);
  if (res.code !== 0) return { id, bundle, created: false, stderr: res.stderr, out: "" };
  expect(runtimeArgs(runtime, ["start", id]).code).toBe(0);
  await sb.waitStopped(id, runtime);
  return { id, bundle, created: true, stderr: res.stderr, out: await readFile(out, "utf8") };
}

suite("berth-runtime against the OCI runtime spec, runc as the reference", () => {
  it("linux.devices are made under a device cgroup that denies everything, parent directories included", async () => {
    const probe =
      "stat -c '%n %F %t:%T %a %u:%g' /dev/test1 /dev/test2 /dev/test3 /dev/sub/dir/test4; " +
      "stat -c '%n %a' /dev/sub /dev/sub/dir; head -c 4 /dev/zero | wc -c; echo x > /dev/null && echo null ok";
    const edit = (c: Json) => {
      const l = c.linux as Json;
      l.resources = { devices: [{ allow: false, access: "rwm" }] };
      l.devices = [
        { path: "/dev/test1", type: "c", major: 10, minor: 666, fileMode: 0o660, uid: 0, gid: 0 },
        { path: "/dev/test2", type: "b", major: 8, minor: 666, fileMode: 0o660, uid: 0, gid: 0 },
        { path: "/dev/test3", type: "p", major: 8, minor: 666, fileMode: 0o660 },
        { path: "/dev/sub/dir/test4", type: "c", major: 1, minor: 3, fileMode: 0o666, uid: 1, gid: 2 },
      ];
    };
    const ours = await runUnder(BERTH, ["sh", "-c", probe], edit);
    const theirs = await runUnder(RUNC, ["sh", "-c", probe], edit);
    expect(theirs.created).toBe(true);
    expect(ours.stderr).toBe("");
    expect(ours.out).toBe(theirs.out);
    expect(ours.out).toContain("/dev/test1 character special file a:29a 660 0:0");
    expect(ours.out).toContain("/dev/sub/dir/test4 character special file 1:3 666 1:2");
    expect(ours.out).toContain("/dev/sub 755\n");
    expect(ours.out).toContain("null ok");
  });

  for (const runtime of [BERTH, RUNC])
    it(`kill right after start reaches the process's trap (${runtime === RUNC ? "runc" : "berth-runtime"}): TERM, SIGUSR1, 12`, async () => {
      for (const [arg, name] of [
        ["TERM", "TERM"],
        ["SIGUSR1", "USR1"],
        ["12", "USR2"],
      ] as const) {
        const id = uniqueId("kill");
        const bundle = await writeBundle(
          join(sb.tmp, "bundles", id),
          sb.template,
          ociConfig({
            args: ["sh", "-c", `trap 'touch /${name}' ${name}; sleep 10 & wait $!`],
            cgroupsPath: `${sb.cgroupParent}/${id}`,
          }),
        );
        expect(sb.createWithOutput(id, bundle, runtime).res.code).toBe(0);
        expect(runtimeArgs(runtime, ["start", id]).code).toBe(0);
        expect(sb.status(id, runtime)).toBe("running");
        expect(runtimeArgs(runtime, ["kill", id, arg]).code).toBe(0);
        const start = Date.now();
        await sb.waitStopped(id, runtime);
        expect(Date.now() - start).toBeLessThan(5000);
        expect(existsSync(join(bundle, "rootfs", name))).toBe(true);
      }
    });

  it("start returns once the container's program runs, not while the init still prepares it", async () => {
    const id = uniqueId("start");
    // With noNewPrivileges the seccomp filter is loaded after start's byte, right before execve; a
    // long profile keeps the init busy there for a while.
    const syscalls = Array.from({ length: 400 }, (_, i) => ({
      names: ["ioctl"],
      action: "SCMP_ACT_ERRNO",
      args: [{ index: 1, value: 0x7f000000 + i, op: "SCMP_CMP_EQ" }],
    }));
    const bundle = await writeBundle(
      join(sb.tmp, "bundles", id),
      sb.template,
      ociConfig({
        args: ["sleep", "10"],
        cgroupsPath: `${sb.cgroupParent}/${id}`,
        linux: { seccomp: { defaultAction: "SCMP_ACT_ALLOW", syscalls } },
      }),
    );
    expect(sb.createWithOutput(id, bundle).res.code).toBe(0);
    const pid = (JSON.parse(sb.berth(["state", id]).stdout) as { pid: number }).pid;
    expect(sb.berth(["start", id]).code).toBe(0);
    expect(await readlink(`/proc/${pid}/exe`)).toBe("/bin/busybox");
  });

  it("hostname with a uts namespace joined by path names that namespace, under both runtimes", async () => {
    for (const runtime of [BERTH, RUNC]) {
      const holder = spawn("unshare", ["--uts", "sleep", "30"], { stdio: "ignore" });
      try {
        const nsPath = await waitFor(async () => {
          const own = await readlink("/proc/self/ns/uts");
          const its = await readlink(`/proc/${holder.pid}/ns/uts`).catch(() => own);
          return its !== own ? `/proc/${holder.pid}/ns/uts` : undefined;
        });
        const r = await runUnder(runtime, ["hostname"], (c) => {
          c.hostname = "joined-box";
          (c.linux as Json).namespaces = [{ type: "pid" }, { type: "mount" }, { type: "uts", path: nsPath }];
        });
        expect(r.stderr).toBe("");
        expect(r.out).toBe("joined-box\n");
        expect(run("nsenter", [`--uts=${nsPath}`, "hostname"]).stdout).toBe("joined-box\n");
      } finally {
        holder.kill("SIGKILL");
      }
    }
  });

  it("namespaces the spec leaves out are the runtime's own, mount included; delete takes its mounts down", async () => {
    // Not run under runc: without a mount namespace runc makes the host's / rslave.
    const id = uniqueId("nons");
    const bundle = await writeBundle(
      join(sb.tmp, "bundles", id),
      sb.template,
      ociConfig({
        args: ["sleep", "30"],
        hostname: "",
        cgroupsPath: `${sb.cgroupParent}/${id}`,
        namespaces: [],
        linux: { maskedPaths: [], readonlyPaths: [] },
      }),
    );
    const { res } = sb.createWithOutput(id, bundle);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const pid = (JSON.parse(sb.berth(["state", id]).stdout) as { pid: number }).pid;
    for (const ns of ["cgroup", "ipc", "mnt", "net", "pid", "uts"])
      expect(await readlink(`/proc/${pid}/ns/${ns}`), ns).toBe(await readlink(`/proc/self/ns/${ns}`));
    expect(sb.berth(["start", id]).code).toBe(0);
    // The process and an exec'd one see the rootfs as /, with the spec's mounts in it.
    expect(await readlink(`/proc/${pid}/root`)).toBe(join(bundle, "rootfs"));
    const ex = sb.berth([
      "exec",
      id,
      "sh",
      "-c",
      "ls /; cat /proc/self/ns/../stat >/dev/null && echo proc ok",
    ]);
    expect(ex.stdout).toBe("bin\ndev\netc\nproc\nroot\nsys\ntmp\nproc ok\n");
    expect((await mountsUnder(join(bundle, "rootfs"))).length).toBeGreaterThan(0);
    expect(sb.berth(["delete", "--force", id]).code).toBe(0);
    expect(await mountsUnder(join(bundle, "rootfs"))).toEqual([]);
  });

  it("without a mount namespace, masked and read-only paths are refused and nothing is left behind", async () => {
    const id = uniqueId("nons");
    const bundle = await sb.bundle(id, {
      args: ["true"],
      hostname: "",
      cgroupsPath: `${sb.cgroupParent}/${id}`,
      namespaces: [{ type: "pid" }],
    });
    const { res } = sb.createWithOutput(id, bundle);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("linux.maskedPaths and readonlyPaths need a mount namespace");
    expect(await mountsUnder(join(bundle, "rootfs"))).toEqual([]);
  });
});
