// Every HTTP/2 :authority a client sends to berthd's socket is rewritten to "localhost" on its way in.
//
// Why: kubelet before v1.26 (and other grpc-go clients that dial a unix socket path) send that path,
// e.g. "/run/berth/berth.sock", as the :authority of every call. nghttp2, inside Node's http2, rejects
// a "/" there and resets the stream with PROTOCOL_ERROR before berthd sees the call; Go's gRPC server
// accepts any value. berthd does not use the authority, so replacing it costs nothing.
//
// How: the client-to-server byte stream is parsed into frames (RFC 9113 §4); only header blocks
// (HEADERS + CONTINUATION) are touched. Each header field representation (RFC 7541 §6) is walked
// without decoding strings; a literal whose name is :authority (static index 1, or the literal name
// ":authority") keeps its representation and gets the value "localhost", and the indexed static
// entry 1 (an empty authority) becomes that literal. The dynamic tables stay in
// step: the server's copy of an entry is never larger than the client's, so the server evicts no
// entry the client may still reference, and index numbers (counted from the newest) agree.
// Anything malformed is passed on untouched from then on, for nghttp2 to refuse as it would.
//
// The rewriter costs a JS stream between the socket and nghttp2 (a quarter of berthd's CPU for a
// status call, ~0.2 ms of its latency), and current clients do not need it: grpc-go since kubelet
// v1.26, crictl and critest send "localhost". So acceptClient looks at each connection's first header
// block and rewrites only connections that need it. grpc-go sends no call before the server's
// SETTINGS frame arrives, and nghttp2 sends that only once it has the connection: berthd sends an
// empty SETTINGS frame of its own first, and takes the client's acknowledgement of it out of the
// bytes nghttp2 gets (an acknowledgement nghttp2 did not ask for ends the connection).
import type { Socket } from "node:net";
import { Duplex } from "node:stream";

const PREFACE_BYTES = 24; // "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
const FRAME_HEADER = 9;
const TYPE_HEADERS = 0x1;
const TYPE_SETTINGS = 0x4;
const TYPE_CONTINUATION = 0x9;
const FLAG_ACK = 0x1;
const FLAG_END_STREAM = 0x1;
const FLAG_END_HEADERS = 0x4;
const FLAG_PADDED = 0x8;
const FLAG_PRIORITY = 0x20;
/** SETTINGS_MAX_FRAME_SIZE's initial (and smallest) value: frames we emit never exceed it. */
const MAX_FRAME = 16_384;
/** A header block larger than this is passed on as is (nghttp2 enforces its own limits). */
const MAX_BLOCK = 256 * 1024;
const AUTHORITY = Buffer.from(":authority");
const REPLACEMENT = Buffer.concat([Buffer.from([9]), Buffer.from("localhost")]); // H=0, length 9
const LITERAL_AUTHORITY = Buffer.from([0x01]); // literal without indexing, name = static index 1
const PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
const LOCALHOST = Buffer.from("localhost");
// Huffman coding (RFC 7541 Appendix B) pads with 1 bits to a whole byte: one string, one coding.
const LOCALHOST_HUFFMAN = Buffer.from([0xa0, 0xe4, 0x1d, 0x13, 0x9d, 0x09]);
const AUTHORITY_HUFFMAN = Buffer.from([0xb8, 0x3b, 0x53, 0x39, 0xec, 0x32, 0x7d, 0x7f]);
/** The last index of HPACK's static table; higher ones are the connection's dynamic table. */
const LAST_STATIC = 61;

/** Reads an HPACK integer with an N-bit prefix at `pos`; returns [value, next position] or undefined. */
function readInt(b: Buffer, pos: number, prefixBits: number): [number, number] | undefined {
  if (pos >= b.length) return undefined;
  const mask = (1 << prefixBits) - 1;
  let value = b.readUInt8(pos) & mask;
  let p = pos + 1;
  if (value < mask) return [value, p];
  for (let shift = 0; ; shift += 7) {
    if (p >= b.length || shift > 28) return undefined;
    const byte = b.readUInt8(p++);
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, p];
  }
}

