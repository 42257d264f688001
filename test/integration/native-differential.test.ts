// The same bundles run by berth-runtime and by runc (both under berth's monitor) must look the
// same from inside and outside: pid, hostname, capabilities, mounts, /dev, cgroup values, exit codes.
import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import {
  BERTH,
  DEFAULT_CAPS,
  type Json,
  nativeSuite,
  ociConfig,
  RUNC,
  readCriLog,
  readExitFile,
  startMonitor,
  uniqueId,
  waitFor,
  writeBundle,
} from "./native-fixtures.js";

const { suite, sb } = nativeSuite("native differential tests");

const PROBE =
  "echo pid=$$ ppid=$PPID; hostname; id; grep -E '^(Cap|NoNewPrivs|Seccomp:)' /proc/self/status; " +
  "awk '{print $5, $6}' /proc/self/mountinfo | sort; ls /dev | tr '\\n' ' '; echo; ls /dev/pts | tr '\\n' ' '; echo; " +
  "cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/cpu/cpu.shares " +
  "/sys/fs/cgroup/pids/pids.max; cat /proc/self/cgroup; ulimit -n; umask; pwd; echo $HOME";

interface Case {
  name: string;
  args: string[];
  config?: (c: Json) => void;
}

const cgroupMount = {
  destination: "/sys/fs/cgroup",
  type: "cgroup",
  source: "cgroup",
  options: ["nosuid", "noexec", "nodev", "relatime", "ro"],
};

const cases: Case[] = [
  {
    name: "a root container with the default capabilities, limits and exit code 5",
    args: ["sh", "-c", `${PROBE}; exit 5`],
    config: (c) => {
      const l = c.linux as Json;
      l.resources = {
        memory: { limit: 64 << 20 },
        cpu: { quota: 30000, period: 100000, shares: 256 },
        pids: { limit: 40 },
      };
      (c.mounts as Json[]).push(cgroupMount);
    },
  },
  {
    name: "a non-root user with groups, a cwd, rlimits and a seccomp profile",
    args: ["sh", "-c", `${PROBE}; mkdir /tmp/x 2>&1; exit 0`],
    config: (c) => {
      const p = c.process as Json;
      p.user = { uid: 1000, gid: 1000, additionalGids: [10] };
      p.cwd = "/tmp";
      p.rlimits = [{ type: "RLIMIT_NOFILE", soft: 256, hard: 512 }];
      p.capabilities = {
        bounding: DEFAULT_CAPS,
        effective: ["CAP_KILL"],
        permitted: ["CAP_KILL"],
        inheritable: ["CAP_KILL"],
        ambient: ["CAP_KILL"],
      };
      const l = c.linux as Json;
      l.seccomp = {
        defaultAction: "SCMP_ACT_ALLOW",
        architectures: ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"],
        syscalls: [{ names: ["mkdir", "mkdirat"], action: "SCMP_ACT_ERRNO", errnoRet: 13 }],
      };
      (c.mounts as Json[]).push(cgroupMount);
    },
  },
  {
    name: "a container killed by a signal with a read-only root and masked paths",
    args: ["sh", "-c", `${PROBE}; touch /x 2>&1; kill -9 $$`],
    config: (c) => {
      (c.root as Json).readonly = true;
      (c.linux as Json).maskedPaths = ["/proc/kcore", "/etc/passwd", "/root"];
      (c.mounts as Json[]).push(cgroupMount);
    },
  },
  {
    name: "a container in the host's network namespace (real root may still mount sysfs)",
    args: [
      "sh",
      "-c",
      "echo pid=$$ ppid=$PPID; awk '{print $5, $6}' /proc/self/mountinfo | sort; hostname; exit 0",
    ],
    config: (c) => {
      (c.linux as Json).namespaces = [{ type: "pid" }, { type: "ipc" }, { type: "uts" }, { type: "mount" }];
    },
  },
];

async function runUnder(runtime: string, base: string, cs: Case) {
  const id = uniqueId(runtime === RUNC ? "runc" : "berth");
  const config = ociConfig({
    args: cs.args,
    hostname: "diff-box",
    cgroupsPath: `${sb.cgroupParent}/${base}-${runtime === RUNC ? "a" : "b"}`,
  });
  cs.config?.(config);
  const bundle = await writeBundle(`${sb.tmp}/bundles/${id}`, sb.template, config);
  const m = await startMonitor(sb, id, bundle, runtime);
  expect(m.res.stderr).toBe("");
  expect(m.res.code).toBe(0);
  const root = runtime === RUNC ? `${sb.tmp}/runc` : sb.root;
  const start = (await import("./native-fixtures.js")).run(runtime, ["--root", root, "start", id]);
  expect(start.code).toBe(0);
  const exit = await waitFor(() => readExitFile(m.paths.exitFile));
  const log = await readCriLog(m.paths.logPath);
  const text = log
    .map((r) => `${r.stream} ${r.text}`)
    .join("\n")
    .replaceAll(`${base}-${runtime === RUNC ? "a" : "b"}`, "<cgroup>");
  return { exit, text, id };
}

suite("berth-runtime and runc give the same observable results", () => {
  for (const cs of cases) {
    it(cs.name, async () => {
      const base = uniqueId("d");
      const ours = await runUnder(BERTH, base, cs);
      const theirs = await runUnder(RUNC, base, cs);
      expect(ours.text).toBe(theirs.text);
      expect({ code: ours.exit.exitCode, signal: ours.exit.signal, oom: ours.exit.oomKilled }).toEqual({
        code: theirs.exit.exitCode,
        signal: theirs.exit.signal,
        oom: theirs.exit.oomKilled,
      });
      expect(ours.text).toContain("pid=1 ppid=0");
    });
  }

  it("state JSON has the same shape under both runtimes", async () => {
    const base = uniqueId("d");
    const shapes: string[] = [];
    for (const runtime of [BERTH, RUNC]) {
      const id = uniqueId("st");
      const bundle = await writeBundle(
        `${sb.tmp}/bundles/${id}`,
        sb.template,
        ociConfig({ args: ["sleep", "30"], cgroupsPath: `${sb.cgroupParent}/${base}-${shapes.length}` }),
      );
      const { res } = sb.createWithOutput(id, bundle, runtime);
      expect(res.code).toBe(0);
      const st = JSON.parse(
        runtime === RUNC ? sb.runc(["state", id]).stdout : sb.berth(["state", id]).stdout,
      ) as Json;
      expect(st).toMatchObject({ id, status: "created", bundle });
      shapes.push(
        Object.keys(st)
          .filter((k) => ["ociVersion", "id", "pid", "status", "bundle"].includes(k))
          .sort()
          .join(","),
      );
      expect(await readFile(`/proc/${st.pid}/cmdline`, "utf8")).not.toBe("");
    }
    expect(shapes[0]).toBe(shapes[1]);
  });
});
