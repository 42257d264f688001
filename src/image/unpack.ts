// Applies one layer tar to an empty directory in the overlayfs diff format: whiteouts become
// character devices 0/0, opaque markers become trusted.overlay.opaque=y. Every path is checked
// against an in-memory map of what this layer created, so nothing lands outside the directory and
// nothing is written through a symlink, without an lstat per entry.
//
// Calls that create an inode (open O_CREAT, mkdir, symlink) run on libuv's pool, several at once,
// while the main thread goes on parsing, hashing and writing: on ext4 without a journal each can
// cost hundreds of µs of kernel CPU (the allocator steps over recently deleted inodes one by
// one), and a layer has thousands. The rest (write, fchown, futimes, close) stays synchronous.
import {
  chmodSync,
  chownSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  futimesSync,
  lchownSync,
  linkSync,
  lutimesSync,
  open as openCb,
  openSync,
  type Stats,
  utimesSync,
  writeSync,
} from "node:fs";
import { chmod, chown, copyFile, lchown, link, lstat, mkdir, rm, symlink, utimes } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { errnoCode, InvalidArgumentError } from "../errors.js";
import { makeNodes, type SpecialNode, setXattrs } from "./special-files.js";
import { type ByteReader, readTar, type TarHeader } from "./tar-reader.js";

export interface UnpackOptions {
  /** Snapshot dirs below this layer, topmost first; only needed for hard links into lower layers. */
  lowerDirs?: () => Promise<string[]>;
  /** Names the layer in errors. */
  what: string;
}

export interface UnpackResult {
  /** Bytes of regular file content. */
  size: number;
  inodes: number;
}

type Kind = "dir" | "file" | "symlink" | "special";

interface Deferred extends SpecialNode {
  rel: string;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
}

const WH = ".wh.";
const OPAQUE = ".wh..wh..opq";
const OPEN_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
/** Inode creations in flight per layer (libuv's pool has 4 threads, shared with zlib). */
const WINDOW = 8;
/**
 * Files up to this size are collected (as slices, no copy) and created in the background; larger
 * ones are streamed to disk as they arrive, so memory per layer stays ≤ WINDOW × this.
 */
const SMALL_FILE = 128 * 1024;
const openFd = promisify(openCb);

/** Lexically cleans a tar path; "" is the layer root. Absolute paths and ".." are refused. */
export function cleanTarPath(name: string, what: string): string {
  if (name.startsWith("/"))
    throw new InvalidArgumentError(`${what}: tar entry "${name}" has an absolute path`);
  const parts: string[] = [];
  for (const p of name.split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") throw new InvalidArgumentError(`${what}: tar entry "${name}" escapes the layer ("..")`);
    parts.push(p);
  }
  return parts.join("/");
}

function parentOf(rel: string): string {
  const i = rel.lastIndexOf("/");
  return i < 0 ? "" : rel.slice(0, i);
}

function baseOf(rel: string): string {
  return rel.slice(rel.lastIndexOf("/") + 1);
}

/**
 * lstat of `rel` under `root` that refuses to pass through symlinks on the way (a lower layer's
 * symlink must not lead a hard link to a file of the host). Undefined when absent.
 */
async function lstatNoFollow(root: string, rel: string): Promise<Stats | undefined> {
  let cur = root;
  let st: Stats | undefined;
  for (const part of rel.split("/")) {
    if (st && !st.isDirectory()) return undefined;
    cur = join(cur, part);
    try {
      st = await lstat(cur);
    } catch (err) {
      if (errnoCode(err) === "ENOENT" || errnoCode(err) === "ENOTDIR") return undefined;
      throw err;
    }
  }
  return st;
}

