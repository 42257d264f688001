// ImageManager against the real local registry (hack/registry.sh): pulls, lookups, layer sharing,
// special tar entries stacked with overlayfs, corrupt content, faults, remove + GC.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { register } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { ImageManager } from "../../src/image/index.js";
import {
  buildImage,
  buildLayer,
  busyboxEntries,
  ensureBusyboxImage,
  hostArch,
  PLAIN_REGISTRY,
  pushImage,
  pushIndex,
  registryUp,
  sha256,
} from "../helpers/images.js";
import { RegistryProxy } from "../helpers/registry-proxy.js";

const up = await registryUp();
if (!up) console.warn("image-pull tests skipped: no registry on 127.0.0.1:5000 (run hack/registry.sh start)");
const REGISTRY_DATA = up ? registryDataDir() : "";
const unique = `${process.pid}-${Date.now().toString(36)}`;

let root: string;
const managers: ImageManager[] = [];

async function manager(opts: Partial<Parameters<typeof ImageManager.open>[0]> = {}): Promise<ImageManager> {
  const dir = mkdtempSync(join(root, "store-"));
  const m = await ImageManager.open({
    root: dir,
    registry: { ...defaultConfig().registry, retries: 2 },
    log: silentLog(),
    ...opts,
  });
  managers.push(m);
  return m;
}

function silentLog() {
  return pino({ level: "silent" });
}

/**
 * The storage folder of the registry that serves 127.0.0.1:5000, read from its process's config:
 * hack/registry.sh or ../shared/tools/install.sh may have started it, each with its own folder.
 */
function registryDataDir(): string {
  const ss = execFileSync("ss", ["-Hltnp", "sport = :5000"], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(ss)?.[1];
  const config =
    pid &&
    readFileSync(`/proc/${pid}/cmdline`, "utf8")
      .split("\0")
      .find((a) => /\.ya?ml$/.test(a));
  const dir = config && /rootdirectory:\s*([^,}\s]+)/.exec(readFileSync(config, "utf8"))?.[1];
  if (!dir)
    throw new Error(`cannot tell where the registry on 127.0.0.1:5000 keeps its blobs (ss: ${ss.trim()})`);
  return dir;
}

