// SPDY/3 frame layout (draft-mbelshe-httpbis-spdy-00, as moby/spdystream's framer reads and writes
// it): every frame has an 8-byte head. Control frames: C=1, 15-bit version (3), 16-bit type, 8-bit
// flags, 24-bit length. Data frames: C=0, 31-bit stream id, 8-bit flags, 24-bit length. Header
// blocks are zlib-compressed elsewhere (spdy-zlib.ts); this file only frames bytes.

export const SPDY_VERSION = 3;

export const FrameType = {
  SynStream: 1,
  SynReply: 2,
  RstStream: 3,
  Settings: 4,
  Ping: 6,
  GoAway: 7,
  Headers: 8,
  WindowUpdate: 9,
} as const;
type FrameTypeCode = (typeof FrameType)[keyof typeof FrameType];

export const FLAG_FIN = 0x01;
export const FLAG_UNIDIRECTIONAL = 0x02;
export const FLAG_SETTINGS_CLEAR = 0x01;

/** RST_STREAM status codes. */
export const RstStatus = {
  ProtocolError: 1,
  InvalidStream: 2,
  RefusedStream: 3,
  UnsupportedVersion: 4,
  Cancel: 5,
  InternalError: 6,
  FlowControlError: 7,
  StreamInUse: 8,
  StreamAlreadyClosed: 9,
} as const;

/** GOAWAY status codes. */
export const GoAwayStatus = { Ok: 0, ProtocolError: 1, InternalError: 2 } as const;

export const SETTINGS_INITIAL_WINDOW_SIZE = 7;

/** The largest payload a frame can carry (24-bit length). */
export const MAX_FRAME_LENGTH = 0xffffff;

export type SpdyFrame =
  | { type: "data"; streamId: number; fin: boolean; data: Buffer }
  | {
      type: "syn_stream";
      streamId: number;
      associatedId: number;
      priority: number;
      fin: boolean;
      unidirectional: boolean;
      block: Buffer;
    }
  | { type: "syn_reply"; streamId: number; fin: boolean; block: Buffer }
  | { type: "headers"; streamId: number; fin: boolean; block: Buffer }
  | { type: "rst_stream"; streamId: number; status: number }
  | { type: "settings"; clear: boolean; entries: { flags: number; id: number; value: number }[] }
  | { type: "ping"; id: number }
  | { type: "goaway"; lastGoodStreamId: number; status: number }
  | { type: "window_update"; streamId: number; delta: number }
  | { type: "unknown"; frameType: number };

/** A frame the peer should never have sent: the connection cannot go on. */
export class SpdyProtocolError extends Error {
  override name = "SpdyProtocolError";
}

const STREAM_ID_MASK = 0x7fffffff;

function need(cond: boolean, what: string): void {
  if (!cond) throw new SpdyProtocolError(what);
}

