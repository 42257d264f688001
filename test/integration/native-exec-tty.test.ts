// `berth-runtime exec --tty` in the foreground (no --console-socket): the process gets a pty of the
// container's devpts as its controlling terminal, berth-runtime relays its own stdio and window size;
// and the same through RuntimeDriver.exec, whose resize() changes the size the process sees.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Cgroups } from "../../src/runtime/cgroups.js";
import { RuntimeDriver } from "../../src/runtime/driver.js";
import { BERTH, isRoot, nativeSuite, uniqueId } from "./native-fixtures.js";
import { busyboxLayer, eventually } from "./runtime-fixtures.js";

const { suite, sb } = nativeSuite("native exec --tty tests");

interface Ran {
  code: number | null;
  out: string;
  err: string;
}

/** Spawn and collect; `input` is written then stdin is closed, `holdStdin` keeps it open until exit. */
function runAsync(cmd: string, args: string[], opts: { input?: string; holdStdin?: boolean } = {}) {
  return new Promise<Ran>((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
    });
    child.stderr.on("data", (b: Buffer) => {
      err += b.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
    if (opts.input !== undefined) child.stdin.write(opts.input);
    if (!opts.holdStdin) child.stdin.end();
  });
}

const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

async function runningContainer(): Promise<string> {
  const id = uniqueId("tty");
  const bundle = await sb.bundle(id, { args: ["sleep", "600"], cgroupsPath: `${sb.cgroupParent}/${id}` });
  expect(sb.createWithOutput(id, bundle).res.code).toBe(0);
  expect(sb.berth(["start", id]).code).toBe(0);
  return id;
}

suite("berth-runtime exec --tty in the foreground", () => {
  it("gives the process a /dev/pts terminal with the size of the caller's terminal and its exit code", async () => {
    const id = await runningContainer();
    const exec = [BERTH, "--root", sb.root, "exec", "--tty", id, "sh", "-c", "tty; stty size; exit 3"];
    // script(1) gives berth-runtime a terminal of a known size as its stdin and stdout.
    const r = await runAsync(
      "script",
      ["-qfec", `stty rows 24 cols 80; ${exec.map(shQuote).join(" ")}`, "/dev/null"],
      { holdStdin: true },
    );
    expect(r.code).toBe(3);
    expect(r.out.replace(/\r/g, "")).toMatch(/^\/dev\/pts\/\d+\n24 80\n$/);
  });

  it("with piped stdio relays input, ends input at EOF and reports a kill as 128+signal", async () => {
    const id = await runningContainer();
    // `cat` ends only if the EOF of the pipe reached it through the pty.
    const r = sb.berth(["exec", "--tty", id, "sh", "-c", "tty; cat; echo cat-done; exit 5"], "one\ntwo");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(5);
    // The pty echoes the input as soon as it arrives, so it may come before the output of `tty`.
    expect(r.stdout.replace(/\r/g, "")).toMatch(/\/dev\/pts\/\d+/);
    expect(r.stdout.replace(/\r/g, "")).toContain("cat-done\n");
    expect(r.stdout).toContain("two");
    const killed = sb.berth(["exec", "-t", id, "sh", "-c", "kill -9 $$"], "");
    expect(killed.code).toBe(137);
  });

  it("process.json with terminal: true works the same; --detach without a console socket is refused", async () => {
    const id = await runningContainer();
    const processJson = join(sb.tmp, `${id}.process.json`);
    await writeFile(
      processJson,
      JSON.stringify({
        terminal: true,
        args: ["sh", "-c", "[ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo all-tty"],
        env: ["PATH=/bin"],
        cwd: "/",
        user: { uid: 0, gid: 0 },
      }),
    );
    const r = sb.berth(["exec", "--process", processJson, id], "");
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\r/g, "")).toBe("all-tty\n");
    const detached = sb.berth(["exec", "--tty", "--detach", id, "true"]);
    expect(detached.code).toBe(1);
    expect(detached.stderr).toMatch(/--console-socket/);
  });
});

suite("RuntimeDriver.exec with a terminal", () => {
  let tmp = "";
  let driver: RuntimeDriver;
  const cgroupParent = `/berth-tty-${process.pid}`;
  const cgroups = new Cgroups();
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "berth-tty-"));
    driver = new RuntimeDriver({
      stateRoot: join(tmp, "state"),
      helperBinary: BERTH,
      cgroupParent,
      log: pino({ level: "silent" }),
    });
  });
  afterAll(async () => {
    if (!isRoot) return;
    for (const id of await driver.list()) await driver.delete(id, { force: true });
    await cgroups.remove(cgroupParent);
    await rm(tmp, { recursive: true, force: true });
  });

  it("resize(40, 120) is the size stty reports inside the container", async () => {
    const layer = await busyboxLayer(join(tmp, "layers/busybox"));
    const id = uniqueId("dtty");
    await driver.create({ spec: { id, args: ["/bin/sleep", "600"] }, layers: [layer] });
    await driver.start(id);
    const ex = await driver.exec(id, {
      args: ["/bin/sh", "-c", "read go; tty; stty size"],
      tty: true,
      stdin: true,
    });
    let out = "";
    ex.stdout.on("data", (b: Buffer) => {
      out += b.toString();
    });
    // The process waits for a line, so the resize lands before it asks for the size.
    await eventually(
      async () => (ex.stdin && (await ex.pid()) !== undefined ? true : undefined),
      10_000,
      "exec pid",
    );
    await ex.resize(40, 120);
    ex.stdin?.write("go\n");
    expect(await ex.wait()).toBe(0);
    expect(out.replace(/\r/g, "")).toMatch(/^go\n\/dev\/pts\/\d+\n40 120\n$/);
  });
});
