// berth-runtime create/start/state/kill/delete/exec/init on hand-written bundles, real kernel.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, readlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import {
  BERTH,
  cgroupDirs,
  mountsUnder,
  nativeSuite,
  type ociConfig,
  pidsWithMarker,
  run,
  sleep,
  uniqueId,
  waitFor,
} from "./native-fixtures.js";

const { suite, sb } = nativeSuite("native lifecycle tests");

/** create + start a container, wait until it ends, return what it printed. */
async function runToEnd(id: string, args: string[], extra: Parameters<typeof ociConfig>[0] | object = {}) {
  const bundle = await sb.bundle(id, { args, cgroupsPath: `${sb.cgroupParent}/${id}`, ...extra });
  const { res, out } = sb.createWithOutput(id, bundle);
  expect(res.stderr).not.toMatch(/error/);
  expect(res.code).toBe(0);
  expect(sb.berth(["start", id]).code).toBe(0);
  await sb.waitStopped(id);
  return { out: await readFile(out, "utf8"), stderr: res.stderr, bundle };
}

suite("berth-runtime lifecycle", () => {
  it("a container is PID 1 in its own PID namespace, has its hostname and sees only its rootfs", async () => {
    const id = uniqueId();
    const { out } = await runToEnd(
      id,
      [
        "sh",
        "-c",
        "echo pid=$$; echo host=$(hostname); echo root=$(ls / | tr '\\n' ' '); echo maxpid=$(ls /proc | grep '^[0-9]' | sort -n | tail -1); cat /proc/self/mountinfo",
      ],
      { hostname: "box-one" },
    );
    expect(out).toContain("pid=1\n");
    expect(out).toContain("host=box-one\n");
    expect(out).toContain("root=bin dev etc proc root sys tmp\n");
    // The command substitutions above fork about ten processes, all numbered inside the new namespace.
    expect(Number(/maxpid=(\d+)/.exec(out)?.[1])).toBeLessThan(32);
    // After pivot_root no mount point is a host path: all are the container's own.
    const mountPoints = out
      .split("\n")
      .filter((l) => /^\d+ \d+ \d+:\d+ /.test(l))
      .map((l) => l.split(" ")[4] ?? "");
    expect(mountPoints).toContain("/");
    expect(mountPoints).toContain("/proc");
    expect(mountPoints.filter((m) => m.includes(sb.tmp) || m.startsWith("/work"))).toEqual([]);
    for (const dev of [
      "null",
      "zero",
      "full",
      "random",
      "urandom",
      "tty",
      "ptmx",
      "fd",
      "stdout",
      "shm",
      "mqueue",
      "pts",
    ])
      expect(out + (await runToEnd(uniqueId(), ["ls", "/dev"])).out).toContain(dev);
  });

  it("state tells created, running and stopped apart by pid and start time", async () => {
    const id = uniqueId();
    const bundle = await sb.bundle(id, { args: ["sleep", "60"], cgroupsPath: `${sb.cgroupParent}/${id}` });
    const { res } = sb.createWithOutput(id, bundle);
    expect(res.code).toBe(0);
    const created = JSON.parse(sb.berth(["state", id]).stdout) as {
      status: string;
      pid: number;
      bundle: string;
    };
    expect(created.status).toBe("created");
    expect(created.bundle).toBe(bundle);
    expect(created.pid).toBeGreaterThan(1);
    expect(sb.berth(["start", id]).code).toBe(0);
    expect(sb.status(id)).toBe("running");
    // Same pid, other start time: a recycled pid must not look like our container.
    const statePath = join(sb.root, id, "state.json");
    const original = await readFile(statePath, "utf8");
    const st = JSON.parse(original) as { startTime: string };
    await writeFile(statePath, JSON.stringify({ ...st, startTime: String(Number(st.startTime) + 1) }));
    expect(sb.status(id)).toBe("stopped");
    await writeFile(statePath, original);
    expect(sb.berth(["kill", id, "KILL"]).code).toBe(0);
    await sb.waitStopped(id);
    expect(JSON.parse(sb.berth(["state", id]).stdout).pid).toBe(0);
    expect(sb.berth(["start", id]).stderr).toMatch(/cannot be started: it is stopped/);
  });

  it("delete of a running container needs --force, then removes state and cgroup", async () => {
    const id = uniqueId();
    const cg = `${sb.cgroupParent}/${id}`;
    const bundle = await sb.bundle(id, { args: ["sleep", "60"], cgroupsPath: cg });
    expect(sb.createWithOutput(id, bundle).res.code).toBe(0);
    expect(sb.berth(["start", id]).code).toBe(0);
    const pid = JSON.parse(sb.berth(["state", id]).stdout).pid as number;
    expect(cgroupDirs(cg).length).toBeGreaterThan(0);
    const r = sb.berth(["delete", id]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is running/);
    expect(sb.berth(["delete", "--force", id]).code).toBe(0);
    expect(existsSync(join(sb.root, id))).toBe(false);
    expect(cgroupDirs(cg)).toEqual([]);
    expect(
      existsSync(`/proc/${pid}/cmdline`) &&
        (await readFile(`/proc/${pid}/stat`, "utf8")).split(" ")[2] !== "Z",
    ).toBe(false);
    expect(sb.berth(["state", id]).stderr).toMatch(/does not exist/);
  });

  it("kill sends the named signal and kill --all reaches every process of the cgroup", async () => {
    const id = uniqueId();
    const bundle = await sb.bundle(id, {
      args: ["sh", "-c", "trap 'echo got-usr1' USR1; sleep 30 & while true; do sleep 0.1; done"],
      cgroupsPath: `${sb.cgroupParent}/${id}`,
    });
    const { out } = sb.createWithOutput(id, bundle);
    expect(sb.berth(["start", id]).code).toBe(0);
    await sleep(300);
    expect(sb.berth(["kill", id, "USR1"]).code).toBe(0);
    await waitFor(async () => ((await readFile(out, "utf8")).includes("got-usr1") ? true : undefined));
    expect(sb.berth(["kill", id, "NOSUCH"]).stderr).toMatch(/unknown signal "NOSUCH"/);
    expect(sb.berth(["kill", "--all", id, "9"]).code).toBe(0);
    await sb.waitStopped(id);
  });

  it("exec joins every namespace and the cgroup of the container and returns its exit code", async () => {
    const id = uniqueId();
    const bundle = await sb.bundle(id, { args: ["sleep", "60"], cgroupsPath: `${sb.cgroupParent}/${id}` });
    expect(sb.createWithOutput(id, bundle).res.code).toBe(0);
    expect(sb.berth(["start", id]).code).toBe(0);
    const init = JSON.parse(sb.berth(["state", id]).stdout).pid as number;
    const names = ["pid", "net", "ipc", "uts", "mnt", "cgroup"];
    const r = sb.berth([
      "exec",
      id,
      "sh",
      "-c",
      `for n in ${names.join(" ")}; do readlink /proc/self/ns/$n; done; exit 3`,
    ]);
    expect(r.code).toBe(3);
    const want = await Promise.all(names.map((n) => readlink(`/proc/${init}/ns/${n}`)));
    expect(r.stdout.trim().split("\n")).toEqual(want);
    const pidFile = join(sb.tmp, `${id}.exec.pid`);
    // Detached: its stdio must not hold our pipes open.
    const detached = ["sh", "-c", "exec sleep 5 </dev/null >/dev/null 2>&1"];
    expect(sb.berth(["exec", "--detach", "--pid-file", pidFile, id, ...detached]).code).toBe(0);
    const execPid = Number(await readFile(pidFile, "utf8"));
    expect(await readFile(`/proc/${execPid}/cgroup`, "utf8")).toBe(
      await readFile(`/proc/${init}/cgroup`, "utf8"),
    );
    // Both entered the container's cgroup in every hierarchy, v1 controllers and the v2 tree alike
    // (the init and exec'd processes move themselves in, without the kernel's migration by pid).
    const dirs = cgroupDirs(`${sb.cgroupParent}/${id}`);
    expect(dirs.length).toBeGreaterThan(0);
    for (const dir of dirs) {
      const procs = (await readFile(join(dir, "cgroup.procs"), "utf8")).split("\n").map(Number);
      expect(procs, dir).toContain(init);
      expect(procs, dir).toContain(execPid);
    }
    const env = sb.berth([
      "exec",
      "--env",
      "FOO=bar",
      "--user",
      "1000:1000",
      "--cwd",
      "/tmp",
      id,
      "sh",
      "-c",
      "echo $FOO $(id -u) $(pwd)",
    ]);
    expect(env.stdout).toBe("bar 1000 /tmp\n");
    const processJson = join(sb.tmp, `${id}.process.json`);
    await writeFile(
      processJson,
      JSON.stringify({
        args: ["sh", "-c", "echo $X $(id -u):$(id -g)"],
        env: ["PATH=/bin", "X=from-json"],
        cwd: "/",
        user: { uid: 5, gid: 6 },
      }),
    );
    expect(sb.berth(["exec", "--process", processJson, id]).stdout).toBe("from-json 5:6\n");
    const missing = sb.berth(["exec", id, "no-such-program"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/executable file not found in \$PATH/);
  });

  it("applies user, groups, capabilities, seccomp, masked and read-only paths", async () => {
    const id = uniqueId();
    const { out } = await runToEnd(
      id,
      [
        "sh",
        "-c",
        "id; grep -E '^Cap(Eff|Bnd)' /proc/self/status; grep NoNewPrivs /proc/self/status; mkdir /tmp/x 2>&1; " +
          "wc -c < /etc/passwd; touch /root/x 2>&1; grep ' /proc/sys ' /proc/self/mountinfo; ulimit -n",
      ],
      {
        process: {
          user: { uid: 1000, gid: 1000, additionalGids: [10, 20] },
          rlimits: [{ type: "RLIMIT_NOFILE", soft: 512, hard: 512 }],
        },
        linux: {
          seccomp: {
            defaultAction: "SCMP_ACT_ALLOW",
            architectures: ["SCMP_ARCH_X86_64"],
            syscalls: [{ names: ["mkdir", "mkdirat"], action: "SCMP_ACT_ERRNO", errnoRet: 1 }],
          },
          maskedPaths: ["/etc/passwd", "/root"],
          readonlyPaths: ["/proc/sys"],
        },
        rootPath: "rootfs",
      },
    );
    expect(out).toContain("uid=1000 gid=1000 groups=10,20");
    // A non-root user keeps no effective capabilities after exec, but the bounding set is the spec's.
    expect(out).toContain("CapEff:\t0000000000000000");
    expect(out).toContain("CapBnd:\t00000000a80425fb");
    expect(out).toContain("NoNewPrivs:\t1");
    expect(out).toMatch(/mkdir: can't create directory '\/tmp\/x': Operation not permitted/);
    expect(out).toMatch(/^0$/m); // a masked file reads as /dev/null
    expect(out).toMatch(/touch: \/root\/x: Read-only file system/); // a masked dir is a read-only tmpfs
    expect(out).toMatch(/ \/proc\/sys ro,/);
    expect(out).toMatch(/^512$/m);
  });

  it("root.readonly makes / read-only; oomScoreAdj and rlimits the host forbids are clamped with a warning", async () => {
    const id = uniqueId();
    const bundle = await sb.bundle(id, {
      args: ["sh", "-c", "touch /x 2>&1; cat /proc/self/oom_score_adj; ulimit -Hn"],
      cgroupsPath: `${sb.cgroupParent}/${id}`,
      process: { oomScoreAdj: -999, rlimits: [{ type: "RLIMIT_NOFILE", soft: 1024, hard: 1 << 30 }] },
    });
    const cfg = JSON.parse(await readFile(join(bundle, "config.json"), "utf8"));
    cfg.root.readonly = true;
    await writeFile(join(bundle, "config.json"), JSON.stringify(cfg));
    const { res, out } = sb.createWithOutput(id, bundle);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/warning: oomScoreAdj -999 not allowed .*clamped to/);
    expect(res.stderr).toMatch(/warning: RLIMIT_NOFILE hard limit 1073741824 is above the host's/);
    expect(sb.berth(["start", id]).code).toBe(0);
    await sb.waitStopped(id);
    const text = await readFile(out, "utf8");
    expect(text).toMatch(/touch: \/x: Read-only file system/);
    expect(text).toMatch(/^-?\d+\n/m);
  });

  interface EditableConfig {
    root: { path: string };
    mounts: object[];
    linux: { namespaces: object[] };
  }
  const badBundles: { name: string; error: RegExp; edit: (cfg: EditableConfig) => string | undefined }[] = [
    {
      name: "missing rootfs",
      error: /rootfs ".*\/nope" \(root\.path\) is not a directory/,
      edit: (c) => {
        c.root.path = "nope";
        return undefined;
      },
    },
    {
      name: "bad JSON",
      error: /parse ".*config\.json": invalid JSON at offset \d+/,
      edit: () => '{"ociVersion": "1.0.2", "process": ',
    },
    {
      name: "unknown namespace type",
      error: /unknown namespace type "bogus"/,
      edit: (c) => {
        c.linux.namespaces.push({ type: "bogus" });
        return undefined;
      },
    },
    {
      name: "escaping mount destination",
      error: /mount destination: "\/\.\.\/\.\.\/etc\/evil" escapes the rootfs/,
      edit: (c) => {
        c.mounts.push({ destination: "/../../etc/evil", type: "tmpfs", source: "tmpfs" });
        return undefined;
      },
    },
    {
      name: "mount destination escaping through a symlink",
      error: /mount destination: "\/up\/evil" escapes the rootfs/,
      edit: (c) => {
        c.mounts.push({ destination: "/up/evil", type: "tmpfs", source: "tmpfs" });
        return undefined;
      },
    },
    {
      // Fails inside the container init after /proc, /dev, ... were mounted: those must go too.
      name: "missing bind source",
      error: /bind mount source "\/nonexistent-source" for "\/data": No such file or directory/,
      edit: (c) => {
        c.mounts.push({
          destination: "/data",
          type: "bind",
          source: "/nonexistent-source",
          options: ["rbind"],
        });
        return undefined;
      },
    },
  ];
  for (const bad of badBundles) {
    it(`a bundle with ${bad.name} fails with a clear error and leaves no mount, cgroup or process`, async () => {
      const id = uniqueId("bad");
      const marker = `${Date.now() % 100000}${Math.floor(Math.random() * 1000)}`;
      const cg = `${sb.cgroupParent}/${id}`;
      const bundle = await sb.bundle(id, { args: ["sleep", marker], cgroupsPath: cg });
      const cfg = JSON.parse(await readFile(join(bundle, "config.json"), "utf8"));
      const replaced = bad.edit(cfg as EditableConfig);
      await writeFile(
        join(bundle, "config.json"),
        typeof replaced === "string" ? replaced : JSON.stringify(cfg),
      );
      await run("ln", ["-sfn", "../../../../..", join(bundle, "rootfs/up")]);
      const r = sb.berth(["create", "--bundle", bundle, id]);
      sb.track(id);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(bad.error);
      expect(r.stderr.startsWith("berth-runtime: ")).toBe(true);
      expect(existsSync(join(sb.root, id))).toBe(false);
      expect(cgroupDirs(cg)).toEqual([]);
      expect(await mountsUnder(bundle)).toEqual([]);
      expect(await pidsWithMarker(`sleep\0${marker}`)).toEqual([]);
    });
  }

  it("init reaps orphans in its PID namespace and exits on SIGTERM", async () => {
    const init = spawn("unshare", ["--pid", "--fork", "--mount-proc", BERTH, "init"], { stdio: "ignore" });
    try {
      const initPid = await waitFor(async () => {
        const kids = (
          await readFile(`/proc/${init.pid}/task/${init.pid}/children`, "utf8").catch(() => "")
        ).trim();
        return kids ? Number(kids.split(" ")[0]) : undefined;
      });
      const children = async () =>
        (await readFile(`/proc/${initPid}/task/${initPid}/children`, "utf8").catch(() => "")).trim();
      // An orphan: the shell exits at once, its background sleep is re-parented to init.
      const r = run("nsenter", [
        "-t",
        String(initPid),
        "-p",
        "--",
        "sh",
        "-c",
        "sleep 1 </dev/null >/dev/null 2>&1 &",
      ]);
      expect(r.code).toBe(0);
      expect(await children()).toMatch(/^\d+$/);
      // Once it exits, init must reap it: an unreaped zombie would still be listed as its child.
      await waitFor(async () => ((await children()) === "" ? true : undefined), 5000);
      const exited = new Promise<number | null>((res) => init.on("exit", (code) => res(code)));
      process.kill(initPid, "SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (init.exitCode === null) init.kill("SIGKILL");
    }
  });
});
