// The per-container monitor: CRI logs, exit file, control socket (reopen, attach, state, start, kill), survival
// of its spawner, relayed create failures, and working on after it trimmed its memory.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename } from "node:fs/promises";
import { connect, type Socket } from "node:net";
import { join } from "node:path";
import { expect, it } from "vitest";
import {
  BERTH,
  cgroupDirs,
  monitorArgs,
  nativeSuite,
  RUNC,
  readCriLog,
  readExitFile,
  run,
  sleep,
  startMonitor,
  uniqueId,
  waitFor,
} from "./native-fixtures.js";

const { suite, sb } = nativeSuite("native monitor tests");

function isMountPoint(path: string): boolean {
  return run("mountpoint", ["-q", path]).code === 0;
}

/** Send one control command and collect the reply until the monitor closes or `until` matches. */
function control(path: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(path);
    let data = "";
    s.on("connect", () => s.write(`${command}\n`));
    s.on("data", (d) => {
      data += d.toString();
    });
    s.on("end", () => resolve(data));
    s.on("error", reject);
  });
}

interface Frame {
  type: number;
  payload: Buffer;
}

/** An attached client: collects frames the monitor sends. */
async function attach(path: string): Promise<{ sock: Socket; frames: Frame[]; closed: Promise<void> }> {
  const sock = connect(path);
  const frames: Frame[] = [];
  let buf = Buffer.alloc(0);
  let gotOk = false;
  const closed = new Promise<void>((res) => sock.on("close", () => res()));
  await new Promise<void>((res, rej) => {
    sock.on("connect", () => sock.write("attach\n"));
    sock.on("error", rej);
    sock.on("data", (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (!gotOk) {
        if (buf.length < 3) return;
        expect(buf.subarray(0, 3).toString()).toBe("ok\n");
        buf = buf.subarray(3);
        gotOk = true;
        res();
      }
      while (buf.length >= 5 && buf.length >= 5 + buf.readUInt32BE(1)) {
        const len = buf.readUInt32BE(1);
        frames.push({ type: buf[0] ?? 0, payload: buf.subarray(5, 5 + len) });
        buf = buf.subarray(5 + len);
      }
    });
  });
  return { sock, frames, closed };
}

