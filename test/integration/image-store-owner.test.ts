// One owner of the store at a time, with real processes: `berth image …` CLIs and berthd on one root.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, open, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { status as grpcStatus } from "@grpc/grpc-js";
import { afterEach, describe, expect, it } from "vitest";
import { type Berthd, CLI, removeTree, startBerthd } from "../helpers/berthd.js";
import { criEnv } from "../helpers/cri-env.js";
import {
  buildImage,
  buildLayer,
  busyboxEntries,
  type EntrySpec,
  ensureBusyboxImage,
  pushImage,
  registryUp,
} from "../helpers/images.js";
import { eventually } from "../helpers/wait.js";

/** Writes an OCI image layout of busybox plus `extra` as a second layer, named `name`. */
async function ociLayout(dir: string, name: string, extra: EntrySpec[]): Promise<string> {
  const image = buildImage([await buildLayer(busyboxEntries()), await buildLayer(extra)]);
  await mkdir(join(dir, "blobs/sha256"), { recursive: true });
  await writeFile(join(dir, "oci-layout"), JSON.stringify({ imageLayoutVersion: "1.0.0" }));
  const put = (digest: string, data: Buffer) => writeFile(join(dir, "blobs/sha256", digest.slice(7)), data);
  for (const l of image.layers) await put(l.digest, l.blob);
  await put(image.configDigest, image.config);
  await put(image.manifestDigest, image.manifest);
  const index = {
    schemaVersion: 2,
    manifests: [
      {
        mediaType: image.manifestMediaType,
        digest: image.manifestDigest,
        size: image.manifest.length,
        annotations: { "io.containerd.image.name": name },
      },
    ],
  };
  await writeFile(join(dir, "index.json"), JSON.stringify(index));
  return image.configDigest;
}

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

describe.skipIf(!(await registryUp()))("berth image while berthd runs", () => {
  it("pull, ls, inspect, rm go over CRI and import, prune over the admin socket; the CLI never opens the store", async () => {
    const dir = await workdir();
    cleanups.push(() => removeTree(dir));
    const d = await startBerthd({ dir });
    cleanups.push(() => d.cleanup());
    const { ref } = await ensureBusyboxImage({ repo: "berth-test/store-owner", tag: "v1" });
    const run = async (...argv: string[]) => {
      const r = cli(dir, ...argv);
      const code = await r.done;
      return { code, out: r.out(), err: r.err() };
    };
    const pull = await run("pull", ref);
    expect(pull.err).toBe("");
    expect(pull.out).toMatch(new RegExp(`pulling .* through berthd \\(pid ${d.proc.pid}`));
    expect(pull.out).toMatch(/pulled .*: sha256:[0-9a-f]{64}/);
    expect(pull.code).toBe(0);
    const id = /pulled .*: (sha256:[0-9a-f]{64})/.exec(pull.out)?.[1];
    expect((await run("ls", "--quiet")).out.trim()).toBe(id);
    expect((await run("ls")).out).toMatch(/127\.0\.0\.1:5000\/berth-test\/store-owner\s+v1\s+[0-9a-f]{12}/);
    const doc = JSON.parse((await run("inspect", ref)).out) as {
      id: string;
      layerDirs: string[];
      chainIds: string[];
    };
    expect(doc.id).toBe(id);
    expect(doc.layerDirs).toHaveLength(1);
    expect(doc.chainIds).toHaveLength(1);
    // berthd saw every call (its log), the CLI did not take the lock.
    expect(await readLock(dir)).toMatch(/"what":"berthd"/);

    const layout = join(dir, "layout");
    await ociLayout(layout, "registry.example/owner/imported:v1", [
      { path: "etc/owner", content: "imported" },
    ]);
    const imp = await run("import", layout);
    expect(imp.code).toBe(0);
    expect(imp.out).toMatch(/^[0-9a-f]{12}: (unpacking|exists)$/m);
    expect(imp.out).toMatch(/imported sha256:[0-9a-f]{64} registry\.example\/owner\/imported:v1/);
    expect(d.logs.some((l) => l.msg === "image import requested over the admin socket")).toBe(true);
    expect((await stat(join(d.state, "admin", "admin.sock"))).mode & 0o777).toBe(0o600);
    expect((await stat(join(d.state, "admin"))).mode & 0o777).toBe(0o700);

    const rm = await run("rm", "registry.example/owner/imported:v1");
    expect(rm.out).toMatch(/removed sha256:[0-9a-f]{64} \(registry\.example\/owner\/imported:v1\)/);
    const prune = await run("prune", "--all");
    expect(prune.code).toBe(0);
    expect(prune.out).toContain(`removed ${id}`);
    expect(prune.out).toMatch(/pruned 1 images, \d+ blobs, \d+ snapshots/);
    expect((await run("ls", "--quiet")).out).toBe("");
    const bad = await run("pull", "Not/Valid");
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/invalid image reference.*\(INVALID_ARGUMENT\)/);
    const missing = await run("import", join(dir, "nothing-here"));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/import: cannot read .*nothing-here.*\(INVALID_ARGUMENT\)/);
  });
});