function registryBlobPath(digest: string): string {
  const hex = digest.slice("sha256:".length);
  return join(REGISTRY_DATA, "docker/registry/v2/blobs/sha256", hex.slice(0, 2), hex, "data");
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "berth-image-pull-"));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(!up)("image pull", () => {
  it("pulls by tag: ID is the config digest, layers unpacked, record persisted", async () => {
    const { ref, digest } = await ensureBusyboxImage();
    const m = await manager();
    const img = await m.pull(ref);
    expect(img.id).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(img.repoTags).toEqual([`${ref}`]);
    expect(img.repoDigests).toEqual([`${PLAIN_REGISTRY}/berth-test/busybox@${digest}`]);
    expect(img.config.cmd).toEqual(["sh"]);
    const [dir] = m.layerDirs(img);
    expect(dir).toBeDefined();
    const bb = statSync(join(dir as string, "bin/busybox"));
    expect(bb.mode & 0o777).toBe(0o755);
    expect(bb.size).toBe(statSync("/bin/busybox").size);
    expect(readlinkSync(join(dir as string, "bin/sh"))).toBe("busybox");
    expect(statSync(join(dir as string, "tmp")).mode & 0o7777).toBe(0o1777);
    expect(statSync(join(dir as string, "home/berth")).uid).toBe(1000);
    expect(statSync(join(dir as string, "etc/passwd")).mtimeMs).toBe(1_700_000_000_000);
    // lookups
    expect(m.get(ref)?.id).toBe(img.id);
    expect(m.get(`${PLAIN_REGISTRY}/berth-test/busybox`)?.id).toBe(img.id);
    expect(m.get(`${PLAIN_REGISTRY}/berth-test/busybox@${digest}`)?.id).toBe(img.id);
    expect(m.get(img.id)?.id).toBe(img.id);
    expect(m.get(img.id.slice(7, 19))?.id).toBe(img.id);
    expect(m.get("docker.io/library/nothere:latest")).toBeUndefined();
    expect(() => m.get("Bad//Ref")).toThrow(/invalid image reference "Bad\/\/Ref"/);
    expect(m.list().map((i) => i.id)).toEqual([img.id]);
    expect(m.list({ ref })).toHaveLength(1);
    // a fresh manager on the same root sees it
    const again = await ImageManager.open({
      root: (m as unknown as { opts: { root: string } }).opts.root,
      registry: defaultConfig().registry,
      log: silentLog(),
    });
    expect(again.get(ref)?.id).toBe(img.id);
    const info = await m.fsInfo();
    expect(info.usedBytes).toBeGreaterThan(statSync("/bin/busybox").size);
    expect(info.inodesUsed).toBeGreaterThan(50);
  });

  it("pulls by digest and with no tag (latest)", async () => {
    const { digest } = await ensureBusyboxImage();
    const m = await manager();
    const byDigest = await m.pull(`${PLAIN_REGISTRY}/berth-test/busybox@${digest}`);
    expect(byDigest.repoTags).toEqual([]);
    expect(byDigest.repoDigests).toEqual([`${PLAIN_REGISTRY}/berth-test/busybox@${digest}`]);
    const noTag = await m.pull(`${PLAIN_REGISTRY}/berth-test/busybox`);
    expect(noTag.id).toBe(byDigest.id);
    expect(m.get(noTag.id)?.repoTags).toEqual([`${PLAIN_REGISTRY}/berth-test/busybox:latest`]);
  });

  it("rejects a malformed reference naming it, and a missing tag as not found", async () => {
    const m = await manager();
    await expect(m.pull("UPPER/case")).rejects.toThrow(/invalid image reference "UPPER\/case"/);
    await expect(m.pull(`${PLAIN_REGISTRY}/berth-test/busybox:no-such-tag`)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("stacks whiteouts, opaque dirs, hard links, symlinks, fifos and xattrs correctly with overlayfs", async () => {
    const base = await buildLayer([
      { path: "a", type: "directory" },
      { path: "a/keep", content: "keep" },
      { path: "a/gone", content: "gone" },
      { path: "opq", type: "directory" },
      { path: "opq/old", content: "old" },
      { path: "data", content: "shared-data", mode: 0o640, uid: 1000, gid: 1000 },
    ]);
    const top = await buildLayer(
      [
        { path: "a/.wh.gone", content: "" },
        { path: "opq/.wh..wh..opq", content: "" },
        { path: "opq/new", content: "new" },
        { path: "file", content: "content", pax: { "SCHILY.xattr.user.note": "hello" } },
        { path: "hard", type: "link", linkname: "file" },
        { path: "datalink", type: "link", linkname: "data" },
        { path: "sym", type: "symlink", linkname: "/file" },
        { path: "fifo", type: "fifo", mode: 0o600 },
        { path: "null", type: "character-device", devmajor: 1, devminor: 3, mode: 0o666 },
        { path: "suid", content: "x", mode: 0o4755 },
      ],
      "zstd",
    );
    const { ref } = await pushImage(buildImage([base, top]), { repo: `berth-test/special-${unique}` });
    const m = await manager();
    const img = await m.pull(ref);
    const dirs = m.layerDirs(img);
    expect(dirs).toHaveLength(2);
    const topDir = dirs[0] as string;
    const wh = lstatSync(join(topDir, "a/gone"));
    expect(wh.isCharacterDevice() && wh.rdev === 0).toBe(true);
    expect(
      execFileSync("getfattr", [
        "--only-values",
        "-n",
        "trusted.overlay.opaque",
        join(topDir, "opq"),
      ]).toString(),
    ).toBe("y");
    expect(
      execFileSync("getfattr", ["--only-values", "-n", "user.note", join(topDir, "file")]).toString(),
    ).toBe("hello");
    expect(statSync(join(topDir, "hard")).ino).toBe(statSync(join(topDir, "file")).ino);
    expect(readFileSync(join(topDir, "datalink"), "utf8")).toBe("shared-data"); // copied up from below
    expect(statSync(join(topDir, "datalink")).uid).toBe(1000);
    expect(lstatSync(join(topDir, "fifo")).isFIFO()).toBe(true);
    expect(lstatSync(join(topDir, "null")).rdev).toBe(statSync("/dev/null").rdev);
    expect(statSync(join(topDir, "suid")).mode & 0o7777).toBe(0o4755);

    const mnt = join(root, `mnt-${unique}`);
    const upper = join(root, `upper-${unique}`);
    const work = join(root, `work-${unique}`);
    await Promise.all([mnt, upper, work].map((d) => mkdir(d, { recursive: true })));
    execFileSync("mount", [
      "-t",
      "overlay",
      "overlay",
      "-o",
      `lowerdir=${dirs.join(":")},upperdir=${upper},workdir=${work}`,
      mnt,
    ]);
    try {
      expect(readdirSync(join(mnt, "a"))).toEqual(["keep"]);
      expect(readdirSync(join(mnt, "opq"))).toEqual(["new"]);
      expect(readlinkSync(join(mnt, "sym"))).toBe("/file");
      expect(readFileSync(join(mnt, "data"), "utf8")).toBe("shared-data");
    } finally {
      execFileSync("umount", [mnt]);
    }
  });

  it("refuses tar entries that escape the snapshot and leaves nothing behind", async () => {
    const m = await manager();
    const store = (m as unknown as { opts: { root: string } }).opts.root;
    for (const [name, entries] of [
      ["dotdot", [{ path: "../evil", content: "x" }]],
      [
        "through-symlink",
        [
          { path: "link", type: "symlink" as const, linkname: "/tmp" },
          { path: "link/evil", content: "x" },
        ],
      ],
    ] as const) {
      const layer = await buildLayer([...entries]);
      const { ref } = await pushImage(buildImage([layer]), { repo: `berth-test/escape-${name}-${unique}` });
      await expect(m.pull(ref)).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
      expect(readdirSync(join(store, "snapshots/tmp"))).toEqual([]);
      expect(readdirSync(join(store, "snapshots/sha256"))).toEqual([]);
      expect(readdirSync(join(store, "ingest"))).toEqual([]);
      expect(existsSync("/tmp/evil")).toBe(false);
      expect(m.list()).toEqual([]);
    }
  });

  it("shares a base layer between two images: fetched once, stored once, kept by GC while used", async () => {
    const proxy = await new RegistryProxy().start();
    try {
      const baseLayer = await buildLayer([...busyboxEntries(), { path: "etc/base-marker", content: unique }]);
      const a = await buildLayer([{ path: "app-a", content: "a" }]);
      const b = await buildLayer([{ path: "app-b", content: "b" }], "none");
      const imgA = buildImage([baseLayer, a]);
      const imgB = buildImage([baseLayer, b]);
      await pushImage(imgA, { repo: `berth-test/shared-a-${unique}` });
      await pushImage(imgB, { repo: `berth-test/shared-b-${unique}` });
      const m = await manager();
      const [ra, rb] = await Promise.all([
        m.pull(`${proxy.address}/berth-test/shared-a-${unique}`),
        m.pull(`${proxy.address}/berth-test/shared-b-${unique}`),
      ]);
      expect(proxy.blobGets(baseLayer.digest)).toBe(1);
      expect(ra?.chainIds[0]).toBe(rb?.chainIds[0]);
      const store = (m as unknown as { opts: { root: string } }).opts.root;
      expect(readdirSync(join(store, "snapshots/sha256"))).toHaveLength(3);
      // pulling again fetches nothing
      await m.pull(`${proxy.address}/berth-test/shared-a-${unique}`);
      expect(proxy.blobGets(baseLayer.digest)).toBe(1);
      expect(proxy.blobGets(a.digest)).toBe(1);

      await m.remove(`${proxy.address}/berth-test/shared-a-${unique}`);
      expect(m.get(ra?.id as string)).toBeUndefined();
      expect(existsSync(m.snapshots.fsDir(rb?.chainIds[0] as string))).toBe(true);
      expect(existsSync(m.snapshots.fsDir(ra?.chainIds[1] as string))).toBe(false);
      expect(existsSync(m.content.path(a.digest))).toBe(false);
      expect(existsSync(m.content.path(baseLayer.digest))).toBe(true);
      m.layerDirs(rb as never);
      // removing an absent image succeeds
      await m.remove(`${proxy.address}/berth-test/shared-a-${unique}`);
      // a hold keeps a removed image's snapshots until released
      await m.hold("ctr-1", rb as never);
      await m.hold("ctr-2", rb as never);
      await m.remove(rb?.id as string);
      expect(existsSync(m.snapshots.fsDir(rb?.chainIds[1] as string))).toBe(true);
      const reopened = await ImageManager.open({
        root: store,
        registry: defaultConfig().registry,
        log: silentLog(),
      });
      expect(existsSync(reopened.snapshots.fsDir(rb?.chainIds[1] as string))).toBe(true);
      await reopened.release("ctr-1");
      expect(existsSync(reopened.snapshots.fsDir(rb?.chainIds[1] as string))).toBe(true);
      // ctr-2 is gone without its release (a crash): the next start drops its hold and collects.
      await reopened.retainHolders(new Set(["ctr-3"]));
      expect(readdirSync(join(store, "snapshots/sha256"))).toEqual([]);
      expect(readdirSync(join(store, "blobs/sha256"))).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });

  it("retries a registry 500 and a dropped connection, then succeeds", async () => {
    const proxy = await new RegistryProxy().start();
    try {
      const layer = await buildLayer([{ path: "retry", content: unique.repeat(1000) }]);
      await pushImage(buildImage([layer]), { repo: `berth-test/retry-${unique}` });
      proxy.inject({ match: /\/manifests\//, times: 1, action: 500 });
      proxy.inject({ match: new RegExp(`/blobs/${layer.digest}`), times: 1, action: 503 });
      proxy.inject({ match: new RegExp(`/blobs/${layer.digest}`), times: 1, action: "drop" });
      const m = await manager();
      const img = await m.pull(`${proxy.address}/berth-test/retry-${unique}`);
      expect(readFileSync(join(m.layerDirs(img)[0] as string, "retry"), "utf8")).toBe(unique.repeat(1000));
      expect(proxy.blobGets(layer.digest)).toBe(3);
    } finally {
      await proxy.stop();
    }
  });

  it("rejects a blob with the wrong digest and a truncated blob, leaving nothing behind", async () => {
    for (const damage of ["corrupt", "truncate"] as const) {
      const layer = await buildLayer([{ path: "f", content: `${damage}-${unique}`.repeat(5000) }], "none");
      const { ref } = await pushImage(buildImage([layer]), { repo: `berth-test/${damage}-${unique}` });
      const path = registryBlobPath(layer.digest);
      if (damage === "corrupt") {
        const data = readFileSync(path);
        data[600] = (data[600] as number) ^ 0xff;
        writeFileSync(path, data);
      } else truncateSync(path, 2048);
      const m = await manager();
      const err = await m.pull(ref).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "INVALID_ARGUMENT" });
      expect(String((err as Error).message)).toMatch(
        damage === "corrupt" ? /digest mismatch/ : /truncated|bytes/,
      );
      const store = (m as unknown as { opts: { root: string } }).opts.root;
      expect(readdirSync(join(store, "ingest"))).toEqual([]);
      expect(readdirSync(join(store, "snapshots/tmp"))).toEqual([]);
      expect(readdirSync(join(store, "snapshots/sha256"))).toEqual([]);
      expect(existsSync(m.content.path(layer.digest))).toBe(false);
    }
  });

  it("selects the host platform from a multi-arch index", async () => {
    const mine = buildImage([await buildLayer([{ path: "arch", content: hostArch() }])]);
    const other = buildImage([await buildLayer([{ path: "arch", content: "s390x" }])], {
      architecture: "s390x",
    });
    const { ref, digest } = await pushIndex(
      [
        { image: other, platform: { os: "linux", architecture: "s390x" } },
        { image: mine, platform: { os: "linux", architecture: hostArch() } },
      ],
      { repo: `berth-test/multi-${unique}` },
    );
    const m = await manager();
    const img = await m.pull(ref);
    expect(img.id).toBe(mine.configDigest);
    expect(img.manifestDigest).toBe(mine.manifestDigest);
    expect(img.repoDigests).toEqual([`${ref.split(":latest")[0]}@${digest}`]);
    expect(readFileSync(join(m.layerDirs(img)[0] as string, "arch"), "utf8")).toBe(hostArch());
    const arm = await manager({ platform: { os: "linux", architecture: "riscv64" } });
    await expect(arm.pull(ref)).rejects.toThrow(/no manifest for linux\/riscv64/);
  });

  it("pulls Docker schema2 images with gzip layers", async () => {
    const layer = await buildLayer([{ path: "docker", content: "schema2" }], "gzip", "docker");
    const image = buildImage([layer], { format: "docker" });
    const { ref } = await pushImage(image, { repo: `berth-test/docker-${unique}` });
    const m = await manager();
    const img = await m.pull(ref);
    expect(img.id).toBe(sha256(image.config));
    expect(readFileSync(join(m.layerDirs(img)[0] as string, "docker"), "utf8")).toBe("schema2");
  });

  it("fails a pull that stalls with DEADLINE_EXCEEDED instead of hanging, leaving nothing behind", async () => {
    const proxy = await new RegistryProxy().start();
    try {
      const layer = await buildLayer([{ path: "slow", content: unique.repeat(5000) }], "none");
      await pushImage(buildImage([layer]), { repo: `berth-test/stall-${unique}` });
      proxy.inject({ match: new RegExp(`/blobs/${layer.digest}`), times: 1, action: "stall" });
      const m = await manager({ registry: { ...defaultConfig().registry, retries: 0, stallTimeout: 500 } });
      const t0 = Date.now();
      await expect(m.pull(`${proxy.address}/berth-test/stall-${unique}`)).rejects.toMatchObject({
        code: "DEADLINE_EXCEEDED",
        message: expect.stringMatching(/stalled/),
      });
      expect(Date.now() - t0).toBeLessThan(10_000);
      const store = (m as unknown as { opts: { root: string } }).opts.root;
      expect(readdirSync(join(store, "ingest"))).toEqual([]);
      expect(readdirSync(join(store, "snapshots/tmp"))).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });

  it("concurrent pulls of one image fetch each blob once and both succeed; metrics count it", async () => {
    const proxy = await new RegistryProxy().start();
    try {
      const layer = await buildLayer([{ path: "same", content: unique.repeat(2000) }]);
      await pushImage(buildImage([layer]), { repo: `berth-test/concurrent-${unique}` });
      // prom-client hands out its live value objects: read numbers right away.
      const successes = async () =>
        (await register.getSingleMetric("berth_image_pulls_total")?.get())?.values.find(
          (x) => x.labels.result === "success",
        )?.value ?? 0;
      const before = await successes();
      const fetchedBefore =
        (await register.getSingleMetric("berth_image_bytes_fetched_total")?.get())?.values[0]?.value ?? 0;
      const m = await manager();
      const ref = `${proxy.address}/berth-test/concurrent-${unique}`;
      const [a, b] = await Promise.all([m.pull(ref), m.pull(ref)]);
      expect(a.id).toBe(b.id);
      expect(proxy.blobGets(layer.digest)).toBe(1);
      expect((await successes()) - before).toBe(2);
      const fetched =
        (await register.getSingleMetric("berth_image_bytes_fetched_total")?.get())?.values[0]?.value ?? 0;
      expect(fetched - fetchedBefore).toBe(layer.size);
      expect(await register.getSingleMetric("berth_image_bytes_deduplicated_total")?.get()).toBeDefined();
      const storeBytes =
        (await register.getSingleMetric("berth_image_store_bytes")?.get())?.values[0]?.value ?? 0;
      await m.fsInfo();
      expect(
        (await register.getSingleMetric("berth_image_store_bytes")?.get())?.values[0]?.value,
      ).toBeGreaterThan(0);
      expect(storeBytes).toBeGreaterThanOrEqual(0);
    } finally {
      await proxy.stop();
    }
  });

  it("removes crash leftovers (partial blobs, half-unpacked and unreferenced snapshots) on open", async () => {
    const { ref } = await ensureBusyboxImage();
    const m = await manager();
    const img = await m.pull(ref);
    const store = (m as unknown as { opts: { root: string } }).opts.root;
    writeFileSync(join(store, "ingest", "partial"), "x");
    await mkdir(join(store, "snapshots/tmp/new-half/fs/bin"), { recursive: true });
    await mkdir(join(store, "snapshots/sha256", "f".repeat(64), "fs"), { recursive: true }); // no meta.json
    const reopened = await ImageManager.open({
      root: store,
      registry: defaultConfig().registry,
      log: silentLog(),
    });
    expect(readdirSync(join(store, "ingest"))).toEqual([]);
    expect(readdirSync(join(store, "snapshots/tmp"))).toEqual([]);
    expect(readdirSync(join(store, "snapshots/sha256"))).toEqual(img.chainIds.map((c) => c.slice(7)));
    expect(reopened.layerDirs(img)).toHaveLength(1);
  });
});