export class LayerUnpacker {
  private readonly kinds = new Map<string, Kind>([["", "dir"]]);
  private readonly specials = new Map<string, Deferred>();
  private readonly deferredLinks: { target: string; rel: string }[] = [];
  private readonly xattrs = new Map<string, Map<string, Buffer>>();
  private readonly dirTimes = new Map<string, { atime: number; mtime: number }>();
  /** Content bytes per file path this layer wrote, so replaced files stop counting. */
  private readonly fileSizes = new Map<string, number>();
  private size = 0;
  private inodes = 1;
  /** Creation in flight per path, so that a child waits for its parent directory. */
  private readonly creating = new Map<string, Promise<void>>();
  /** Every creation in flight; these never reject (the first error lands in `failed`). */
  private readonly inflight = new Set<Promise<void>>();
  private failed: { err: unknown } | undefined;

  constructor(
    private readonly dir: string,
    private readonly opts: UnpackOptions,
  ) {}

  private abs(rel: string): string {
    return rel === "" ? this.dir : join(this.dir, rel);
  }

  private fail(msg: string): never {
    throw new InvalidArgumentError(`${this.opts.what}: ${msg}`);
  }

  /** Makes sure every ancestor of `rel` is a directory this layer owns (created 0755 if implicit). */
  private async ensureDir(rel: string, entry: string): Promise<void> {
    if (this.kinds.get(rel) === "dir") return;
    const parts = rel.split("/");
    let cur = "";
    for (const p of parts) {
      cur = cur ? `${cur}/${p}` : p;
      const k = this.kinds.get(cur);
      if (k === "dir") continue;
      if (k === "symlink") this.fail(`tar entry "${entry}" would be written through the symlink "${cur}"`);
      if (k !== undefined) this.fail(`tar entry "${entry}": "${cur}" is not a directory`);
      const abs = this.abs(cur);
      this.kinds.set(cur, "dir");
      this.inodes++;
      await this.launch(cur, async () => {
        await mkdir(abs, 0o755);
      });
    }
  }

  private throwIfFailed(): void {
    if (this.failed) throw this.failed.err;
  }

  /**
   * Starts `op`, which creates `rel`, once the creation of `rel`'s parent (if still in flight) is
   * done; returns without waiting for it, unless WINDOW creations are in flight already.
   */
  private async launch(rel: string, op: () => Promise<void>): Promise<void> {
    while (this.inflight.size >= WINDOW) await Promise.race(this.inflight);
    this.throwIfFailed();
    const parent = this.creating.get(parentOf(rel));
    const created = parent ? parent.then(op) : op();
    this.creating.set(rel, created);
    const tracked: Promise<void> = created
      .catch((err: unknown) => {
        this.failed ??= { err };
      })
      .finally(() => {
        this.inflight.delete(tracked);
        if (this.creating.get(rel) === created) this.creating.delete(rel);
      });
    this.inflight.add(tracked);
  }

  /** Waits until `rel` exists, if its creation is in flight. */
  private async created(rel: string): Promise<void> {
    const p = this.creating.get(rel);
    if (!p) return;
    await p.catch((err: unknown) => {
      this.failed ??= { err };
    });
    this.throwIfFailed();
  }

