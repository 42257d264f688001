// A layer unpack that fails for a local reason says so: files vanishing under the unpack (as when
// another process collected the store's temporary folder) are INTERNAL, not a corrupt layer; a
// layer whose digest does not match stays the caller-facing INVALID_ARGUMENT; a layer whose files
// cannot be flushed to disk is not committed.
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { BerthError } from "../../src/errors.js";
import { ContentStore } from "../../src/image/content-store.js";
import { applyLayer } from "../../src/image/layer-apply.js";
import { SnapshotStore } from "../../src/image/snapshots.js";
import { type BuiltLayer, buildLayer } from "../helpers/images.js";
import { sleep } from "../helpers/wait.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function stores() {
  const root = await mkdtemp(join(tmpdir(), "berth-local-fault-"));
  dirs.push(root);
  const content = new ContentStore(root, false);
  const snapshots = new SnapshotStore(root);
  await content.init();
  await snapshots.init();
  return { root, content, snapshots };
}

/** Streams `layer` as a registry body in two halves, running `between` after the first. */
function body(layer: BuiltLayer, between: () => Promise<void>): IncomingMessage {
  const s = new PassThrough();
  const half = Math.floor(layer.blob.length / 2);
  void (async () => {
    s.write(layer.blob.subarray(0, half));
    await sleep(200);
    await between();
    s.end(layer.blob.subarray(half));
  })();
  return s as unknown as IncomingMessage;
}

async function apply(
  layer: BuiltLayer,
  between: () => Promise<void>,
  st: Awaited<ReturnType<typeof stores>>,
) {
  return applyLayer(
    {
      desc: { mediaType: layer.mediaType, digest: layer.digest, size: layer.size },
      diffId: layer.diffId,
      chainId: layer.diffId,
      lowerDirs: async () => [],
      image: "test/local-fault:v1",
    },
    {
      kind: "remote",
      stallTimeout: 10_000,
      open: async () => ({
        status: 200,
        headers: {},
        body: body(layer, between),
        url: new URL("http://127.0.0.1:5000/v2/x/blobs/y"),
      }),
    },
    st.content,
    st.snapshots,
    () => {},
  );
}

function manyFiles(n: number) {
  return Array.from({ length: n }, (_, i) => ({ path: `opt/l1/text${i}.txt`, content: `${i}`.repeat(4000) }));
}

describe("layer unpack errors", () => {
  it("files vanishing under the unpack are INTERNAL and say local files vanished", async () => {
    const st = await stores();
    const layer = await buildLayer(manyFiles(400), "none");
    const tmp = join(st.root, "snapshots", "tmp");
    const err = await apply(
      layer,
      async () => {
        for (const d of await readdir(tmp)) await rm(join(tmp, d), { recursive: true, force: true });
      },
      st,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).code).toBe("INTERNAL");
    expect((err as Error).message).toMatch(
      /local files vanished while unpacking into .*snapshots\/tmp\/new-/,
    );
    expect((err as Error).message).not.toMatch(/corrupt/);
    expect(st.snapshots.has(layer.diffId)).toBe(false);
  });

  it("a layer whose content does not match its digest stays INVALID_ARGUMENT", async () => {
    const st = await stores();
    const layer = await buildLayer(manyFiles(10), "none");
    const other = await buildLayer(manyFiles(11), "none");
    const err = await apply({ ...layer, blob: other.blob.subarray(0, layer.size) }, async () => {}, st).catch(
      (e: unknown) => e,
    );
    expect((err as BerthError).code).toBe("INVALID_ARGUMENT");
  });

  /** Puts a `sync` first on PATH that logs its arguments, then runs `body` (shell). */
  async function withFakeSync<T>(body: string, fn: (log: string) => Promise<T>): Promise<T> {
    const bin = await mkdtemp(join(tmpdir(), "berth-fake-sync-"));
    dirs.push(bin);
    const log = join(bin, "log");
    await writeFile(join(bin, "sync"), `#!/bin/sh\necho "$@" >> ${log}\n${body}\n`);
    await chmod(join(bin, "sync"), 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    try {
      return await fn(log);
    } finally {
      process.env.PATH = path;
    }
  }

  it("flushes the layer's files to disk once (syncfs) before the layer becomes visible", async () => {
    const st = await stores();
    const layer = await buildLayer(manyFiles(50), "none");
    // Fails if the snapshot's metadata (what makes it visible) is written before the flush.
    const meta = await withFakeSync(
      '[ ! -e "$2/meta.json" ] && [ -d "$2/fs/opt/l1" ] && exec /bin/sync "$@"',
      async (log) => {
        const m = await apply(layer, async () => {}, st);
        const calls = (await readFile(log, "utf8")).trim().split("\n");
        expect(calls).toHaveLength(1);
        expect(calls[0]).toMatch(/^-f .*\/snapshots\/tmp\/new-[0-9a-f]+$/);
        return m;
      },
    );
    expect(st.snapshots.has(meta.chainId)).toBe(true);
  });

  it("a layer that cannot be flushed to disk is INTERNAL and leaves nothing behind", async () => {
    const st = await stores();
    const layer = await buildLayer(manyFiles(50), "none");
    const err = await withFakeSync('echo "sync: error syncing: Input/output error" >&2; exit 1', () =>
      apply(layer, async () => {}, st).catch((e: unknown) => e),
    );
    expect((err as BerthError).code).toBe("INTERNAL");
    expect((err as Error).message).toMatch(/cannot flush the unpacked layer .*Input\/output error/);
    expect(st.snapshots.has(layer.diffId)).toBe(false);
    expect(await readdir(join(st.root, "snapshots", "tmp"))).toEqual([]);
    expect(await readdir(join(st.root, "snapshots", "sha256"))).toEqual([]);
  });

  it("the same layer unpacks when nothing interferes", async () => {
    const st = await stores();
    const layer = await buildLayer(manyFiles(50), "none");
    const meta = await apply(layer, async () => {}, st);
    expect(meta.chainId).toBe(layer.diffId);
  });
});