/** Skips an HPACK string literal at `pos`; returns [huffman, start, end] of its bytes or undefined. */
function readString(b: Buffer, pos: number): [boolean, number, number] | undefined {
  const n = readInt(b, pos, 7);
  if (!n || n[1] + n[0] > b.length) return undefined;
  return [(b.readUInt8(pos) & 0x80) !== 0, n[1], n[1] + n[0]];
}

/**
 * Returns the header block with every literal :authority value replaced by "localhost", the same
 * block when there is none, or undefined when the block does not parse.
 */
export function rewriteAuthority(block: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let changed = false;
  let pos = 0;
  while (pos < block.length) {
    const start = pos;
    const prefix = indexPrefix(block.readUInt8(pos));
    const index = readInt(block, pos, prefix);
    if (!index) return undefined;
    pos = index[1];
    if (prefix === 7 && index[0] === 1) {
      // Static entry 1 is ":authority" with an empty value, which nghttp2 refuses too. A literal
      // without indexing (name index 1) takes its place, leaving both dynamic tables as they are.
      parts.push(LITERAL_AUTHORITY, REPLACEMENT);
      changed = true;
      continue;
    }
    if (prefix === 7 || prefix === 5) {
      parts.push(block.subarray(start, pos));
      continue;
    }
    let isAuthority = index[0] === 1;
    if (index[0] === 0) {
      const name = readString(block, pos);
      if (!name) return undefined;
      isAuthority = !name[0] && block.subarray(name[1], name[2]).equals(AUTHORITY);
      pos = name[2];
    }
    const value = readString(block, pos);
    if (!value) return undefined;
    if (isAuthority) {
      parts.push(block.subarray(start, pos), REPLACEMENT);
      changed = true;
    } else {
      parts.push(block.subarray(start, value[2]));
    }
    pos = value[2];
  }
  return changed ? Buffer.concat(parts) : block;
}

/** The representation (RFC 7541 §6) starting with `first`: the bit length of its index prefix. */
function indexPrefix(first: number): number {
  if (first & 0x80) return 7; // indexed field
  if ((first & 0xc0) === 0x40) return 6; // literal, incremental indexing
  if ((first & 0xe0) === 0x20) return 5; // dynamic table size update
  return 4; // literal without indexing / never indexed
}

/**
 * Whether a connection's first header block can go to nghttp2 as it is: its :authority is absent or
 * "localhost" (plain or Huffman-coded). Anything it cannot tell (a reference to the dynamic table,
 * a malformed block) counts as no.
 */
export function authorityAccepted(block: Buffer): boolean {
  let pos = 0;
  while (pos < block.length) {
    const prefix = indexPrefix(block.readUInt8(pos));
    const index = readInt(block, pos, prefix);
    if (!index) return false;
    pos = index[1];
    if (prefix === 7) {
      if (index[0] === 1 || index[0] > LAST_STATIC) return false; // the empty authority, or unknown
      continue;
    }
    if (prefix === 5) continue;
    if (index[0] > LAST_STATIC) return false;
    let isAuthority = index[0] === 1;
    if (index[0] === 0) {
      const name = readString(block, pos);
      if (!name) return false;
      isAuthority = block.subarray(name[1], name[2]).equals(name[0] ? AUTHORITY_HUFFMAN : AUTHORITY);
      pos = name[2];
    }
    const value = readString(block, pos);
    if (!value) return false;
    if (isAuthority && !block.subarray(value[1], value[2]).equals(value[0] ? LOCALHOST_HUFFMAN : LOCALHOST))
      return false;
    pos = value[2];
  }
  return true;
}

function frameHeader(length: number, type: number, flags: number, streamId: number): Buffer {
  const h = Buffer.alloc(FRAME_HEADER);
  h.writeUIntBE(length, 0, 3);
  h[3] = type;
  h[4] = flags;
  h.writeUInt32BE(streamId, 5);
  return h;
}