  /** Waits for every creation in flight; throws the first one that failed. */
  async settle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all([...this.inflight]);
    this.throwIfFailed();
  }

  /** Removes what this layer put at `rel` before (tars may repeat a path; the last entry wins). */
  private async removeExisting(rel: string): Promise<void> {
    const k = this.kinds.get(rel);
    if (k === undefined) return;
    await this.settle();
    this.kinds.delete(rel);
    this.specials.delete(rel);
    this.forgetSize(rel);
    this.xattrs.delete(this.abs(rel));
    if (k === "dir") {
      const prefix = `${rel}/`;
      for (const key of [...this.kinds.keys()]) {
        if (!key.startsWith(prefix)) continue;
        this.kinds.delete(key);
        this.forgetSize(key);
      }
      for (const key of [...this.specials.keys()]) if (key.startsWith(prefix)) this.specials.delete(key);
      this.dirTimes.delete(rel);
    }
    if (k !== "special") await rm(this.abs(rel), { recursive: true, force: true });
  }

  async entry(h: TarHeader, data: AsyncGenerator<Buffer>): Promise<void> {
    this.throwIfFailed();
    const rel = cleanTarPath(h.name, this.opts.what);
    const base = baseOf(rel);
    const parent = parentOf(rel);
    if (base.startsWith(WH)) {
      await this.ensureDir(parent, h.name);
      if (base === OPAQUE) {
        this.addXattr(parent, "trusted.overlay.opaque", Buffer.from("y"));
        return;
      }
      if (base.startsWith(`${WH}${WH}`)) return; // aufs internals (hard link dirs): nothing to place
      const target = parent ? `${parent}/${base.slice(WH.length)}` : base.slice(WH.length);
      if (target === parent || base.length === WH.length) this.fail(`bad whiteout "${h.name}"`);
      await this.removeExisting(target);
      this.specials.set(target, {
        rel: target,
        path: this.abs(target),
        kind: "c",
        major: 0,
        minor: 0,
        mode: 0,
        uid: 0,
        gid: 0,
        mtime: h.mtime,
      });
      this.kinds.set(target, "special");
      return;
    }
    if (rel === "") {
      if (h.type !== "directory") this.fail(`tar entry "${h.name}" replaces the layer root`);
      this.applyDirAttrs(rel, h);
      return;
    }
    await this.ensureDir(parent, h.name);
    const existing = this.kinds.get(rel);
    if (existing !== undefined && !(existing === "dir" && h.type === "directory"))
      await this.removeExisting(rel);
    const abs = this.abs(rel);
    switch (h.type) {
      case "directory":
        if (existing !== "dir") {
          this.kinds.set(rel, "dir");
          this.inodes++;
          await this.launch(rel, async () => {
            await mkdir(abs, h.mode & 0o7777);
            this.applyDirAttrs(rel, h);
          });
        } else {
          await this.created(rel);
          this.applyDirAttrs(rel, h);
        }
        break;
      case "file":
        if (h.size <= SMALL_FILE) {
          const parts: Buffer[] = [];
          for await (const chunk of data) parts.push(chunk);
          await this.launch(rel, async () => writeParts(await openFd(abs, OPEN_FLAGS, 0o600), h, parts));
        } else {
          await this.created(parent);
          await writeFile(abs, h, data);
        }
        this.kinds.set(rel, "file");
        this.fileSizes.set(rel, h.size);
        this.size += h.size;
        this.inodes++;
        break;
      case "symlink":
        this.kinds.set(rel, "symlink");
        await this.launch(rel, async () => {
          await symlink(h.linkname, abs);
          if (h.uid !== 0 || h.gid !== 0) lchownSync(abs, h.uid, h.gid);
          lutimesSync(abs, h.atime ?? h.mtime, h.mtime);
        });
        this.inodes++;
        break;
      case "link":
        await this.hardLink(rel, h);
        break;
      case "char":
      case "block":
      case "fifo":
        this.specials.set(rel, {
          rel,
          path: abs,
          kind: h.type === "fifo" ? "p" : h.type === "char" ? "c" : "b",
          major: h.devmajor,
          minor: h.devminor,
          mode: h.mode & 0o7777,
          uid: h.uid,
          gid: h.gid,
          mtime: h.mtime,
        });
        this.kinds.set(rel, "special");
        this.inodes++;
        break;
    }
    if (h.xattrs) for (const [k, v] of h.xattrs) this.addXattr(rel, k, v);
  }

  private forgetSize(rel: string): void {
    const n = this.fileSizes.get(rel);
    if (n === undefined) return;
    this.fileSizes.delete(rel);
    this.size -= n;
    this.inodes--;
  }

  private addXattr(rel: string, name: string, value: Buffer): void {
    const abs = this.abs(rel);
    let m = this.xattrs.get(abs);
    if (!m) {
      m = new Map();
      this.xattrs.set(abs, m);
    }
    m.set(name, value);
  }

  private applyDirAttrs(rel: string, h: TarHeader): void {
    const abs = this.abs(rel);
    if (h.uid !== 0 || h.gid !== 0) chownSync(abs, h.uid, h.gid);
    chmodSync(abs, h.mode & 0o7777);
    this.dirTimes.set(rel, { atime: h.atime ?? h.mtime, mtime: h.mtime });
  }

  private async hardLink(rel: string, h: TarHeader): Promise<void> {
    await this.settle();
    const target = cleanTarPath(h.linkname, this.opts.what);
    const k = this.kinds.get(target);
    if (k === "dir") this.fail(`hard link "${h.name}" points to the directory "${h.linkname}"`);
    if (k === "file" || k === "symlink") {
      linkSync(this.abs(target), this.abs(rel));
      this.kinds.set(rel, k);
      return;
    }
    if (k === "special") {
      this.deferredLinks.push({ target, rel });
      this.kinds.set(rel, "special");
      return;
    }
    // Not in this layer: copy the file up from the layers below, as a hard link across overlay
    // layers cannot exist.
    for (const lower of (await this.opts.lowerDirs?.()) ?? []) {
      const src = join(lower, target);
      const st = await lstatNoFollow(lower, target);
      if (st === undefined) continue;
      if (!st.isFile()) break;
      await copyFile(src, this.abs(rel));
      await chown(this.abs(rel), st.uid, st.gid);
      await chmod(this.abs(rel), st.mode & 0o7777);
      await utimes(this.abs(rel), st.atime, st.mtime);
      this.kinds.set(rel, "file");
      this.size += st.size;
      this.inodes++;
      return;
    }
    this.fail(`hard link "${h.name}" points to "${h.linkname}", which is not in the layer or below it`);
  }

  /** Creates the deferred nodes, links and xattrs, then directory times (last: creating changes them). */
  async finish(): Promise<UnpackResult> {
    await this.settle();
    const nodes = [...this.specials.values()];
    await makeNodes(nodes);
    for (const n of nodes) {
      if (n.uid !== 0 || n.gid !== 0) await lchown(n.path, n.uid, n.gid);
      if (n.kind !== "c" || n.major !== 0 || n.minor !== 0) await chmod(n.path, n.mode);
      await utimes(n.path, n.mtime, n.mtime);
    }
    for (const l of this.deferredLinks) {
      if (this.kinds.get(l.target) !== "special") continue;
      await link(this.abs(l.target), this.abs(l.rel));
    }
    await setXattrs(this.xattrs);
    for (const [rel, t] of this.dirTimes) utimesSync(this.abs(rel), t.atime, t.mtime);
    return { size: this.size, inodes: this.inodes };
  }
}