describe.skipIf(!(await registryUp()))("the CLI beside CRI work on berthd", () => {
  it("prune --all, import and rm in a loop from the CLI while CRI pulls, creates and removes lose nothing", async () => {
    const env = await criEnv({ repo: "berth-test/store-owner-stress" });
    cleanups.push(() => env.cleanup());
    const dir = env.d.dir;
    await writeFile(
      join(dir, "config.yaml"),
      `root: ${env.d.root}\nstate: ${env.d.state}\nsocket: ${env.d.socket}\nlogLevel: error\n`,
    );
    const base = await buildLayer(busyboxEntries());
    const refs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const top = await buildLayer([
        { path: "data/blob", content: randomBytes(4 << 20) },
        { path: "data/marker", content: `img-${i}` },
      ]);
      const repo = `berth-test/store-owner-stress-${i}`;
      await pushImage(buildImage([base, top]), { repo, tag: "v1" });
      refs.push(`127.0.0.1:5000/${repo}:v1`);
    }
    const imported = "registry.example/stress/imported:v1";
    const layout = join(dir, "layout");
    await ociLayout(layout, imported, [{ path: "data/marker", content: "imported" }]);

    let stop = false;
    const cliFails: string[] = [];
    let cliRounds = 0;
    const cliLoop = (async () => {
      while (!stop) {
        for (const argv of [
          ["prune", "--all"],
          ["import", layout],
          ["rm", imported],
        ]) {
          const r = cli(dir, ...argv);
          const code = await r.done;
          if (code !== 0) cliFails.push(`${argv.join(" ")}: ${code} ${r.err()}`);
        }
        cliRounds++;
      }
    })();
    const pod = await env.runPod("stress");
    const criFails: string[] = [];
    let started = 0;
    // At least 4 rounds, and on until the CLI has gone round twice beside them.
    for (let round = 0; round < 4 || (cliRounds < 2 && round < 40); round++) {
      await Promise.all(
        refs.map(async (ref, i) => {
          try {
            await env.client.image("PullImage", { image: { image: ref } });
            let id: string;
            try {
              id = await env.createContainer(pod, `c${i}-${round}`, ["sleep", "1000"], {
                image: { image: ref },
              });
            } catch (err) {
              // A prune between the pull and the create removed the record: the only allowed failure.
              if ((err as { code?: number }).code === grpcStatus.NOT_FOUND) return;
              throw err;
            }
            await env.client.runtime("StartContainer", { containerId: id });
            expect((await env.exec(id, ["cat", "/data/marker"])).out).toBe(`img-${i}`);
            started++;
            await env.client.runtime("StopContainer", { containerId: id, timeout: 0 });
            await env.client.runtime("RemoveContainer", { containerId: id });
            if (round % 2) await env.client.image("RemoveImage", { image: { image: ref } });
          } catch (err) {
            criFails.push(`${ref} round ${round}: ${(err as Error).message}`);
          }
        }),
      );
    }
    stop = true;
    await cliLoop;
    console.info(`store-owner stress: ${cliRounds} CLI rounds, ${started} containers started`);
    expect(criFails).toEqual([]);
    expect(cliFails).toEqual([]);
    expect(cliRounds).toBeGreaterThan(1);
    expect(started).toBeGreaterThan(0);

    // Every image pulled again is complete and starts a container.
    for (const [i, ref] of refs.entries()) {
      await env.client.image("PullImage", { image: { image: ref } });
      const id = await env.runContainer(pod, `after-${i}`, ["sleep", "1000"], { image: { image: ref } });
      expect((await env.exec(id, ["cat", "/data/marker"])).out).toBe(`img-${i}`);
      await env.client.runtime("StopContainer", { containerId: id, timeout: 0 });
      await env.client.runtime("RemoveContainer", { containerId: id });
    }
    // Every stored image is complete: its snapshots are there and its blobs match their digests;
    // nothing that no image references is left.
    const blobs = new Set<string>();
    const chains = new Set<string>();
    for (const img of (await env.client.image("ListImages", {})).images ?? []) {
      const st = await env.client.image("ImageStatus", { image: { image: img.id ?? "" }, verbose: true });
      const info = JSON.parse(st.info?.info ?? "{}") as {
        blobs: string[];
        chainIds: string[];
        layerDirs?: string[];
      };
      expect(info.layerDirs).toHaveLength(info.chainIds.length);
      for (const b of info.blobs) blobs.add(b);
      for (const c of info.chainIds) chains.add(c);
    }
    const blobDir = join(env.d.root, "image", "blobs", "sha256");
    const stored = await readdir(blobDir);
    for (const hex of stored)
      expect(
        createHash("sha256")
          .update(await readFile(join(blobDir, hex)))
          .digest("hex"),
      ).toBe(hex);
    expect(stored.map((h) => `sha256:${h}`).sort()).toEqual([...blobs].sort());
    const snaps = await readdir(join(env.d.root, "image", "snapshots", "sha256"));
    expect(snaps.map((h) => `sha256:${h}`).sort()).toEqual([...chains].sort());
  }, 300_000);
});