interface PendingBlock {
  streamId: number;
  flags: number;
  priority: Buffer;
  fragments: Buffer[];
  size: number;
  /** The frames as received, passed on unchanged when the block cannot be rewritten. */
  raw: Buffer[];
}

/** The client-to-server half of an HTTP/2 connection, with :authority rewritten. Pure; no I/O. */
export class AuthorityRewriter {
  /** `dropSettingsAck`: leave out the client's first SETTINGS acknowledgement (of FIRST_SETTINGS). */
  constructor(private dropSettingsAck = false) {}

  private prefaceLeft = PREFACE_BYTES;
  private passLeft = 0;
  private passthrough = false;
  private pending: Buffer = Buffer.alloc(0);
  private block: PendingBlock | undefined;

  /** Feeds bytes read from the client; returns the bytes to hand to the HTTP/2 server. */
  push(chunk: Buffer): Buffer[] {
    if (this.passthrough) return [chunk];
    const out: Buffer[] = [];
    const data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    let i = 0;
    while (i < data.length) {
      if (this.prefaceLeft > 0 || this.passLeft > 0) {
        const left = this.prefaceLeft || this.passLeft;
        const n = Math.min(left, data.length - i);
        out.push(data.subarray(i, i + n));
        if (this.prefaceLeft > 0) this.prefaceLeft -= n;
        else this.passLeft -= n;
        i += n;
        continue;
      }
      if (data.length - i < FRAME_HEADER) break;
      const length = data.readUIntBE(i, 3);
      const type = data.readUInt8(i + 3);
      if (type !== TYPE_HEADERS && type !== TYPE_CONTINUATION) {
        if (this.block) return this.giveUp(out, data.subarray(i));
        if (this.dropSettingsAck && type === TYPE_SETTINGS && length === 0 && data[i + 4] === FLAG_ACK) {
          this.dropSettingsAck = false;
          i += FRAME_HEADER;
          continue;
        }
        out.push(data.subarray(i, i + FRAME_HEADER));
        this.passLeft = length;
        i += FRAME_HEADER;
        continue;
      }
      if (length > MAX_BLOCK) return this.giveUp(out, data.subarray(i));
      if (data.length - i < FRAME_HEADER + length) break;
      const frame = data.subarray(i, i + FRAME_HEADER + length);
      i += FRAME_HEADER + length;
      if (!this.headerFrame(frame, out)) return this.giveUp(out, data.subarray(i));
    }
    // Copy: a subarray would pin the whole chunk it came from.
    if (i < data.length) this.pending = Buffer.from(data.subarray(i));
    return out;
  }

  /** Takes one HEADERS or CONTINUATION frame; false when the connection should be passed on as is. */
  private headerFrame(frame: Buffer, out: Buffer[]): boolean {
    const type = frame.readUInt8(3);
    const flags = frame.readUInt8(4);
    const streamId = frame.readUInt32BE(5) & 0x7fffffff;
    const payload = frame.subarray(FRAME_HEADER);
    let block = this.block;
    if (type === TYPE_HEADERS) {
      if (block) return this.flushRaw(frame, out);
      let off = 0;
      let pad = 0;
      if (flags & FLAG_PADDED) {
        if (payload.length < 1) return this.flushRaw(frame, out);
        pad = payload.readUInt8(0);
        off = 1;
      }
      const prio = flags & FLAG_PRIORITY ? 5 : 0;
      if (off + prio + pad > payload.length) return this.flushRaw(frame, out);
      block = {
        streamId,
        flags,
        priority: payload.subarray(off, off + prio),
        fragments: [],
        size: 0,
        raw: [],
      };
      this.block = block;
      block.fragments.push(payload.subarray(off + prio, payload.length - pad));
    } else {
      if (!block || block.streamId !== streamId) return this.flushRaw(frame, out);
      block.fragments.push(payload);
    }
    block.raw.push(frame);
    block.size += frame.length;
    if (block.size > MAX_BLOCK) return this.flushRaw(undefined, out);
    if (!(flags & FLAG_END_HEADERS)) return true;
    this.block = undefined;
    const rewritten = rewriteAuthority(Buffer.concat(block.fragments));
    if (!rewritten) {
      out.push(...block.raw);
      return false;
    }
    out.push(...encodeBlock(block, rewritten));
    return true;
  }