function parseControl(type: number, flags: number, p: Buffer): SpdyFrame {
  switch (type) {
    case FrameType.SynStream: {
      need(p.length >= 10, "SYN_STREAM shorter than 10 bytes");
      const streamId = p.readUInt32BE(0) & STREAM_ID_MASK;
      need(streamId !== 0, "SYN_STREAM with stream id 0");
      return {
        type: "syn_stream",
        streamId,
        associatedId: p.readUInt32BE(4) & STREAM_ID_MASK,
        priority: (p[8] as number) >> 5,
        fin: (flags & FLAG_FIN) !== 0,
        unidirectional: (flags & FLAG_UNIDIRECTIONAL) !== 0,
        block: p.subarray(10),
      };
    }
    case FrameType.SynReply:
    case FrameType.Headers: {
      const name = type === FrameType.SynReply ? "SYN_REPLY" : "HEADERS";
      need(p.length >= 4, `${name} shorter than 4 bytes`);
      const streamId = p.readUInt32BE(0) & STREAM_ID_MASK;
      need(streamId !== 0, `${name} with stream id 0`);
      return {
        type: type === FrameType.SynReply ? "syn_reply" : "headers",
        streamId,
        fin: (flags & FLAG_FIN) !== 0,
        block: p.subarray(4),
      };
    }
    case FrameType.RstStream: {
      need(p.length === 8, "RST_STREAM length is not 8");
      const streamId = p.readUInt32BE(0) & STREAM_ID_MASK;
      const status = p.readUInt32BE(4);
      need(streamId !== 0, "RST_STREAM with stream id 0");
      need(status !== 0, "RST_STREAM with status 0");
      return { type: "rst_stream", streamId, status };
    }
    case FrameType.Settings: {
      need(p.length >= 4, "SETTINGS shorter than 4 bytes");
      const n = p.readUInt32BE(0);
      need(p.length === 4 + 8 * n, "SETTINGS length does not match its entry count");
      const entries = [];
      for (let i = 0; i < n; i++) {
        const word = p.readUInt32BE(4 + 8 * i);
        entries.push({ flags: word >>> 24, id: word & 0xffffff, value: p.readUInt32BE(8 + 8 * i) });
      }
      return { type: "settings", clear: (flags & FLAG_SETTINGS_CLEAR) !== 0, entries };
    }
    case FrameType.Ping:
      need(p.length === 4, "PING length is not 4");
      return { type: "ping", id: p.readUInt32BE(0) };
    case FrameType.GoAway:
      need(p.length === 8, "GOAWAY length is not 8");
      return {
        type: "goaway",
        lastGoodStreamId: p.readUInt32BE(0) & STREAM_ID_MASK,
        status: p.readUInt32BE(4),
      };
    case FrameType.WindowUpdate:
      need(p.length === 8, "WINDOW_UPDATE length is not 8");
      return {
        type: "window_update",
        streamId: p.readUInt32BE(0) & STREAM_ID_MASK,
        delta: p.readUInt32BE(4) & STREAM_ID_MASK,
      };
    default:
      // The spec says to ignore control frames of unknown type.
      return { type: "unknown", frameType: type };
  }
}

/** Splits a byte stream into frames; keeps a partial frame until the rest arrives. */
export class FrameParser {
  private buf: Buffer = Buffer.alloc(0);
  /** Chunks of a large frame still arriving, joined once it is complete (not on every chunk). */
  private parts: Buffer[] = [];
  private partsLength = 0;

  /** Bytes held for a frame not yet complete. */
  get buffered(): number {
    return this.buf.length + this.partsLength;
  }

  /** The complete frames in what arrived so far; throws SpdyProtocolError on a malformed one. */
  push(chunk: Buffer): SpdyFrame[] {
    if (this.parts.length > 0 || (this.buf.length >= 8 && this.buf.length + chunk.length < this.needed())) {
      this.parts.push(chunk);
      this.partsLength += chunk.length;
      if (this.buf.length + this.partsLength < this.needed()) return [];
      chunk = Buffer.concat(this.parts, this.partsLength);
      this.parts = [];
      this.partsLength = 0;
    }
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: SpdyFrame[] = [];
    while (this.buf.length >= 8) {
      const len = this.buf.readUInt32BE(4) & 0xffffff;
      if (this.buf.length < 8 + len) break;
      const first = this.buf.readUInt32BE(0);
      const flags = this.buf[4] as number;
      const payload = this.buf.subarray(8, 8 + len);
      this.buf = this.buf.subarray(8 + len);
      if (first & 0x80000000) {
        const version = (first >>> 16) & 0x7fff;
        if (version !== SPDY_VERSION) throw new SpdyProtocolError(`unsupported SPDY version ${version}`);
        out.push(parseControl(first & 0xffff, flags, payload));
      } else {
        const streamId = first & STREAM_ID_MASK;
        need(streamId !== 0, "data frame with stream id 0");
        out.push({ type: "data", streamId, fin: (flags & FLAG_FIN) !== 0, data: payload });
      }
    }
    return out;
  }

  /** Total bytes of the frame whose head is buffered. */
  private needed(): number {
    return 8 + (this.buf.readUInt32BE(4) & 0xffffff);
  }
}

function control(type: FrameTypeCode, flags: number, payload: Buffer): Buffer {
  if (payload.length > MAX_FRAME_LENGTH) throw new RangeError("control frame too large");
  const head = Buffer.allocUnsafe(8);
  head.writeUInt16BE(0x8000 | SPDY_VERSION, 0);
  head.writeUInt16BE(type, 2);
  head.writeUInt32BE(((flags << 24) | payload.length) >>> 0, 4);
  return Buffer.concat([head, payload]);
}