describe("berthd killed during a CLI import", () => {
  it("the CLI says berthd went away; the restarted berthd has no half-made image and no leftovers", async () => {
    const dir = await workdir();
    cleanups.push(() => removeTree(dir));
    const d = await startBerthd({ dir });
    cleanups.push(() => d.cleanup());
    const layout = join(dir, "layout");
    await ociLayout(layout, "registry.example/killed/imported:v1", [{ path: "etc/k", content: "k" }]);
    const tar = spawnSync("tar", ["-C", layout, "-cf", "-", "."], { maxBuffer: 1 << 28 }).stdout;
    const fifo = join(dir, "import.tar");
    spawnSync("mkfifo", [fifo]);
    const run = cli(dir, "import", fifo);
    const w = await open(fifo, "w");
    await w.write(tar.subarray(0, Math.floor(tar.length / 2)));
    await eventually(async () =>
      d.logs.some((l) => l.msg === "image import requested over the admin socket") ? true : undefined,
    );
    d.proc.kill("SIGKILL");
    await d.stop();
    await w.close().catch(() => undefined);
    expect(await run.done).toBe(1);
    expect(run.err()).toMatch(
      /berthd's admin socket .* closed the answer before it was done|does not answer/,
    );
    const again = await startBerthd({ dir });
    cleanups.push(() => again.cleanup());
    const ls = cli(dir, "ls", "--quiet");
    expect(await ls.done).toBe(0);
    expect(ls.out()).toBe("");
    expect(await readdir(join(dir, "lib", "image", "ingest"))).toEqual([]);
    expect(await readdir(join(dir, "lib", "image", "snapshots", "sha256"))).toEqual([]);
  });
});
