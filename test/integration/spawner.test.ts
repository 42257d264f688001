// berthd's command runner through the `berth-runtime spawner` helper (src/spawner.ts): what a
// command gets (argv, stdin, environment, folder) and gives back (status, signal, output), its
// failures to start, timeouts that end its whole process group, many at once, and a helper that dies.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../../src/spawner.js";
import { HELPER_BINARY } from "../../src/version.js";

/** Our children running `berth-runtime spawner`. */
function spawnerPids(): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const ppid = Number(readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1]?.split(" ")[1]);
        return ppid === process.pid && readFileSync(`/proc/${d}/cmdline`, "utf8").endsWith("\0spawner\0");
      } catch {
        return false;
      }
    })
    .map(Number);
}

const alive = (pid: number) => existsSync(`/proc/${pid}/stat`);

describe.skipIf(!existsSync(HELPER_BINARY))("spawner", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "berth-spawner-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("passes argv, stdin, environment and folder, and returns status and both outputs", async () => {
    const r = await runCommand(
      ["sh", "-c", 'cat; echo "$A $#" "$1"; pwd; echo oops >&2; exit 7', "x", "a b"],
      {
        input: "from stdin\n",
        env: { A: "set", PATH: "/usr/bin:/bin" },
        cwd: dir,
        timeoutMs: 10_000,
      },
    );
    expect(r).toEqual({
      code: 7,
      signal: null,
      stdout: `from stdin\nset 1 a b\n${dir}\n`,
      stderr: "oops\n",
      timedOut: false,
    });
    expect(spawnerPids()).toHaveLength(1);
    // Without input stdin is empty; without env the command gets ours.
    process.env.BERTH_SPAWNER_TEST = "ours";
    const plain = await runCommand(["sh", "-c", "cat; echo $BERTH_SPAWNER_TEST"], { timeoutMs: 10_000 });
    expect(plain.stdout).toBe("ours\n");
    delete process.env.BERTH_SPAWNER_TEST;
  });

  it("reports a signal, and a command that cannot start as child_process does (errno code)", async () => {
    const killed = await runCommand(["sh", "-c", "kill -USR1 $$"], { timeoutMs: 10_000 });
    expect(killed).toMatchObject({ code: 128 + 10, signal: "SIGUSR1" });
    const missing = await runCommand(["/nonexistent/prog"], { timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: "ENOENT" });
    const notInPath = await runCommand(["berth-no-such-program"], { timeoutMs: 10_000 }).catch(
      (e: unknown) => e,
    );
    expect(notInPath).toMatchObject({ code: "ENOENT" });
    const badDir = await runCommand(["true"], { cwd: join(dir, "absent"), timeoutMs: 10_000 }).catch(
      (e: unknown) => e,
    );
    expect(badDir).toMatchObject({ code: "ENOENT" });
  });

  it("runs berth-runtime's own short commands in the helper's fork, with their errors", async () => {
    const r = await runCommand([HELPER_BINARY, "--root", dir, "state", "no-such-container"], {
      timeoutMs: 10_000,
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/no-such-container/);
  });

  it("a timeout kills the command's whole process group", async () => {
    const pidFile = join(dir, "bg.pid");
    const t0 = Date.now();
    const r = await runCommand(["sh", "-c", `sleep 60 & echo $! > ${pidFile}; wait`], { timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(Date.now() - t0).toBeLessThan(5_000);
    const bg = Number(await readFile(pidFile, "utf8"));
    for (let i = 0; i < 100 && alive(bg); i++) await new Promise((res) => setTimeout(res, 20));
    expect(alive(bg)).toBe(false);
  });

  it("keeps 40 commands at once apart", async () => {
    const all = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        runCommand(["sh", "-c", `sleep 0.0$((${i} % 7)); cat; echo ${i} >&2`], {
          input: `in-${i}`,
          timeoutMs: 20_000,
        }),
      ),
    );
    expect(all.map((r) => `${r.stdout}/${r.stderr.trim()}`)).toEqual(
      Array.from({ length: 40 }, (_, i) => `in-${i}/${i}`),
    );
  });

  it("a helper that dies fails the commands it had, and the next command starts a new one", async () => {
    const [first] = spawnerPids();
    expect(first).toBeGreaterThan(0);
    const pidFile = join(dir, "orphan.pid");
    const pending = runCommand(["sh", "-c", `echo $$ > ${pidFile}; exec sleep 30`], { timeoutMs: 60_000 });
    const orphan = await (async () => {
      for (;;) {
        const t = await readFile(pidFile, "utf8").catch(() => "");
        if (t.trim()) return Number(t);
        await new Promise((res) => setTimeout(res, 10));
      }
    })();
    process.kill(first ?? 0, "SIGKILL");
    await expect(pending).rejects.toThrow(/spawner helper ended/);
    // The command itself is not the helper's to end.
    expect(alive(orphan)).toBe(true);
    process.kill(orphan, "SIGKILL");
    const r = await runCommand(["echo", "again"], { timeoutMs: 10_000 });
    expect(r.stdout).toBe("again\n");
    const now = spawnerPids();
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(first);
  });
});
