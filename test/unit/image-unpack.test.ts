import { lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
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