function frame(type: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head[0] = type;
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

async function bundleFor(id: string, args: string[], extra: object = {}) {
  return sb.bundle(id, { args, cgroupsPath: `${sb.cgroupParent}/${id}`, ...extra });
}

suite("berth-runtime monitor", () => {
  it("logs stdout and stderr with their tags, splits a 100 KiB line into P parts ending in F, records the exit", async () => {
    const id = uniqueId("mon");
    const bundle = await bundleFor(id, [
      "sh",
      "-c",
      "echo out1; sleep 0.1; echo err1 >&2; sleep 0.1; head -c 102400 /dev/zero | tr '\\0' a; echo; printf tail; exit 3",
    ]);
    // A mount of its own, as berthd's overlay is: the monitor unmounts it at the exit.
    const rootfs = join(bundle, "rootfs");
    expect(run("mount", ["--bind", rootfs, rootfs]).code).toBe(0);
    try {
      await exitsAndDeletes(id, bundle, rootfs);
    } finally {
      if (isMountPoint(rootfs)) run("umount", ["-l", rootfs]);
    }
  });

  async function exitsAndDeletes(id: string, bundle: string, rootfs: string) {
    const m = await startMonitor(sb, id, bundle, BERTH, ["--rootfs", rootfs]);
    expect(m.res.stderr).toBe("");
    expect(m.res.code).toBe(0);
    const monitorPid = Number(await readFile(`${m.paths.control}.pid`, "utf8"));
    expect(existsSync(`/proc/${monitorPid}`)).toBe(true);
    expect(cgroupDirs(`${sb.cgroupParent}/${id}`).length).toBeGreaterThan(0);
    expect(isMountPoint(rootfs)).toBe(true);
    expect(sb.berth(["start", id]).code).toBe(0);
    const exit = await waitFor(() => readExitFile(m.paths.exitFile));
    expect(exit).toMatchObject({ exitCode: 3, signal: 0, oomKilled: false });
    expect(exit.pid).toBe(Number(await readFile(m.paths.pidFile, "utf8")));
    expect(String(exit.finishedAt)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    const log = await readCriLog(m.paths.logPath);
    expect(log[0]).toMatchObject({ stream: "stdout", tag: "F", text: "out1" });
    expect(log[1]).toMatchObject({ stream: "stderr", tag: "F", text: "err1" });
    const long = log.slice(2, -1);
    expect(long.map((r) => r.tag).join("")).toBe("PPPPPPF");
    expect(long.slice(0, -1).every((r) => r.text.length === 16384)).toBe(true);
    expect(long.map((r) => r.text).join("")).toBe("a".repeat(102400));
    expect(log.at(-1)).toMatchObject({ stream: "stdout", tag: "F", text: "tail" });
    // The monitor leaves: control socket and its pid file removed. Before it recorded the exit,
    // the runtime deleted the container (state and cgroup) and the rootfs was unmounted.
    await waitFor(() => (existsSync(`/proc/${monitorPid}/status`) ? undefined : true));
    expect(existsSync(m.paths.control)).toBe(false);
    expect(existsSync(`${m.paths.control}.pid`)).toBe(false);
    expect(sb.status(id)).toBeUndefined();
    expect(cgroupDirs(`${sb.cgroupParent}/${id}`)).toEqual([]);
    expect(isMountPoint(rootfs)).toBe(false);
  }

  for (const runtime of ["berth-runtime", "runc"] as const) {
    it(`the container's program starts with no blocked or ignored signal under ${runtime} (not the monitor's)`, async () => {
      const id = uniqueId("mon");
      const bundle = await bundleFor(id, ["grep", "-E", "^Sig(Blk|Ign):", "/proc/self/status"]);
      const m = await startMonitor(sb, id, bundle, runtime === "runc" ? RUNC : BERTH);
      expect(m.res.code).toBe(0);
      const start = runtime === "runc" ? sb.runc(["start", id]) : sb.berth(["start", id]);
      expect(start.code).toBe(0);
      expect(await waitFor(() => readExitFile(m.paths.exitFile))).toMatchObject({ exitCode: 0 });
      expect((await readCriLog(m.paths.logPath)).map((r) => r.text)).toEqual([
        "SigBlk:\t0000000000000000",
        "SigIgn:\t0000000000000000",
      ]);
    });
  }

  for (const runtime of ["berth-runtime", "runc"] as const) {
    it(`start and kill are carried out through the control socket under ${runtime}, with errors answered`, async () => {
      const id = uniqueId("mon");
      const bundle = await bundleFor(id, ["sh", "-c", "echo started; exec sleep 300"]);
      const m = await startMonitor(sb, id, bundle, runtime === "runc" ? RUNC : BERTH);
      expect(m.res.code).toBe(0);
      const pid = Number(await readFile(m.paths.pidFile, "utf8"));
      expect(await control(m.paths.control, "kill NOSUCHSIG")).toBe("error unknown signal\n");
      expect(await control(m.paths.control, "kill TERM some")).toMatch(/^error usage/);
      expect(await control(m.paths.control, "start")).toBe("ok\n");
      // start answers once the program runs: its output is there right after.
      await waitFor(async () => ((await readCriLog(m.paths.logPath)).length > 0 ? true : undefined));
      expect(JSON.parse(await control(m.paths.control, "state"))).toEqual({ pid, status: "running" });
      // A second start is the runtime's error, relayed on one line.
      expect(await control(m.paths.control, "start")).toMatch(/^error .*\S\n$/);
      // PID 1 of a namespace ignores SIGTERM without a handler: the kill reaches it, nothing happens.
      expect(await control(m.paths.control, "kill TERM")).toBe("ok\n");
      await sleep(100);
      expect(existsSync(m.paths.exitFile)).toBe(false);
      expect(await control(m.paths.control, "kill KILL all")).toBe("ok\n");
      const exit = await waitFor(() => readExitFile(m.paths.exitFile));
      expect(exit).toMatchObject({ pid, exitCode: 137, signal: 9 });
    });
  }

  it("reopen after rename keeps writing to the new file", async () => {
    const id = uniqueId("mon");
    const bundle = await bundleFor(id, [
      "sh",
      "-c",
      "i=0; while true; do echo line$i; i=$((i+1)); sleep 0.02; done",
    ]);
    const m = await startMonitor(sb, id, bundle);
    expect(m.res.code).toBe(0);
    const pid = Number(await readFile(m.paths.pidFile, "utf8"));
    expect(JSON.parse(await control(m.paths.control, "state"))).toEqual({ pid, status: "created" });
    expect(sb.berth(["start", id]).code).toBe(0);
    await waitFor(async () => ((await readCriLog(m.paths.logPath)).length > 5 ? true : undefined));
    await rename(m.paths.logPath, `${m.paths.logPath}.1`);
    expect(await control(m.paths.control, "reopen")).toBe("ok\n");
    await waitFor(async () => ((await readCriLog(m.paths.logPath)).length > 5 ? true : undefined));
    const old = (await readCriLog(`${m.paths.logPath}.1`)).map((r) => Number(r.text.slice(4)));
    const fresh = (await readCriLog(m.paths.logPath)).map((r) => Number(r.text.slice(4)));
    expect(Math.max(...old)).toBeLessThan(Math.min(...fresh));
    expect(old.concat(fresh)).toEqual(old.concat(fresh).map((_, i) => i)); // nothing lost or repeated
    expect(JSON.parse(await control(m.paths.control, "state"))).toEqual({ pid, status: "running" });
  });

  it("attach streams output frames, forwards stdin, and ends with the exit frame", async () => {
    const id = uniqueId("mon");
    const bundle = await bundleFor(id, ["sh", "-c", "while read l; do echo got:$l; done; echo bye >&2"]);
    const m = await startMonitor(sb, id, bundle, BERTH, ["--stdin"]);
    expect(m.res.code).toBe(0);
    const a = await attach(m.paths.control);
    expect(sb.berth(["start", id]).code).toBe(0);
    a.sock.write(frame(0, Buffer.from("hello\n")));
    await waitFor(() =>
      a.frames.some((f) => f.type === 1 && f.payload.toString() === "got:hello\n") ? true : undefined,
    );
    a.sock.write(frame(4, Buffer.alloc(0)));
    await a.closed;
    expect(a.frames.find((f) => f.type === 2)?.payload.toString()).toBe("bye\n");
    const last = a.frames.at(-1);
    expect(last?.type).toBe(3);
    expect(JSON.parse(last?.payload.toString() ?? "{}")).toMatchObject({ exitCode: 0 });
  });

  it("with --tty the container gets a pty from the console socket and all output is stdout", async () => {
    const id = uniqueId("mon");
    const bundle = await bundleFor(id, ["sh", "-c", "tty; echo to-stderr >&2"], {
      process: { terminal: true },
    });
    const m = await startMonitor(sb, id, bundle, BERTH, ["--tty"]);
    expect(m.res.stderr).toBe("");
    expect(m.res.code).toBe(0);
    expect(sb.berth(["start", id]).code).toBe(0);
    await waitFor(() => readExitFile(m.paths.exitFile));
    const log = await readCriLog(m.paths.logPath);
    expect(log.map((r) => r.text.replace(/\r$/, ""))).toEqual(["/dev/pts/0", "to-stderr"]);
    expect(log.every((r) => r.stream === "stdout")).toBe(true);
  });

  it("survives kill -9 of the process that spawned it and records the exit later", async () => {
    const id = uniqueId("mon");
    const bundle = await bundleFor(id, ["sleep", "300"]);
    const m = monitorArgs(sb, id, bundle);
    await mkdir(m.dir, { recursive: true });
    const q = (s: string) => `'${s}'`;
    const spawner = spawn("sh", ["-c", `${[BERTH, ...m.args].map(q).join(" ")} && exec sleep 300`], {
      stdio: "ignore",
    });
    sb.track(id);
    const monitorPid = await waitFor(async () => {
      const t = await readFile(`${m.paths.control}.pid`, "utf8").catch(() => "");
      return t ? Number(t) : undefined;
    });
    spawner.kill("SIGKILL");
    await new Promise((r) => spawner.on("exit", r));
    expect(sb.berth(["start", id]).code).toBe(0);
    await sleep(200);
    expect(existsSync(`/proc/${monitorPid}/status`)).toBe(true);
    expect(sb.status(id)).toBe("running");
    // PID 1 of a namespace ignores SIGTERM without a handler: KILL it.
    expect(sb.berth(["kill", id, "KILL"]).code).toBe(0);
    const exit = await waitFor(() => readExitFile(m.paths.exitFile));
    expect(exit).toMatchObject({ exitCode: 137, signal: 9, oomKilled: false });
  });

  it("a failed create is relayed on stderr with a non-zero exit and leaves nothing behind", async () => {
    const id = uniqueId("mon");
    const bundle = await bundleFor(id, ["true"], { rootPath: "missing-rootfs" });
    const m = await startMonitor(sb, id, bundle);
    expect(m.res.code).not.toBe(0);
    expect(m.res.stderr).toMatch(/rootfs ".*missing-rootfs" \(root\.path\) is not a directory/);
    await sleep(100);
    expect(existsSync(m.paths.control)).toBe(false);
    expect(existsSync(`${m.paths.control}.pid`)).toBe(false);
    expect(existsSync(join(sb.root, id))).toBe(false);
  });

  it("keeps logging, answering and recording the exit after it dropped its idle memory", async () => {
    // Quiet for longer than the monitor's idle spell (2 s), so it trims its pages between the lines.
    const id = uniqueId("mon");
    const bundle = await bundleFor(id, ["sh", "-c", "echo before; sleep 2.6; echo after; exit 7"]);
    const m = await startMonitor(sb, id, bundle);
    expect(m.res.code).toBe(0);
    expect(sb.berth(["start", id]).code).toBe(0);
    await sleep(2300);
    expect(await control(m.paths.control, "state")).toMatch(/"status":"running"/);
    const exit = await waitFor(() => readExitFile(m.paths.exitFile));
    expect(exit).toMatchObject({ exitCode: 7 });
    expect((await readCriLog(m.paths.logPath)).map((r) => `${r.stream} ${r.tag} ${r.text}`)).toEqual([
      "stdout F before",
      "stdout F after",
    ]);
  });
});