/** Owner, mode and times of a new file; fchmod after fchown, which clears set-id bits. */
function fileAttrs(fd: number, h: TarHeader): void {
  if (h.uid !== 0 || h.gid !== 0) fchownSync(fd, h.uid, h.gid);
  if ((h.mode & 0o7777) !== 0o600) fchmodSync(fd, h.mode & 0o7777);
  futimesSync(fd, h.atime ?? h.mtime, h.mtime);
}

function writeAll(fd: number, chunk: Buffer): void {
  let off = 0;
  while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
}

/** Fills a freshly opened file from the slices collected for it, then closes it. */
function writeParts(fd: number, h: TarHeader, parts: Buffer[]): void {
  try {
    for (const p of parts) writeAll(fd, p);
    fileAttrs(fd, h);
  } finally {
    closeSync(fd);
  }
}

/** Streams a large file to disk as its data arrives (synchronous writes: cheap page-cache copies). */
async function writeFile(abs: string, h: TarHeader, data: AsyncGenerator<Buffer>): Promise<void> {
  const fd = openSync(abs, OPEN_FLAGS, 0o600);
  try {
    for await (const chunk of data) writeAll(fd, chunk);
    fileAttrs(fd, h);
  } finally {
    closeSync(fd);
  }
}

/** Unpacks a whole tar stream into `dir` (which must exist and be empty). */
export async function unpackTar(reader: ByteReader, dir: string, opts: UnpackOptions): Promise<UnpackResult> {
  const u = new LayerUnpacker(dir, opts);
  try {
    await readTar(reader, (h, data) => u.entry(h, data));
  } catch (err) {
    // Nothing may still be creating files when the caller removes the half-made layer.
    await u.settle().catch(() => undefined);
    throw err;
  }
  return u.finish();
}