  /** Hands on the frames of an unfinished block (and `frame`) as received. */
  private flushRaw(frame: Buffer | undefined, out: Buffer[]): false {
    if (this.block) out.push(...this.block.raw);
    if (frame) out.push(frame);
    this.block = undefined;
    return false;
  }

  private giveUp(out: Buffer[], rest: Buffer): Buffer[] {
    this.flushRaw(undefined, out);
    this.passthrough = true;
    if (rest.length) out.push(rest);
    return out;
  }
}

/** A header block as one HEADERS frame and as many CONTINUATION frames as it needs. */
function encodeBlock(block: PendingBlock, fragment: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  const firstRoom = MAX_FRAME - block.priority.length;
  const head = fragment.subarray(0, firstRoom);
  let rest = fragment.subarray(head.length);
  const headFlags = (block.flags & (FLAG_END_STREAM | FLAG_PRIORITY)) | (rest.length ? 0 : FLAG_END_HEADERS);
  frames.push(
    frameHeader(block.priority.length + head.length, TYPE_HEADERS, headFlags, block.streamId),
    block.priority,
    head,
  );
  while (rest.length) {
    const piece = rest.subarray(0, MAX_FRAME);
    rest = rest.subarray(piece.length);
    const flags = rest.length ? 0 : FLAG_END_HEADERS;
    frames.push(frameHeader(piece.length, TYPE_CONTINUATION, flags, block.streamId), piece);
  }
  return frames;
}

/** Wraps a client's socket: reads pass through an AuthorityRewriter, writes go straight to it. */
export class AuthorityRewritingStream extends Duplex {
  private readonly rewriter: AuthorityRewriter;

  constructor(
    private readonly socket: Duplex,
    opts: { dropSettingsAck?: boolean } = {},
  ) {
    super();
    this.rewriter = new AuthorityRewriter(opts.dropSettingsAck);
    socket.on("data", (chunk: Buffer) => {
      let more = true;
      for (const b of this.rewriter.push(chunk)) more = this.push(b) && more;
      if (!more) socket.pause();
    });
    socket.on("end", () => this.push(null));
    socket.on("error", (err) => this.destroy(err));
    socket.on("close", () => this.destroy());
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.socket.write(chunk, cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.socket.end(cb);
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    this.socket.destroy(err ?? undefined);
    cb(err);
  }
}

/** berthd's first frame on every connection: SETTINGS with no parameter (all defaults). */
export const FIRST_SETTINGS = Buffer.from([0, 0, 0, TYPE_SETTINGS, 0, 0, 0, 0, 0]);
/** More than this before the first header block: the connection is rewritten. */
const SNIFF_LIMIT = 64 * 1024;

/** How a connection goes to the HTTP/2 server, and the bytes read from it so far. */
export interface Sniffed {
  rewrite: boolean;
  bytes: Buffer;
  /** The client has not acknowledged FIRST_SETTINGS yet: the rewriter must leave that out. */
  ackPending: boolean;
}

/**
 * Reads the start of a connection up to its first complete header block and the acknowledgement of
 * FIRST_SETTINGS, which it takes out. Pure; no I/O.
 */
export class ConnectionSniffer {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private acked = false;
  private fragments: Buffer[] = [];
  private rewrite: boolean | undefined;

