// A streaming tar reader (ustar, GNU long names, pax) that hands out file data as slices of the
// incoming buffers without copying. pax values stay bytes so binary xattrs survive.
import { InvalidArgumentError } from "../errors.js";

export type TarEntryType = "file" | "link" | "symlink" | "char" | "block" | "directory" | "fifo";

export interface TarHeader {
  name: string;
  type: TarEntryType;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** Seconds since the epoch, fractional when pax gives it. */
  mtime: number;
  atime?: number;
  linkname: string;
  devmajor: number;
  devminor: number;
  /** Extended attributes from pax SCHILY.xattr.* records. */
  xattrs?: Map<string, Buffer>;
}

const EMPTY = Buffer.alloc(0);

/**
 * Pulls exact byte counts out of an async iterator of buffers. Input buffers are never copied
 * whole: a read that straddles two of them copies just its own bytes, and file data goes out as
 * slices. Nothing handed out is written to afterwards, so callers may keep slices.
 */
export class ByteReader {
  private buf: Buffer = EMPTY;
  private off = 0;
  private ended = false;

  constructor(private readonly it: AsyncIterator<Buffer>) {}

  private get available(): number {
    return this.buf.length - this.off;
  }

  /** Replaces the exhausted current buffer with the next input buffer; false at the end. */
  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    for (;;) {
      const r = await this.it.next();
      if (r.done) {
        this.ended = true;
        return false;
      }
      const chunk = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value as Uint8Array);
      if (chunk.length === 0) continue;
      this.buf = chunk;
      this.off = 0;
      return true;
    }
  }

  /** Exactly n bytes, or undefined at a clean end of input; throws on a short read. */
  async read(n: number): Promise<Buffer | undefined> {
    if (this.available === 0 && !(await this.fill())) {
      if (n === 0) return EMPTY;
      return undefined;
    }
    if (this.available >= n) {
      const out = this.buf.subarray(this.off, this.off + n);
      this.off += n;
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let got = 0;
    while (got < n) {
      if (this.available === 0 && !(await this.fill()))
        throw new InvalidArgumentError(`tar stream truncated (wanted ${n} bytes, got ${got})`);
      const k = Math.min(n - got, this.available);
      this.buf.copy(out, got, this.off, this.off + k);
      this.off += k;
      got += k;
    }
    return out;
  }

  /** Yields the next n bytes as slices of the input buffers (which stay valid). */
  async *take(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (this.available === 0 && !(await this.fill()))
        throw new InvalidArgumentError(`tar stream truncated inside an entry (${left} bytes missing)`);
      const k = Math.min(left, this.available);
      const out = this.buf.subarray(this.off, this.off + k);
      this.off += k;
      left -= k;
      yield out;
    }
  }

  async skip(n: number): Promise<void> {
    for await (const _ of this.take(n));
  }

  /** Consumes the rest of the input (tar padding after the end marker still counts for the diff ID). */
  async drain(): Promise<void> {
    this.off = this.buf.length;
    while (await this.fill()) this.off = this.buf.length;
  }
}

function cstr(b: Buffer, start: number, len: number): string {
  const end = b.indexOf(0, start);
  return b.toString("utf8", start, end >= 0 && end < start + len ? end : start + len);
}

function num(b: Buffer, start: number, len: number): number {
  // GNU base-256 for values that do not fit in octal.
  if ((b[start] as number) & 0x80) {
    let v = (b[start] as number) & 0x7f;
    for (let i = start + 1; i < start + len; i++) v = v * 256 + (b[i] as number);
    return v;
  }
  const s = cstr(b, start, len).trim();
  return s === "" ? 0 : Number.parseInt(s, 8);
}

function checksumOk(b: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (b[i] as number);
  return sum === num(b, 148, 8);
}

function parsePax(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let off = 0;
  while (off < buf.length) {
    const sp = buf.indexOf(32, off);
    if (sp < 0) break;
    const len = Number.parseInt(buf.toString("ascii", off, sp), 10);
    if (!Number.isFinite(len) || len <= 0 || off + len > buf.length)
      throw new InvalidArgumentError("tar: malformed pax record");
    const rec = buf.subarray(sp + 1, off + len - 1); // without the trailing newline
    const eq = rec.indexOf(61);
    if (eq > 0) out.set(rec.toString("utf8", 0, eq), Buffer.from(rec.subarray(eq + 1)));
    off += len;
  }
  return out;
}

