import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ByteReader } from "../../src/image/tar-reader.js";
import { cleanTarPath, unpackTar } from "../../src/image/unpack.js";
import { type EntrySpec, makeTar } from "../helpers/images.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "berth-unpack-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function unpack(entries: EntrySpec[], chunk = 7000) {
  const tar = await makeTar(entries);
  // Odd chunk sizes make headers straddle chunk boundaries.
  const chunks: Buffer[] = [];
  for (let i = 0; i < tar.length; i += chunk) chunks.push(tar.subarray(i, i + chunk));
  const it = (async function* () {
    yield* chunks;
  })();
  return unpackTar(new ByteReader(it), dir, { what: "test layer" });
}

describe("layer unpack", () => {
  it("handles long (pax) names, implicit parents, repeated paths and empty files across odd chunk sizes", async () => {
    const long = `${"d".repeat(120)}/${"f".repeat(130)}`;
    const r = await unpack(
      [
        { path: long, content: "long" },
        { path: "x/y/z", content: "first" },
        { path: "x/y/z", content: "second" },
        { path: "x/y", type: "directory", mode: 0o700 },
        { path: "empty", content: "" },
        { path: "big", content: Buffer.alloc(100_000, 7) },
        { path: "./dot/./slash//file", content: "clean" },
      ],
      513,
    );
    expect(readFileSync(join(dir, long), "utf8")).toBe("long");
    expect(readFileSync(join(dir, "x/y/z"), "utf8")).toBe("second");
    expect(lstatSync(join(dir, "x/y")).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(dir, "empty"))).toHaveLength(0);
    expect(readFileSync(join(dir, "big")).equals(Buffer.alloc(100_000, 7))).toBe(true);
    expect(readFileSync(join(dir, "dot/slash/file"), "utf8")).toBe("clean");
    expect(r.size).toBe(4 + 6 + 100_000 + 5);
  });

  it("replaces a file by a symlink and a directory by a file when a later entry says so", async () => {
    await unpack([
      { path: "a", content: "file" },
      { path: "a", type: "symlink", linkname: "target" },
      { path: "d", type: "directory" },
      { path: "d/inner", content: "x" },
      { path: "d", content: "now a file" },
    ]);
    expect(readlinkSync(join(dir, "a"))).toBe("target");
    expect(readFileSync(join(dir, "d"), "utf8")).toBe("now a file");
    expect(readdirSync(dir).sort()).toEqual(["a", "d"]);
  });

  it.each([
    ["an absolute path", [{ path: "/etc/passwd", content: "x" }]],
    ["a .. component", [{ path: "a/../../b", content: "x" }]],
    [
      "a write through a symlink",
      [
        { path: "l", type: "symlink" as const, linkname: "." },
        { path: "l/f", content: "x" },
      ],
    ],
    ["a hard link out of the layer", [{ path: "h", type: "link" as const, linkname: "../../etc/passwd" }]],
    ["a hard link to nothing", [{ path: "h", type: "link" as const, linkname: "missing" }]],
  ])("refuses %s", async (_name, entries) => {
    await expect(unpack(entries as EntrySpec[])).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  });

  it("creates many small files in the background with the right content, owner, mode, time and links", async () => {
    const mtime = new Date("2021-03-04T05:06:07Z");
    const entries: EntrySpec[] = [];
    for (let d = 0; d < 12; d++) {
      for (let f = 0; f < 25; f++)
        entries.push({
          path: `d${d}/sub/f${f}`,
          content: `${d}-${f}`.repeat(f + 1),
          mode: f % 2 ? 0o640 : 0o755,
          uid: f % 3,
          gid: 7,
          mtime,
        });
      // Hard link and symlink to a file whose creation may still be in flight.
      entries.push({ path: `d${d}/sub/hard`, type: "link", linkname: `d${d}/sub/f24` });
      entries.push({ path: `d${d}/sub/soft`, type: "symlink", linkname: "f0" });
      // The directory's own entry after its children: its mode still wins.
      entries.push({ path: `d${d}/sub`, type: "directory", mode: 0o711, mtime });
    }
    const r = await unpack(entries, 1000);
    for (let d = 0; d < 12; d++) {
      for (let f = 0; f < 25; f++) {
        const p = join(dir, `d${d}/sub/f${f}`);
        const st = lstatSync(p);
        expect(readFileSync(p, "utf8")).toBe(`${d}-${f}`.repeat(f + 1));
        expect(st.mode & 0o7777).toBe(f % 2 ? 0o640 : 0o755);
        expect([st.uid, st.gid]).toEqual([f % 3, 7]);
        expect(st.mtimeMs).toBe(mtime.getTime());
      }
      expect(lstatSync(join(dir, `d${d}/sub/hard`)).ino).toBe(lstatSync(join(dir, `d${d}/sub/f24`)).ino);
      expect(readlinkSync(join(dir, `d${d}/sub/soft`))).toBe("f0");
      const sub = lstatSync(join(dir, `d${d}/sub`));
      expect(sub.mode & 0o7777).toBe(0o711);
      expect(sub.mtimeMs).toBe(mtime.getTime());
    }
    expect(r.inodes).toBe(1 + 12 * (2 + 25 + 1));
  });

  it("fails with the error of a background creation and leaves nothing running", async () => {
    const entries: EntrySpec[] = [];
    for (let f = 0; f < 200; f++) entries.push({ path: `f${f}`, content: "x" });
    // Something already there makes the O_EXCL open of f150 fail, off the main thread.
    writeFileSync(join(dir, "f150"), "in the way");
    await expect(unpack(entries)).rejects.toMatchObject({ code: "EEXIST" });
    const after = readdirSync(dir).sort();
    await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(dir).sort()).toEqual(after);
  });

  it("stops creating files once a later entry is refused", async () => {
    const entries: EntrySpec[] = [];
    for (let f = 0; f < 200; f++) entries.push({ path: `d/f${f}`, content: "x" });
    entries.push({ path: "/abs", content: "x" });
    await expect(unpack(entries)).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
    const after = readdirSync(join(dir, "d")).length;
    await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(join(dir, "d"))).toHaveLength(after);
  });

  it("reads headers and data split into single bytes", async () => {
    await unpack(
      [
        { path: "a/b", content: "hello" },
        { path: `${"p".repeat(150)}`, content: "pax name" },
      ],
      1,
    );
    expect(readFileSync(join(dir, "a/b"), "utf8")).toBe("hello");
    expect(readFileSync(join(dir, "p".repeat(150)), "utf8")).toBe("pax name");
  });

  it("cleans tar paths lexically", () => {
    expect(cleanTarPath("./a//b/./c/", "t")).toBe("a/b/c");
    expect(cleanTarPath("./", "t")).toBe("");
    expect(() => cleanTarPath("/abs", "t")).toThrow(/absolute/);
  });

  it("rejects garbage that is not tar", async () => {
    const it = (async function* () {
      yield Buffer.alloc(1024, 65);
    })();
    await expect(unpackTar(new ByteReader(it), dir, { what: "junk" })).rejects.toThrow(/checksum/);
  });
});
