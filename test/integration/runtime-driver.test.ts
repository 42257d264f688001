// The runtime driver end to end: berth-runtime's monitor driving berth-runtime or runc as the OCI
// runtime, on overlay roots of busybox layers, with real namespaces and cgroups.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/errors.js";
import { Cgroups } from "../../src/runtime/cgroups.js";
import { type CreateOptions, RuntimeDriver } from "../../src/runtime/driver.js";
import { isSameProcessAlive, pidStartTime } from "../../src/runtime/proc.js";
import {
  busyboxLayer,
  eventually,
  favourTestCgroup,
  filesLayer,
  isRoot,
  mountsUnder,
  sleep,
  treeChecksum,
} from "./runtime-fixtures.js";

const HELPER = resolve("dist/bin/berth-runtime");
const RUNC = "/usr/bin/runc";
const DIST_DRIVER = resolve("dist/src/runtime/driver.js");
const haveHelper = existsSync(HELPER);
const suite = isRoot && haveHelper ? describe : describe.skip;
if (!isRoot) console.warn("runtime driver tests skipped: they need root");
else if (!haveHelper)
  console.warn(`runtime driver tests skipped: ${HELPER} is not built (run \`make native\`)`);

let tmp: string;
let busybox: string;
const cgroups = isRoot ? new Cgroups() : undefined;
const cgroupParent = `/berth-drv-${process.pid}`;
let driver: RuntimeDriver;
const created: string[] = [];

beforeAll(async () => {
  if (!isRoot || !haveHelper) return;
  tmp = await mkdtemp(join(tmpdir(), "berth-drv-"));
  busybox = await busyboxLayer(join(tmp, "layers/busybox"));
  driver = newDriver();
});

afterEach(async () => {
  for (const id of created.splice(0)) await driver.delete(id, { force: true });
});

afterAll(async () => {
  if (!isRoot || !haveHelper) return;
  await cgroups?.remove(cgroupParent);
  await rm(tmp, { recursive: true, force: true });
});

function newDriver(runtimeBinary?: string): RuntimeDriver {
  return new RuntimeDriver({
    stateRoot: join(tmp, "state"),
    helperBinary: HELPER,
    ...(runtimeBinary ? { runtimeBinary } : {}),
    cgroupParent,
    log: pino({ level: "silent" }),
  });
}

let seq = 0;
function newId(): string {
  const id = `d${process.pid}-${++seq}`;
  created.push(id);
  return id;
}

async function createStartedWith(d: RuntimeDriver, spec: Omit<CreateOptions["spec"], "id">) {
  const id = newId();
  const logPath = join(tmp, "logs", `${id}.log`);
  await d.create({ spec: { id, ...spec }, layers: [busybox], logPath });
  await d.start(id);
  return { id, logPath };
}

const createStarted = (spec: Omit<CreateOptions["spec"], "id">) => createStartedWith(driver, spec);

interface LogRecord {
  time: string;
  stream: string;
  tag: string;
  text: string;
}
async function readLog(path: string): Promise<LogRecord[]> {
  const text = await readFile(path, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => {
      const m = /^(\S+) (stdout|stderr) (F|P) (.*)$/s.exec(l);
      if (!m) throw new Error(`not a CRI log line: ${l.slice(0, 80)}`);
      return { time: m[1]!, stream: m[2]!, tag: m[3]!, text: m[4]! };
    });
}

async function cpuPercent(id: string, ms: number): Promise<number> {
  const a = await driver.stats(id);
  const t0 = process.hrtime.bigint();
  await sleep(ms);
  const b = await driver.stats(id);
  return ((b.cpuUsageNs - a.cpuUsageNs) / Number(process.hrtime.bigint() - t0)) * 100;
}

/** Nothing of the container may remain: no mount, no cgroup, no state directory. */
async function expectNothingLeft(id: string, cgroupsPath = `${cgroupParent}/${id}`) {
  expect(await mountsUnder(join(tmp, "state/c", id))).toEqual([]);
  expect(await cgroups!.exists(cgroupsPath)).toBe(false);
  expect(existsSync(join(tmp, "state/c", id))).toBe(false);
}

