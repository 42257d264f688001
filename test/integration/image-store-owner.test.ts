// One owner of the store at a time, with real processes: `berth image …` CLIs and berthd on one root.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtemp, open, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Berthd, CLI, removeTree, startBerthd } from "../helpers/berthd.js";
import { eventually } from "../helpers/wait.js";

interface Run {
  proc: ChildProcess;
  out: () => string;
  err: () => string;
  done: Promise<number | null>;
}

/** Spawns `berth image …` with a configuration file pointing at `dir`'s root/state/socket. */
function cli(dir: string, ...argv: string[]): Run {
  const proc = spawn(process.execPath, [CLI, "image", ...argv], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, BERTH_CONFIG: join(dir, "config.yaml") },
  });
  let out = "";
  let err = "";
  proc.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  proc.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const done = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  return { proc, out: () => out, err: () => err, done };
}

async function workdir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "berth-owner-"));
  await writeFile(
    join(dir, "config.yaml"),
    `root: ${join(dir, "lib")}\nstate: ${join(dir, "run")}\nsocket: ${join(dir, "run", "berth.sock")}\nlogLevel: error\n`,
  );
  return dir;
}

/** A CLI held in the middle of its work: `import` of a FIFO blocks until the FIFO is written. */
async function blockedImport(dir: string): Promise<{ run: Run; unblock: () => Promise<void> }> {
  const fifo = join(dir, `held-${Math.random().toString(16).slice(2)}.tar`);
  spawnSync("mkfifo", [fifo]);
  const run = cli(dir, "import", fifo);
  await eventually(
    async () => (/berth image import/.test(await readLock(dir)) ? true : undefined),
    10_000,
    "the CLI to take the lock",
  );
  return {
    run,
    unblock: async () => {
      const w = await open(fifo, "w");
      await w.close();
    },
  };
}

async function readLock(dir: string): Promise<string> {
  return readFile(join(dir, "lib", "berth.lock"), "utf8").catch(() => "");
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

describe("one owner of the store", () => {
  it("berthd refuses to start while a CLI holds the store, naming the CLI, and starts once it is done", async () => {
    const dir = await workdir();
    cleanups.push(() => removeTree(dir));
    const held = await blockedImport(dir);
    cleanups.push(async () => {
      held.run.proc.kill("SIGKILL");
    });
    const refused = await startBerthd({ dir }).then(
      async (d) => {
        cleanups.push(() => d.cleanup());
        return "started";
      },
      (err: Error) => err.message,
    );
    expect(refused).toMatch(
      new RegExp(`is in use by berth image import \\(pid ${held.run.proc.pid}, since .*berth\\.lock`),
    );
    await held.unblock();
    expect(await held.run.done).toBe(1); // an empty archive is not an image
    const d: Berthd = await startBerthd({ dir });
    cleanups.push(() => d.cleanup());
    expect(await d.stop()).toBe(0);
  });

  it("a CLI killed with SIGKILL leaves no lock behind", async () => {
    const dir = await workdir();
    cleanups.push(() => removeTree(dir));
    const held = await blockedImport(dir);
    held.run.proc.kill("SIGKILL");
    await held.run.done;
    const d = await startBerthd({ dir });
    cleanups.push(() => d.cleanup());
    expect(await d.stop()).toBe(0);
  });

  it("a second berthd on the same root refuses, naming the first", async () => {
    const dir = await workdir();
    cleanups.push(() => removeTree(dir));
    const first = await startBerthd({ dir });
    cleanups.push(() => first.cleanup());
    const msg = await startBerthd({ dir, extraArgs: ["--socket", join(dir, "run", "other.sock")] }).then(
      (d) => {
        cleanups.push(() => d.cleanup());
        return "started";
      },
      (err: Error) => err.message,
    );
    expect(msg).toMatch(new RegExp(`already owned by another berthd \\(pid ${first.proc.pid}`));
  });

  it("two CLIs at once: the second waits for the first, then runs", async () => {
    const dir = await workdir();
    cleanups.push(() => removeTree(dir));
    const held = await blockedImport(dir);
    cleanups.push(async () => {
      held.run.proc.kill("SIGKILL");
    });
    const ls = cli(dir, "ls", "--quiet");
    await eventually(async () => (/waiting for berth image import/.test(ls.err()) ? true : undefined));
    expect(ls.proc.exitCode).toBeNull();
    await held.unblock();
    expect(await ls.done).toBe(0);
    expect(ls.out()).toBe("");
  });
});
