// Turns one layer blob into a snapshot in a single streaming pass:
//   registry body (or stored blob) → [hash + write blob] → decompress → [hash diff ID] → untar
// The snapshot is committed only after the blob's size and digest and the diff ID all check out.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Duplex, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import {
  BerthError,
  DeadlineExceededError,
  errnoCode,
  errorMessage,
  InternalError,
  InvalidArgumentError,
  ResourceExhaustedError,
} from "../errors.js";
import { releasedBuffers } from "../idle-gc.js";
import type { BlobWriter, ContentStore } from "./content-store.js";
import { type Descriptor, type LayerCompression, layerCompression, sniffCompression } from "./oci.js";
import { classifyStreamError, type HttpResponse, watchStall } from "./registry/http.js";
import type { SnapshotMeta, SnapshotStore } from "./snapshots.js";
import { ByteReader } from "./tar-reader.js";
import { type UnpackResult, unpackTar } from "./unpack.js";

const CHUNK = 256 * 1024;

export interface LayerTarget {
  desc: Descriptor;
  diffId: string;
  chainId: string;
  parent?: string | undefined;
  /** Snapshot dirs below this one, topmost first (waits for them), for hard links into lower layers. */
  lowerDirs: () => Promise<string[]>;
  /** Image reference, for messages. */
  image: string;
}

export type LayerSource =
  | { kind: "remote"; open: () => Promise<HttpResponse>; stallTimeout: number }
  | { kind: "stored" };