function words(...values: number[]): Buffer {
  const b = Buffer.allocUnsafe(4 * values.length);
  for (const [i, v] of values.entries()) b.writeUInt32BE(v >>> 0, 4 * i);
  return b;
}

export function dataFrame(streamId: number, data: Buffer, fin: boolean): Buffer {
  if (data.length > MAX_FRAME_LENGTH) throw new RangeError("data frame too large");
  const head = Buffer.allocUnsafe(8);
  head.writeUInt32BE(streamId & STREAM_ID_MASK, 0);
  head.writeUInt32BE((((fin ? FLAG_FIN : 0) << 24) | data.length) >>> 0, 4);
  return data.length === 0 ? head : Buffer.concat([head, data]);
}

export function synStreamFrame(p: {
  streamId: number;
  associatedId?: number;
  priority?: number;
  fin?: boolean;
  unidirectional?: boolean;
  block: Buffer;
}): Buffer {
  const fixed = Buffer.alloc(10);
  fixed.writeUInt32BE(p.streamId & STREAM_ID_MASK, 0);
  fixed.writeUInt32BE((p.associatedId ?? 0) & STREAM_ID_MASK, 4);
  fixed[8] = ((p.priority ?? 0) & 7) << 5;
  const flags = (p.fin ? FLAG_FIN : 0) | (p.unidirectional ? FLAG_UNIDIRECTIONAL : 0);
  return control(FrameType.SynStream, flags, Buffer.concat([fixed, p.block]));
}

export function synReplyFrame(streamId: number, block: Buffer, fin = false): Buffer {
  return control(FrameType.SynReply, fin ? FLAG_FIN : 0, Buffer.concat([words(streamId), block]));
}

export function headersFrame(streamId: number, block: Buffer, fin = false): Buffer {
  return control(FrameType.Headers, fin ? FLAG_FIN : 0, Buffer.concat([words(streamId), block]));
}

export function rstStreamFrame(streamId: number, status: number): Buffer {
  return control(FrameType.RstStream, 0, words(streamId, status));
}

export function settingsFrame(
  entries: { flags?: number; id: number; value: number }[],
  clear = false,
): Buffer {
  const body = [words(entries.length)];
  for (const e of entries) body.push(words((((e.flags ?? 0) << 24) | e.id) >>> 0, e.value));
  return control(FrameType.Settings, clear ? FLAG_SETTINGS_CLEAR : 0, Buffer.concat(body));
}

export function pingFrame(id: number): Buffer {
  return control(FrameType.Ping, 0, words(id));
}

export function goAwayFrame(lastGoodStreamId: number, status: number): Buffer {
  return control(FrameType.GoAway, 0, words(lastGoodStreamId, status));
}

export function windowUpdateFrame(streamId: number, delta: number): Buffer {
  return control(FrameType.WindowUpdate, 0, words(streamId, delta));
}

/** Header names are lowercase on the wire; several values of one name are joined by NUL. */
export type SpdyHeaders = Map<string, string[]>;

/** The uncompressed name/value block: a 32-bit count, then length-prefixed names and values. */
export function encodeHeaderBlock(headers: Iterable<[string, string | string[]]>): Buffer {
  const parts: Buffer[] = [];
  let n = 0;
  for (const [name, value] of headers) {
    const v = Buffer.from(Array.isArray(value) ? value.join("\0") : value, "utf8");
    const k = Buffer.from(name.toLowerCase(), "utf8");
    parts.push(words(k.length), k, words(v.length), v);
    n++;
  }
  return Buffer.concat([words(n), ...parts]);
}

export function parseHeaderBlock(block: Buffer): SpdyHeaders {
  const out: SpdyHeaders = new Map();
  need(block.length >= 4, "header block shorter than its count");
  const n = block.readUInt32BE(0);
  let off = 4;
  const take = (): string => {
    need(block.length >= off + 4, "header block truncated");
    const len = block.readUInt32BE(off);
    off += 4;
    need(block.length >= off + len, "header block truncated");
    const s = block.toString("utf8", off, off + len);
    off += len;
    return s;
  };
  for (let i = 0; i < n; i++) {
    const name = take().toLowerCase();
    const values = take().split("\0");
    out.set(name, [...(out.get(name) ?? []), ...values]);
  }
  return out;
}