  /** Feeds bytes; returns the decision once it can be made. */
  push(chunk: Buffer): Sniffed | undefined {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    if (this.pos === 0) {
      if (this.buf.length < PREFACE_BYTES) return undefined;
      // Not HTTP/2: nghttp2 answers it.
      if (!this.buf.subarray(0, PREFACE_BYTES).equals(PREFACE)) return this.done(false);
      this.pos = PREFACE_BYTES;
    }
    while (this.buf.length - this.pos >= FRAME_HEADER) {
      const length = this.buf.readUIntBE(this.pos, 3);
      const type = this.buf.readUInt8(this.pos + 3);
      const flags = this.buf.readUInt8(this.pos + 4);
      const end = this.pos + FRAME_HEADER + length;
      if (end > this.buf.length) break;
      if (!this.acked && type === TYPE_SETTINGS && flags === FLAG_ACK && length === 0) {
        this.acked = true;
        this.buf = Buffer.concat([this.buf.subarray(0, this.pos), this.buf.subarray(end)]);
        continue;
      }
      if (this.rewrite === undefined && (type === TYPE_HEADERS || type === TYPE_CONTINUATION))
        this.headerFrame(type, flags, this.buf.subarray(this.pos + FRAME_HEADER, end));
      this.pos = end;
    }
    if (this.rewrite !== undefined && this.acked) return this.done(this.rewrite);
    if (this.buf.length > SNIFF_LIMIT) return this.done(true);
    return undefined;
  }

  /** The decision now, for a client that is slow to call: rewritten, which is right for any authority. */
  flush(): Sniffed {
    return this.done(true);
  }

  private headerFrame(type: number, flags: number, payload: Buffer): void {
    let fragment = payload;
    if (type === TYPE_HEADERS) {
      const pad = flags & FLAG_PADDED ? (payload[0] ?? 0) : 0;
      const start = (flags & FLAG_PADDED ? 1 : 0) + (flags & FLAG_PRIORITY ? 5 : 0);
      if (start + pad > payload.length) {
        this.rewrite = true;
        return;
      }
      fragment = payload.subarray(start, payload.length - pad);
    } else if (this.fragments.length === 0) {
      this.rewrite = true; // CONTINUATION without HEADERS: malformed, nghttp2 refuses it either way
      return;
    }
    this.fragments.push(fragment);
    if (flags & FLAG_END_HEADERS) this.rewrite = !authorityAccepted(Buffer.concat(this.fragments));
  }

  private done(rewrite: boolean): Sniffed {
    return { rewrite, bytes: this.buf, ackPending: !this.acked };
  }
}

/**
 * Takes a client's connection: sends FIRST_SETTINGS, reads up to the first call, and hands the
 * connection to `serve`, as it is or through an AuthorityRewritingStream. A client that makes no call
 * within `waitMs` is rewritten. Returns a function that drops the connection while it is still here.
 */
export function acceptClient(
  socket: Socket,
  serve: (conn: Duplex, rewritten: boolean) => void,
  waitMs = 2000,
): () => void {
  const sniffer = new ConnectionSniffer();
  let pending = true;
  const finish = (s: Sniffed) => {
    if (!pending) return;
    pending = false;
    clearTimeout(timer);
    socket.off("data", onData);
    socket.off("end", onEnd);
    socket.pause();
    if (s.bytes.length) socket.unshift(s.bytes);
    serve(
      s.rewrite ? new AuthorityRewritingStream(socket, { dropSettingsAck: s.ackPending }) : socket,
      s.rewrite,
    );
  };
  const onData = (chunk: Buffer) => {
    const s = sniffer.push(chunk);
    if (s) finish(s);
  };
  const onEnd = () => drop();
  const drop = () => {
    if (!pending) return;
    pending = false;
    clearTimeout(timer);
    socket.destroy();
  };
  const timer = setTimeout(() => finish(sniffer.flush()), waitMs);
  socket.on("data", onData);
  socket.once("end", onEnd);
  socket.once("close", drop);
  socket.write(FIRST_SETTINGS);
  return drop;
}
