// What the OCI runtime-tools validation suite checks of berth-runtime, run the same way under runc
// where runc is the reference: linux.devices, kill, hooks, namespaces left out or joined by path,
// and config.json edits after create.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, readFile, readlink, writeFile } from "node:fs/promises";
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
    it(`kill delivers the named or numbered signal to the process's trap (${runtime === RUNC ? "runc" : "berth-runtime"}): TERM, SIGUSR1, 12`, async () => {
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
            args: ["sh", "-c", `trap 'touch /${name}' ${name}; touch /ready; sleep 10 & wait $!`],
            cgroupsPath: `${sb.cgroupParent}/${id}`,
          }),
        );
        expect(sb.createWithOutput(id, bundle, runtime).res.code).toBe(0);
        expect(runtimeArgs(runtime, ["start", id]).code).toBe(0);
        expect(sb.status(id, runtime)).toBe("running");
        // sh sets its trap a moment after exec; a PID 1 drops signals it has no handler for.
        await waitFor(() => (existsSync(join(bundle, "rootfs/ready")) ? true : undefined));
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

  const HOOK_KINDS = [
    "prestart",
    "createRuntime",
    "createContainer",
    "startContainer",
    "poststart",
    "poststop",
  ];

  /** Every kind of hook appends `<kind> <$HOOK_ENV> <stdin>` to rootfs/hooks.log (startContainer
   * resolves its paths in the container, the others on the host). */
  function hooks(rootfs: string): Json {
    const out: Json = {};
    for (const kind of HOOK_KINDS) {
      const log = kind === "startContainer" ? "/hooks.log" : join(rootfs, "hooks.log");
      out[kind] = [
        {
          path: "/bin/sh",
          args: ["sh", "-c", `echo "$0 $HOOK_ENV $(cat)" >> ${log}`, kind],
          env: [`HOOK_ENV=env-of-${kind}`],
          timeout: 5,
        },
      ];
    }
    return out;
  }

  it("hooks run in the spec's order with the state on stdin, their args and env, as under runc", async () => {
    const seen: { runtime: string; lines: string[]; pid: number; states: Json[] }[] = [];
    for (const runtime of [BERTH, RUNC]) {
      const id = uniqueId("hooks");
      const dir = join(sb.tmp, "bundles", id);
      const config = ociConfig({
        args: ["sh", "-c", "echo process >> /hooks.log"],
        cgroupsPath: `${sb.cgroupParent}/${id}`,
      });
      config.hooks = hooks(join(dir, "rootfs"));
      config.annotations = { "org.example/hook": "stdin test" };
      const bundle = await writeBundle(dir, sb.template, config);
      const { res } = sb.createWithOutput(id, bundle, runtime);
      expect(res.stderr).toBe("");
      const pid = (JSON.parse(runtimeArgs(runtime, ["state", id]).stdout) as { pid: number }).pid;
      expect(runtimeArgs(runtime, ["start", id]).code).toBe(0);
      await sb.waitStopped(id, runtime);
      expect(runtimeArgs(runtime, ["delete", id]).code).toBe(0);
      const text = await readFile(join(bundle, "rootfs/hooks.log"), "utf8");
      const lines = text.trim().split("\n");
      const states = lines.map((l) => (l.includes("{") ? (JSON.parse(l.slice(l.indexOf("{"))) as Json) : {}));
      for (const st of states.filter((st) => st.id !== undefined))
        expect(st).toMatchObject({ id, bundle, annotations: { "org.example/hook": "stdin test" } });
      expect(states.filter((st) => st.id !== undefined)).toHaveLength(HOOK_KINDS.length);
      seen.push({ runtime, lines, pid, states });
    }
    const [ours, theirs] = seen;
    if (!ours || !theirs) throw new Error("both runtimes ran");
    const shape = (s: (typeof seen)[number]) =>
      s.lines.map((l, i) =>
        l.startsWith("process") ? "process" : `${l.slice(0, l.indexOf("{"))}${s.states[i]?.status}`,
      );
    expect(shape(ours)).toEqual([
      "prestart env-of-prestart creating",
      "createRuntime env-of-createRuntime creating",
      "createContainer env-of-createContainer creating",
      "startContainer env-of-startContainer created",
      expect.stringMatching(/^(process|poststart env-of-poststart running)$/),
      expect.stringMatching(/^(process|poststart env-of-poststart running)$/),
      "poststop env-of-poststop stopped",
    ]);
    // runc 1.1.5 passes poststart hooks "created"; the container is running by then (the
    // validation suite's hooks_stdin expects "running").
    const loose = (l: string) => l.replace(/^(poststart \S+) \w+$/, "$1");
    expect(shape(ours).map(loose).sort()).toEqual(shape(theirs).map(loose).sort());
    // berth gives every hook the host's pid of the container (runc gives the ones run inside 1).
    expect(ours.states.slice(0, 4).map((s) => s.pid)).toEqual([ours.pid, ours.pid, ours.pid, ours.pid]);
    expect(ours.states.at(-1)?.pid).toBeUndefined();
  });

  it("a prestart hook past its timeout fails create and leaves nothing; a failing poststart hook is a warning", async () => {
    const id = uniqueId("hookfail");
    const dir = join(sb.tmp, "bundles", id);
    const config = ociConfig({ args: ["sleep", "30"], cgroupsPath: `${sb.cgroupParent}/${id}` });
    config.hooks = { createRuntime: [{ path: "/bin/sleep", args: ["sleep", "20"], timeout: 1 }] };
    const bundle = await writeBundle(dir, sb.template, config);
    const started = Date.now();
    const { res } = sb.createWithOutput(id, bundle);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('createRuntime hook #0: "/bin/sleep" ran past its timeout of 1 s');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(sb.berth(["state", id]).code).toBe(1);
    expect(await mountsUnder(join(bundle, "rootfs"))).toEqual([]);

    const id2 = uniqueId("hookfail");
    const config2 = ociConfig({ args: ["sleep", "30"], cgroupsPath: `${sb.cgroupParent}/${id2}` });
    config2.hooks = {
      poststart: [
        { path: "/bin/sh", args: ["sh", "-c", "echo broken hook; exit 3"] },
        { path: "/bin/sh", args: ["sh", "-c", `touch ${join(sb.tmp, "bundles", id2, "second")}`] },
      ],
    };
    const bundle2 = await writeBundle(join(sb.tmp, "bundles", id2), sb.template, config2);
    expect(sb.createWithOutput(id2, bundle2).res.code).toBe(0);
    const start = sb.berth(["start", id2]);
    expect(start.code).toBe(0);
    expect(start.stderr).toContain('poststart hook #0: "/bin/sh" exited with status 3: broken hook');
    expect(existsSync(join(bundle2, "second"))).toBe(true);
    expect(sb.status(id2)).toBe("running");
  });

  it("edits to config.json after create reach neither start, exec, kill nor delete (nor their hooks)", async () => {
    for (const runtime of [BERTH, RUNC]) {
      const id = uniqueId("edit");
      const dir = join(sb.tmp, "bundles", id);
      const mark = (what: string) => ({ path: "/bin/sh", args: ["sh", "-c", `touch ${join(dir, what)}`] });
      const config = ociConfig({
        args: ["sh", "-c", "echo original; sleep 30"],
        cgroupsPath: `${sb.cgroupParent}/${id}`,
      });
      config.hooks = { poststart: [mark("poststart-original")], poststop: [mark("poststop-original")] };
      const bundle = await writeBundle(dir, sb.template, config);
      const { res, out } = sb.createWithOutput(id, bundle, runtime);
      expect(res.code).toBe(0);
      const edited = ociConfig({ args: ["sh", "-c", "echo edited"], cgroupsPath: "/elsewhere" });
      edited.hooks = { poststart: [mark("poststart-edited")], poststop: [mark("poststop-edited")] };
      edited.process = { ...(edited.process as Json), env: ["EDITED=1"] };
      await writeFile(join(bundle, "config.json"), JSON.stringify(edited));
      expect(runtimeArgs(runtime, ["start", id]).code).toBe(0);
      // runc 1.1.5 exec reads the bundle's config.json again (for the process's defaults).
      if (runtime === BERTH) {
        const ex = runtimeArgs(runtime, ["exec", id, "sh", "-c", 'echo "EDITED=$EDITED"']);
        expect(ex).toMatchObject({ code: 0, stdout: "EDITED=\n" });
      }
      expect(runtimeArgs(runtime, ["kill", id, "KILL"]).code).toBe(0);
      await sb.waitStopped(id, runtime);
      expect(runtimeArgs(runtime, ["delete", id]).code).toBe(0);
      expect(await readFile(out, "utf8")).toBe("original\n");
      for (const f of ["poststart-original", "poststop-original"])
        expect(existsSync(join(dir, f)), f).toBe(true);
      for (const f of ["poststart-edited", "poststop-edited"])
        expect(existsSync(join(dir, f)), f).toBe(false);
    }
  });

  it("a new user namespace gets its maps before any setup: root inside is the mapped id, as under runc", async () => {
    const probe =
      "cat /proc/self/uid_map /proc/self/gid_map; id; stat -c '%n %u:%g' /bin/busybox /dev/null /dev/pts /proc/1; " +
      "touch /x 2>&1 | sed 's/.*: //'; ls /dev | tr '\\n' ' '; echo; hostname";
    const edit = (c: Json) => {
      const l = c.linux as Json;
      l.namespaces = [
        { type: "pid" },
        { type: "network" },
        { type: "ipc" },
        { type: "uts" },
        { type: "mount" },
        { type: "user" },
        { type: "cgroup" },
      ];
      l.uidMappings = [{ containerID: 0, hostID: 100000, size: 65536 }];
      l.gidMappings = [{ containerID: 0, hostID: 200000, size: 65536 }];
    };
    // The mapped root must reach the rootfs: mkdtemp's 0700 would stop it.
    await chmod(sb.tmp, 0o711);
    const ours = await runUnder(BERTH, ["sh", "-c", probe], edit);
    const theirs = await runUnder(RUNC, ["sh", "-c", probe], edit);
    expect(theirs.created).toBe(true);
    expect(ours.stderr).toBe("");
    expect(ours.out).toBe(theirs.out);
    expect(ours.out).toMatch(/^\s+0\s+100000\s+65536\n\s+0\s+200000\s+65536\nuid=0\(root\) gid=0\n/);
    // The rootfs is not id-mapped: its host-root files are nobody's inside.
    expect(ours.out).toContain("/bin/busybox 65534:65534");
    expect(ours.out).toContain("Permission denied");
  });

  it("exec joins the container's user namespace first", async () => {
    const id = uniqueId("userns");
    const bundle = await sb.bundle(id, {
      args: ["sleep", "30"],
      cgroupsPath: `${sb.cgroupParent}/${id}`,
      namespaces: [{ type: "pid" }, { type: "mount" }, { type: "user" }, { type: "uts" }, { type: "ipc" }],
      linux: {
        uidMappings: [{ containerID: 0, hostID: 100000, size: 65536 }],
        gidMappings: [{ containerID: 0, hostID: 100000, size: 65536 }],
      },
    });
    await chmod(sb.tmp, 0o711);
    expect(sb.createWithOutput(id, bundle).res.stderr).toBe("");
    expect(sb.berth(["start", id]).code).toBe(0);
    const ex = sb.berth([
      "exec",
      "--user",
      "1000:1000",
      id,
      "sh",
      "-c",
      "cat /proc/self/uid_map; id -u; hostname",
    ]);
    expect(ex.stderr).toBe("");
    expect(ex.stdout).toMatch(/^\s+0\s+100000\s+65536\n1000\nnt-box\n$/);
    const pid = (JSON.parse(sb.berth(["state", id]).stdout) as { pid: number }).pid;
    expect((await readFile(`/proc/${pid}/status`, "utf8")).match(/^Uid:\s+(\d+)/m)?.[1]).toBe("100000");
  });
});