const TYPES: Record<string, TarEntryType> = {
  "0": "file",
  "\0": "file",
  "7": "file",
  "1": "link",
  "2": "symlink",
  "3": "char",
  "4": "block",
  "5": "directory",
  "6": "fifo",
};

const pad = (n: number) => (512 - (n % 512)) % 512;

/**
 * Reads entries; for each one `onEntry` gets the header and a data iterator that it must consume
 * fully (or not at all) before returning.
 */
export async function readTar(
  reader: ByteReader,
  onEntry: (h: TarHeader, data: AsyncGenerator<Buffer>) => Promise<void>,
): Promise<void> {
  let global = new Map<string, Buffer>();
  let pax: Map<string, Buffer> | undefined;
  let longName: string | undefined;
  let longLink: string | undefined;
  for (;;) {
    const block = await reader.read(512);
    if (!block) return; // no end marker: tolerated, as GNU tar does
    if (block.every((x) => x === 0)) {
      await reader.drain();
      return;
    }
    if (!checksumOk(block))
      throw new InvalidArgumentError("tar: header checksum mismatch (not a tar stream?)");
    const flag = String.fromCharCode(block[156] as number);
    let size = num(block, 124, 12);
    if (flag === "x" || flag === "g" || flag === "L" || flag === "K") {
      const body = (await reader.read(size + pad(size))) ?? EMPTY;
      const data = body.subarray(0, size);
      if (flag === "x") pax = parsePax(data);
      else if (flag === "g") global = new Map([...global, ...parsePax(data)]);
      else if (flag === "L") longName = cstr(data, 0, data.length);
      else longLink = cstr(data, 0, data.length);
      continue;
    }
    const ext = pax ? new Map([...global, ...pax]) : global;
    const magic = block.toString("ascii", 257, 263);
    let name = cstr(block, 0, 100);
    if (magic === "ustar\0" || magic === "ustar ") {
      const prefix = magic === "ustar\0" ? cstr(block, 345, 155) : "";
      if (prefix) name = `${prefix}/${name}`;
    }
    if (longName !== undefined) name = longName;
    let linkname = longLink ?? cstr(block, 157, 100);
    const str = (k: string) => ext.get(k)?.toString("utf8");
    name = str("path") ?? name;
    linkname = str("linkpath") ?? linkname;
    if (ext.has("size")) size = Number(str("size"));
    const type = TYPES[flag];
    const header: TarHeader = {
      name,
      type: type ?? "file",
      mode: num(block, 100, 8),
      uid: ext.has("uid") ? Number(str("uid")) : num(block, 108, 8),
      gid: ext.has("gid") ? Number(str("gid")) : num(block, 116, 8),
      size,
      mtime: ext.has("mtime") ? Number(str("mtime")) : num(block, 136, 12),
      linkname,
      devmajor: num(block, 329, 8),
      devminor: num(block, 337, 8),
    };
    if (ext.has("atime")) header.atime = Number(str("atime"));
    for (const [k, v] of ext) {
      if (!k.startsWith("SCHILY.xattr.")) continue;
      header.xattrs ??= new Map();
      header.xattrs.set(k.slice("SCHILY.xattr.".length), v);
    }
    pax = undefined;
    longName = undefined;
    longLink = undefined;
    const dataLen = type === "file" ? size : type === undefined ? size : 0;
    if (type === undefined) {
      // Unknown entry types (sparse, volume labels, …) carry nothing we can place: skip their data.
      await reader.skip(size + pad(size));
      continue;
    }
    const gen = reader.take(dataLen);
    await onEntry(header, gen);
    for await (const _ of gen); // the callback may have left data unread
    // Non-file entries may still declare a size (hard links in some writers); skip it.
    const skipData = type === "file" ? 0 : size;
    await reader.skip(skipData + pad(type === "file" ? size : skipData));
  }
}
