// Content-addressed blob store: blobs/sha256/<hex>. Writers stream into ingest/ while hashing;
// commit checks size and digest before the atomic rename, so a blob that is present is correct.
import { createHash, type Hash, randomBytes } from "node:crypto";
import { writeSync } from "node:fs";
import { type FileHandle, mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { errnoCode, InvalidArgumentError } from "../errors.js";
import { fsyncDir } from "../fsutil.js";
import { digestHex } from "./oci.js";

export class ContentStore {
  readonly blobDir: string;
  readonly ingestDir: string;

  constructor(
    readonly root: string,
    private readonly fsync = true,
  ) {
    this.blobDir = join(root, "blobs", "sha256");
    this.ingestDir = join(root, "ingest");
  }

  /** Creates the folders and drops half-written blobs of a previous crash. */
  async init(): Promise<void> {
    await rm(this.ingestDir, { recursive: true, force: true });
    await mkdir(this.ingestDir, { recursive: true });
    await mkdir(this.blobDir, { recursive: true });
  }

  path(digest: string): string {
    return join(this.blobDir, digestHex(digest));
  }

  /** Size of a present blob, undefined when absent. */
  async size(digest: string): Promise<number | undefined> {
    try {
      return (await stat(this.path(digest))).size;
    } catch (err) {
      if (errnoCode(err) === "ENOENT") return undefined;
      throw err;
    }
  }

  async read(digest: string): Promise<Buffer> {
    return readFile(this.path(digest));
  }

  /** Stores a small blob held in memory (manifests, configs) after checking its digest. */
  async put(digest: string, data: Uint8Array): Promise<void> {
    if ((await this.size(digest)) !== undefined) return;
    const w = await this.writer(digest, data.byteLength);
    try {
      await w.write(data);
      await w.commit();
    } catch (err) {
      await w.abort();
      throw err;
    }
  }

  async writer(digest: string, size?: number): Promise<BlobWriter> {
    const tmp = join(this.ingestDir, `${digestHex(digest).slice(0, 16)}-${randomBytes(6).toString("hex")}`);
    const fh = await open(tmp, "w", 0o644);
    return new BlobWriter(this, fh, tmp, digest, size, this.fsync);
  }

  async delete(digest: string): Promise<void> {
    await rm(this.path(digest), { force: true });
  }

  /** Every stored blob with its size. */
  async list(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    let names: string[];
    try {
      names = await readdir(this.blobDir);
    } catch (err) {
      if (errnoCode(err) === "ENOENT") return out;
      throw err;
    }
    for (const n of names) {
      if (!/^[a-f0-9]{64}$/.test(n)) continue;
      try {
        out.set(`sha256:${n}`, (await stat(join(this.blobDir, n))).size);
      } catch (err) {
        if (errnoCode(err) !== "ENOENT") throw err;
      }
    }
    return out;
  }
}

/** One blob being written; call write() per chunk, then commit() or abort(). */
export class BlobWriter {
  private readonly hash: Hash = createHash("sha256");
  written = 0;
  private done = false;

  constructor(
    private readonly store: ContentStore,
    private readonly fh: FileHandle,
    private readonly tmp: string,
    readonly digest: string,
    readonly expectedSize: number | undefined,
    private readonly fsync: boolean,
  ) {}

  async write(chunk: Uint8Array): Promise<void> {
    this.hash.update(chunk);
    this.written += chunk.byteLength;
    if (this.expectedSize !== undefined && this.written > this.expectedSize)
      throw new InvalidArgumentError(
        `blob ${this.digest}: more data than the ${this.expectedSize} bytes its descriptor announces`,
      );
    // Synchronous: page-cache writes are cheaper than a thread-pool round trip per chunk.
    let off = 0;
    while (off < chunk.byteLength) off += writeSync(this.fh.fd, chunk, off, chunk.byteLength - off);
  }

  async commit(): Promise<void> {
    const actual = `sha256:${this.hash.digest("hex")}`;
    try {
      if (this.expectedSize !== undefined && this.written !== this.expectedSize)
        throw new InvalidArgumentError(
          `blob ${this.digest}: got ${this.written} bytes, descriptor says ${this.expectedSize} (truncated?)`,
        );
      if (actual !== this.digest)
        throw new InvalidArgumentError(`blob ${this.digest}: content has digest ${actual} (digest mismatch)`);
      if (this.fsync) await this.fh.sync();
      await this.fh.close();
      this.done = true;
      await rename(this.tmp, this.store.path(this.digest));
      if (this.fsync) await fsyncDir(this.store.blobDir);
    } catch (err) {
      await this.abort();
      throw err;
    }
  }

  async abort(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.fh.close().catch(() => undefined);
    }
    await rm(this.tmp, { force: true });
  }
}