function zstdDecompressor(what: string): Duplex {
  const child = spawn("zstd", ["-d", "-c", "-q"], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  const duplex = Duplex.from({ writable: child.stdin, readable: child.stdout });
  child.on("error", (err) =>
    duplex.destroy(new InvalidArgumentError(`${what}: cannot run zstd: ${err.message}`)),
  );
  child.on("close", (code) => {
    if (code !== 0 && code !== null)
      duplex.destroy(new InvalidArgumentError(`${what}: zstd -d failed: ${stderr.trim()}`));
  });
  duplex.on("close", () => {
    if (child.exitCode === null) child.kill();
  });
  return duplex;
}

function decompressor(kind: LayerCompression, what: string): Duplex | undefined {
  if (kind === "gzip") return createGunzip({ chunkSize: CHUNK });
  if (kind === "zstd") return zstdDecompressor(what);
  return undefined;
}

async function storedCompression(path: string): Promise<LayerCompression> {
  const fh = await open(path, "r");
  try {
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    return sniffCompression(head);
  } finally {
    await fh.close();
  }
}

/** errno codes of this machine's filesystems, never of the layer's content. */
const VANISHED = new Set(["ENOENT", "ENOTDIR", "ESTALE"]);
const NO_SPACE = new Set(["ENOSPC", "EDQUOT"]);
const LOCAL_FS = new Set(["EIO", "EROFS", "EACCES", "EPERM", "EMFILE", "ENFILE", "EBUSY", "ENOMEM"]);

/**
 * The error of a local fault (our own files vanished, a full disk, an I/O error) during an unpack:
 * not the layer's fault, so never INVALID_ARGUMENT. Undefined for anything else. A layer can make
 * the unpack fail with ENOENT only through a path of its own, which unpack.ts refuses first
 * (InvalidArgumentError), so an ENOENT reaching here means files under `dir` went away.
 */
function localFault(
  err: unknown,
  what: string,
  dir: string,
  w: BlobWriter | undefined,
): BerthError | undefined {
  if (err instanceof BerthError || !(err instanceof Error)) return undefined;
  const code = errnoCode(err);
  if (!code || !("syscall" in err)) return undefined;
  const path = "path" in err && typeof err.path === "string" ? ` ${err.path}` : "";
  const got = w ? ` after ${w.written} bytes` : "";
  if (VANISHED.has(code))
    return new InternalError(
      `${what}: local files vanished while unpacking into ${dir} (${code} on ${err.syscall}${path}${got}); ` +
        "something else removed them (another process on the image store?), the layer itself is not at fault",
      { cause: err },
    );
  if (NO_SPACE.has(code))
    return new ResourceExhaustedError(`${what}: no space left for the layer under ${dir} (${code}${path})`, {
      cause: err,
    });
  if (LOCAL_FS.has(code))
    return new InternalError(`${what}: local filesystem error ${code} on ${err.syscall}${path}${got}`, {
      cause: err,
    });
  return undefined;
}

/**
 * Fetches (or reads) a layer and unpacks it into a new snapshot. Returns the snapshot metadata;
 * on any failure nothing of the blob or the snapshot stays behind.
 */
export async function applyLayer(
  target: LayerTarget,
  source: LayerSource,
  content: ContentStore,
  snapshots: SnapshotStore,
  onBytes: (n: number) => void,
): Promise<SnapshotMeta> {
  const { desc } = target;
  const what = `image "${target.image}" layer ${desc.digest}`;
  const prepared = await snapshots.prepare();
  let writer: BlobWriter | undefined;
  try {
    let input: Readable;
    let compression: LayerCompression;
    let touch = () => {};
    let stopStall = () => {};
    let sourceUrl: URL | undefined;
    if (source.kind === "remote") {
      const res = await source.open();
      input = res.body;
      sourceUrl = res.url;
      const stall = watchStall(res.body, source.stallTimeout, what);
      touch = stall.touch;
      stopStall = stall.stop;
      writer = await content.writer(desc.digest, desc.size);
      compression = layerCompression(desc.mediaType) ?? "gzip";
    } else {
      const path = content.path(desc.digest);
      compression = await storedCompression(path);
      input = createReadStream(path, { highWaterMark: CHUNK });
    }
    const w = writer;
    const diffHash = createHash("sha256");
    let result: UnpackResult | undefined;
    const tap = async function* (src: AsyncIterable<Buffer>) {
      for await (const chunk of src) {
        touch();
        if (w) await w.write(chunk);
        onBytes(chunk.byteLength);
        yield chunk;
        releasedBuffers(chunk.byteLength);
      }
    };
    const sink = async (src: AsyncIterable<Buffer>) => {
      const hashed = (async function* () {
        for await (const chunk of src) {
          diffHash.update(chunk);
          yield chunk;
          releasedBuffers(chunk.byteLength);
        }
      })();
      result = await unpackTar(new ByteReader(hashed), prepared.fsDir, {
        what,
        lowerDirs: target.lowerDirs,
      });
    };
    const dec = decompressor(compression, what);
    try {
      if (dec) await pipeline(input, tap, dec, sink);
      else await pipeline(input, tap, sink);
    } catch (raw) {
      const err = sourceUrl ? classifyStreamError(raw, sourceUrl) : raw;
      const local = localFault(err, what, prepared.dir, w);
      if (local) throw local;
      if (w && !(err instanceof BerthError) && err instanceof Error && err.name !== "AbortError") {
        const short = w.written < desc.size ? `, truncated: ${w.written} of ${desc.size} bytes` : "";
        throw new InvalidArgumentError(`${what}: corrupt layer (${errorMessage(err)}${short})`, {
          cause: err,
        });
      }
      if (err instanceof DeadlineExceededError) throw err;
      throw err;
    } finally {
      stopStall();
    }
    if (w)
      await w.commit().catch((err: unknown) => {
        throw localFault(err, what, prepared.dir, w) ?? err;
      }); // size and digest check
    const diffId = `sha256:${diffHash.digest("hex")}`;
    if (diffId !== target.diffId)
      throw new InvalidArgumentError(
        `${what}: uncompressed content has digest ${diffId}, image config says ${target.diffId}`,
      );
    const meta: SnapshotMeta = {
      chainId: target.chainId,
      diffId,
      size: result?.size ?? 0,
      inodes: result?.inodes ?? 0,
      createdAt: Date.now(),
    };
    if (target.parent) meta.parent = target.parent;
    await snapshots.commit(prepared, meta);
    return meta;
  } catch (err) {
    await writer?.abort();
    await snapshots.abort(prepared);
    throw err;
  }
}