for (const backend of [
  { name: "berth-runtime", binary: undefined },
  { name: "runc", binary: RUNC },
]) {
  suite(`container lifecycle with ${backend.name} as the OCI runtime`, () => {
    it("create → start → exit → delete: PID 1, own hostname, only its rootfs, nothing left", async () => {
      const d = backend.binary ? newDriver(backend.binary) : driver;
      const id = newId();
      const logPath = join(tmp, "logs", `${id}.log`);
      const st = await d.create({
        spec: {
          id,
          args: ["/bin/sh", "-c", "echo pid=$$; hostname; ls /; exit 3"],
          hostname: "lifecycle",
        },
        layers: [busybox],
        logPath,
      });
      expect(st.status).toBe("created");
      expect((await d.state(id)).status).toBe("created");
      await d.start(id);
      const exit = await d.wait(id, 10_000);
      expect(exit.exitCode).toBe(3);
      expect(exit.oomKilled).toBe(false);
      const st2 = await d.state(id);
      expect(st2.status).toBe("stopped");
      expect(st2.startedAt).toBeDefined();
      const lines = (await readLog(logPath)).map((r) => r.text);
      expect(lines[0]).toBe("pid=1");
      expect(lines[1]).toBe("lifecycle");
      expect(lines).toContain("bin");
      expect(lines).not.toContain("home");
      await d.delete(id);
      await expectNothingLeft(id);
    });

    it("kill --all reaches every process of the container, not only its init", async () => {
      const d = backend.binary ? newDriver(backend.binary) : driver;
      const { id } = await createStartedWith(d, {
        args: ["/bin/sh", "-c", "sleep 1000 & sleep 1000 & wait"],
      });
      await eventually(
        async () => ((await d.stats(id)).pidsCurrent >= 3 ? true : undefined),
        5000,
        "3 processes",
      );
      await d.kill(id, "SIGKILL", true);
      expect((await d.wait(id, 10_000)).exitCode).toBe(137);
      await eventually(
        async () => ((await d.stats(id)).pidsCurrent === 0 ? true : undefined),
        5000,
        "no processes",
      );
    });

    it("kill stops a running container; exec joins its namespaces and cgroup", async () => {
      const d = backend.binary ? newDriver(backend.binary) : driver;
      const id = newId();
      await d.create({ spec: { id, args: ["/bin/sleep", "1000"] }, layers: [busybox] });
      await d.start(id);
      expect((await d.state(id)).status).toBe("running");
      const script =
        "for n in ipc mnt net pid uts; do [ $(readlink /proc/self/ns/$n) = $(readlink /proc/1/ns/$n) ] && echo same-$n; done; " +
        '[ "$(cat /proc/self/cgroup)" = "$(cat /proc/1/cgroup)" ] && echo same-cgroup; echo $PPID >&2; exit 5';
      const ex = await d.exec(id, { args: ["/bin/sh", "-c", script] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      ex.stdout.on("data", (b: Buffer) => out.push(b));
      ex.stderr.on("data", (b: Buffer) => err.push(b));
      expect(await ex.wait()).toBe(5);
      expect(Buffer.concat(out).toString()).toBe(
        "same-ipc\nsame-mnt\nsame-net\nsame-pid\nsame-uts\nsame-cgroup\n",
      );
      // The exec'd process sees itself inside the container's PID namespace (parent pid 0).
      expect(Buffer.concat(err).toString()).toBe("0\n");
      const monitorPid = Number((await readFile(`${d.paths(id).control}.pid`, "utf8")).trim());
      expect(await pidStartTime(monitorPid)).toBeDefined();
      await d.kill(id, "SIGKILL");
      const exit = await d.wait(id, 10_000);
      expect(exit.exitCode).toBe(137);
      expect(exit.signal).toBe(9);
      await d.delete(id);
      await expectNothingLeft(id);
      expect(await pidStartTime(monitorPid)).toBeUndefined();
    });
  });
}

for (const backend of [
  { name: "berth-runtime", binary: undefined },
  { name: "runc", binary: RUNC },
]) {
  suite(`stdio with ${backend.name} as the OCI runtime`, () => {
    it("attach relays stdin, stdout and stderr and reports the exit; exec takes piped stdin", async () => {
      const d = backend.binary ? newDriver(backend.binary) : driver;
      const id = newId();
      await d.create({
        spec: { id, args: ["/bin/sh", "-c", "read x; echo got-$x; echo oops >&2; sleep 1000"] },
        layers: [busybox],
        stdin: true,
      });
      const a = await d.attach(id);
      let out = "";
      let err = "";
      a.stdout.on("data", (b: Buffer) => {
        out += b.toString();
      });
      a.stderr.on("data", (b: Buffer) => {
        err += b.toString();
      });
      await d.start(id);
      a.stdin.write("hello\n");
      await eventually(
        async () => (out === "got-hello\n" && err === "oops\n" ? true : undefined),
        5000,
        "attach output",
      );
      const cat = await d.exec(id, { args: ["/bin/cat"], stdin: true });
      let catOut = "";
      cat.stdout.on("data", (b: Buffer) => {
        catOut += b.toString();
      });
      cat.stdin?.end("piped\n");
      expect(await cat.wait()).toBe(0);
      expect(catOut).toBe("piped\n");
      await d.kill(id, "SIGKILL");
      expect(await a.exit).toMatchObject({ exitCode: 137, signal: 9 });
    });

    it("exec with a terminal reports a tty and follows resizes", async (ctx) => {
      const d = backend.binary ? newDriver(backend.binary) : driver;
      const { id } = await createStartedWith(d, { args: ["/bin/sleep", "1000"] });
      const ex = await d.exec(id, {
        args: ["/bin/sh", "-c", "tty; echo $TERM; sleep 1; stty size"],
        tty: true,
      });
      let out = "";
      ex.stdout.on("data", (b: Buffer) => {
        out += b.toString();
      });
      let exited = false;
      void ex.wait().then(() => {
        exited = true;
      });
      await eventually(async () => (out.includes("xterm") || exited ? true : undefined), 5000, "tty output");
      if (exited && /console-socket/.test(out)) {
        console.warn(
          `skipped: ${backend.name} exec --tty requires --console-socket (no foreground pty copy yet)`,
        );
        ctx.skip();
      }
      await ex.resize(33, 99);
      expect(await ex.wait()).toBe(0);
      expect(out.replace(/\r/g, "")).toMatch(/^\/dev\/pts\/\d+\nxterm\n33 99\n$/);
    });
  });
}

suite("differential: the same containers under berth-runtime and runc", () => {
  it("give the same pid, hostname, mounts, capabilities, identity, cgroup limits and exit code", async () => {
    const probe =
      "echo pid=$$; hostname; id; grep -E '^Cap(Inh|Prm|Eff|Bnd|Amb)' /proc/self/status; " +
      "awk '{print $2, $3}' /proc/mounts | grep -v '^/sys/fs/cgroup/' | sort; " +
      "grep NoNewPrivs /proc/self/status; ulimit -n; exit 42";
    const results: Record<string, unknown>[] = [];
    for (const binary of [undefined, RUNC]) {
      const d = binary ? newDriver(binary) : driver;
      const id = newId();
      const logPath = join(tmp, "logs", `${id}.log`);
      await d.create({
        spec: {
          id,
          args: ["/bin/sh", "-c", probe],
          hostname: "same",
          user: { uid: 1000, gid: 1000, additionalGids: [10] },
          capabilities: { add: ["NET_ADMIN"], drop: ["KILL"] },
          noNewPrivileges: true,
          resources: { cpuQuota: 30_000, memoryLimit: 64 << 20, pidsLimit: 50 },
          mounts: [{ destination: "/data", type: "tmpfs", source: "tmpfs", options: ["size=1m"] }],
        },
        layers: [busybox],
        logPath,
      });
      const cg = `${cgroupParent}/${id}`;
      const read = async (ctrl: string, file: string) =>
        (await readFile(join(await cgroups!.controllerDir(cg, ctrl), file), "utf8")).trim();
      const limits = [
        await read("cpu", "cpu.cfs_quota_us"),
        await read("memory", "memory.limit_in_bytes"),
        await read("pids", "pids.max"),
      ];
      await d.start(id);
      const exit = await d.wait(id, 10_000);
      results.push({ exitCode: exit.exitCode, limits, output: (await readLog(logPath)).map((r) => r.text) });
    }
    expect(results[0]).toEqual(results[1]);
    expect(results[0]?.exitCode).toBe(42);
    expect(results[0]?.limits).toEqual(["30000", String(64 << 20), "50"]);
  });
});

suite("resource limits through the driver", () => {
  it("CPU: 0.2 CPU holds a busy loop to 15–25 %, an update to 0.5 CPU applies without restart", async () => {
    await favourTestCgroup(cgroups!, cgroupParent);
    const { id } = await createStarted({
      args: ["/bin/sh", "-c", "while :; do :; done"],
      resources: { cpuQuota: 20_000, cpuPeriod: 100_000, cpuShares: 8192 },
    });
    await sleep(300);
    const limited = await cpuPercent(id, 3000);
    expect(limited).toBeGreaterThan(15);
    expect(limited).toBeLessThan(25);
    await driver.update(id, { cpuQuota: 50_000, cpuPeriod: 100_000 });
    await sleep(300);
    const raised = await cpuPercent(id, 2000);
    expect(raised).toBeGreaterThan(40);
    expect(raised).toBeLessThan(60);
    expect((await driver.state(id)).status).toBe("running");
  });

  it("memory: a process above its limit is OOM-killed; the exit says so, exit 137", async () => {
    const { id } = await createStarted({
      args: ["/bin/dd", "if=/dev/zero", "of=/dev/null", "bs=128M", "count=1"],
      resources: { memoryLimit: 32 << 20, memorySwap: 32 << 20 },
    });
    const exit = await driver.wait(id, 20_000);
    expect(exit.exitCode).toBe(137);
    expect(exit.oomKilled).toBe(true);
  });
});

suite("copy-on-write rootfs through the driver", () => {
  it("a container's writes and deletes leave the layers unchanged; a second container sees the originals", async () => {
    const top = await filesLayer(join(tmp, "layers/cow-top"), { "etc/motd": "original\n" });
    const before = [await treeChecksum(busybox), await treeChecksum(top)];
    const a = newId();
    await driver.create({
      spec: { id: a, args: ["/bin/sh", "-c", "echo changed > /etc/motd; rm -f /bin/ls; mkdir /new"] },
      layers: [top, busybox],
    });
    await driver.start(a);
    expect((await driver.wait(a, 10_000)).exitCode).toBe(0);
    expect([await treeChecksum(busybox), await treeChecksum(top)]).toEqual(before);
    const b = newId();
    const logPath = join(tmp, "logs", `${b}.log`);
    await driver.create({
      spec: {
        id: b,
        args: ["/bin/sh", "-c", "cat /etc/motd; test -e /bin/ls && echo has-ls; test -e /new || echo no-new"],
      },
      layers: [top, busybox],
      logPath,
    });
    await driver.start(b);
    await driver.wait(b, 10_000);
    expect((await readLog(logPath)).map((r) => r.text)).toEqual(["original", "has-ls", "no-new"]);
  });

  it("delete takes the folder away at once and deletes the writable layer in the background; recovery sweeps what a restart cut short", async () => {
    const id = newId();
    await driver.create({
      spec: {
        id,
        args: ["/bin/sh", "-c", "mkdir /junk && for i in $(seq 300); do echo $i > /junk/f$i; done"],
      },
      layers: [busybox],
    });
    await driver.start(id);
    expect((await driver.wait(id, 10_000)).exitCode).toBe(0);
    const trash = join(tmp, "state", "trash");
    await driver.delete(id, { force: true });
    // Gone from its place when delete answers, however big its writable layer.
    await expectNothingLeft(id);
    await driver.settled();
    expect(await readdir(trash)).toEqual([]);
    // A folder a kill -9 left half-deleted in trash/ goes at the next recovery, nothing else does.
    const left = join(trash, `${id}-cut`);
    await mkdir(join(left, "upper", "junk"), { recursive: true });
    await writeFile(join(left, "upper", "junk", "f1"), "1\n");
    await newDriver().sweepDiscarded();
    expect(await readdir(trash)).toEqual([]);
  });
});

suite("container logs written by the monitor", () => {
  it("stdout and stderr interleave with the right tags; a 100 KiB line becomes P…F parts", async () => {
    const { id, logPath } = await createStarted({
      args: [
        "/bin/sh",
        "-c",
        "echo out1; usleep 50000; echo err1 >&2; usleep 50000; echo out2; usleep 50000; echo err2 >&2; usleep 50000; " +
          "head -c 102400 /dev/zero | tr '\\0' a; echo; printf tail",
      ],
    });
    await driver.wait(id, 10_000);
    const recs = await readLog(logPath);
    expect(recs.slice(0, 4).map((r) => `${r.stream}:${r.tag}:${r.text}`)).toEqual([
      "stdout:F:out1",
      "stderr:F:err1",
      "stdout:F:out2",
      "stderr:F:err2",
    ]);
    const long = recs.slice(4, -1);
    expect(long.length).toBeGreaterThan(1);
    expect(long.slice(0, -1).every((r) => r.tag === "P")).toBe(true);
    expect(long.at(-1)?.tag).toBe("F");
    expect(long.map((r) => r.text).join("")).toBe("a".repeat(102400));
    expect(recs.at(-1)).toMatchObject({ stream: "stdout", tag: "F", text: "tail" });
    for (const r of recs) expect(r.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+(Z|[+-]\d\d:\d\d)$/);
  });

  it("reopen after rename keeps writing to the new file", async () => {
    const { id, logPath } = await createStarted({
      args: ["/bin/sh", "-c", "i=0; while :; do echo line$i; i=$((i+1)); usleep 50000; done"],
    });
    await eventually(
      async () => ((await readLog(logPath)).length >= 3 ? true : undefined),
      5000,
      "first lines",
    );
    await rename(logPath, `${logPath}.1`);
    await driver.reopenLog(id);
    const fresh = await eventually(
      async () => {
        const r = await readLog(logPath);
        return r.length >= 3 ? r : undefined;
      },
      5000,
      "lines in the reopened log",
    );
    const old = await readLog(`${logPath}.1`);
    const lastOld = Number(old.at(-1)?.text.replace("line", ""));
    const firstNew = Number(fresh[0]?.text.replace("line", ""));
    expect(firstNew).toBeGreaterThan(lastOld);
    expect(firstNew - lastOld).toBeLessThanOrEqual(1);
  });
});

suite("monitor independence and recovery", () => {
  it("the monitor survives kill -9 of the process that started it; a new driver reads the exit later", async () => {
    if (!existsSync(DIST_DRIVER)) throw new Error(`${DIST_DRIVER} missing: run \`make build\` first`);
    const id = newId();
    const script = `
      const { RuntimeDriver } = await import(${JSON.stringify(DIST_DRIVER)});
      const { pino } = await import("pino");
      const d = new RuntimeDriver({ stateRoot: ${JSON.stringify(join(tmp, "state"))},
        helperBinary: ${JSON.stringify(HELPER)}, cgroupParent: ${JSON.stringify(cgroupParent)},
        log: pino({ level: "silent" }) });
      await d.create({ spec: { id: ${JSON.stringify(id)}, args: ["/bin/sh", "-c", "sleep 2; exit 7"] },
        layers: [${JSON.stringify(busybox)}] });
      await d.start(${JSON.stringify(id)});
      process.stdout.write("started\\n");
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      cwd: resolve("."),
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((res, rej) => {
      child.stdout.on("data", (b: Buffer) => b.toString().includes("started") && res());
      child.once("exit", (code) => rej(new Error(`starter exited with ${code}`)));
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const fresh = newDriver();
    const st = await fresh.state(id);
    expect(st.status).toBe("running");
    expect(await pidStartTime(st.pid)).toBeDefined();
    const recovered = await fresh.recover();
    expect(recovered.find((s) => s.id === id)?.status).toBe("running");
    const exit = await fresh.wait(id, 10_000);
    expect(exit.exitCode).toBe(7);
    expect((await newDriver().state(id)).status).toBe("stopped");
  });

  it("recovery removes a half-created container and keeps a kept writable layer", async () => {
    const half = newId();
    const { mountRootfs } = await import("../../src/runtime/rootfs.js");
    // A create that died after mounting, before the monitor ran: no record.json.
    await mountRootfs(driver.paths(half).dir, [busybox]);
    const kept = newId();
    await driver.create({
      spec: { id: kept, args: ["/bin/sh", "-c", "echo x > /written"] },
      layers: [busybox],
    });
    await driver.start(kept);
    await driver.wait(kept, 10_000);
    await driver.delete(kept, { keepWritableLayer: true });
    expect(await readFile(join(driver.paths(kept).dir, "upper/written"), "utf8")).toBe("x\n");
    const states = await newDriver().recover();
    expect(states.map((s) => s.id)).not.toContain(half);
    expect(states.map((s) => s.id)).not.toContain(kept);
    await expectNothingLeft(half);
    expect(existsSync(join(driver.paths(kept).dir, "upper/written"))).toBe(true);
    expect(await driver.list()).not.toContain(kept);
    await driver.removeWritableLayer(kept);
    await expectNothingLeft(kept);
  });

  it("a recorded pid reused by another process is not mistaken for the container", async () => {
    const { id } = await createStarted({ args: ["/bin/sleep", "1000"] });
    const dir = driver.paths(id).dir;
    const rec = JSON.parse(await readFile(join(dir, "record.json"), "utf8"));
    // Pretend the container's pid is ours: same pid, different start time. A new driver (a
    // restarted berthd) reads the record from disk; the running one keeps its own copy.
    const { writeJsonAtomic } = await import("../../src/fsutil.js");
    await writeJsonAtomic(join(dir, "record.json"), { ...rec, pid: process.pid, pidStartTime: "1" });
    const fresh = newDriver();
    await fresh.kill(id, "SIGKILL");
    expect((await fresh.state(id)).status).not.toBe("running");
    // Neither this process nor the container was signalled.
    expect(await isSameProcessAlive(rec.pid, rec.pidStartTime)).toBe(true);
    await writeJsonAtomic(join(dir, "record.json"), rec);
  });
});

suite("bad specs fail clearly and leave nothing", () => {
  it("an unknown namespace type or an escaping mount is refused before anything is made", async () => {
    const id = newId();
    await expect(
      driver.create({
        spec: { id, args: ["/bin/true"], namespaces: [{ type: "time" as "pid" }] },
        layers: [busybox],
      }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    await expectNothingLeft(id);
    await expect(
      driver.create({
        spec: { id, args: ["/bin/true"], mounts: [{ destination: "/../../../etc/x", source: "/tmp" }] },
        layers: [busybox],
      }),
    ).rejects.toThrow(/escapes the container root/);
    await expectNothingLeft(id);
  });

  it("a missing layer directory or a missing command fails with the cause and leaves nothing", async () => {
    const id = newId();
    await expect(
      driver.create({ spec: { id, args: ["/bin/true"] }, layers: [join(tmp, "no-such-layer")] }),
    ).rejects.toThrow(/no-such-layer|mount/);
    await expectNothingLeft(id);
    let err: unknown;
    try {
      await driver.create({ spec: { id, args: ["/no/such/command"] }, layers: [busybox] });
      await driver.start(id);
    } catch (e) {
      err = e;
    }
    expect(String(err)).toMatch(/no\/such\/command|No such file/);
    await driver.delete(id, { force: true });
    await expectNothingLeft(id);
  });

  it("a mount of a missing host path fails in the runtime and leaves nothing", async () => {
    const id = newId();
    await expect(
      driver.create({
        spec: {
          id,
          args: ["/bin/true"],
          mounts: [{ destination: "/data", source: join(tmp, "missing-src") }],
        },
        layers: [busybox],
      }),
    ).rejects.toThrow(/missing-src/);
    await expectNothingLeft(id);
  });
});

suite("a state root deeper than a unix socket path allows", () => {
  it("runs, answers state, reopens its log and attaches: the control socket is reached through its folder", async () => {
    const stateRoot = join(tmp, "a-state-root-folder-whose-name-is-long-enough", "to-push-the-socket", "rt");
    const deep = new RuntimeDriver({
      stateRoot,
      helperBinary: HELPER,
      cgroupParent,
      log: pino({ level: "silent" }),
    });
    const id = `d${process.pid}-deep-${"x".repeat(40)}`;
    const logPath = join(tmp, "logs", `${id}.log`);
    try {
      await deep.create({
        spec: { id, args: ["/bin/sh", "-c", "while :; do echo tick; usleep 100000; done"] },
        layers: [busybox],
        logPath,
      });
      // The premise: the socket path does not fit in sun_path (107 bytes).
      expect(Buffer.byteLength(join(stateRoot, "c", id, "ctl"))).toBeGreaterThan(107);
      await deep.start(id);
      expect((await deep.state(id)).status).toBe("running");
      await deep.reopenLog(id);
      const a = await deep.attach(id);
      const line = await new Promise<string>((r) => a.stdout.once("data", (b: Buffer) => r(b.toString())));
      expect(line).toContain("tick");
      a.detach();
    } finally {
      await deep.delete(id, { force: true });
    }
  });
});
