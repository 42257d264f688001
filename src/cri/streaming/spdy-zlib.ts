// SPDY/3 header compression: zlib with the dictionary of the SPDY/3 draft (section 2.6.10.1), one
// compression context per direction for the whole connection, each header block ended with a
// Z_SYNC_FLUSH so the peer can decode it without the next one. The dictionary must be byte-exact:
// its Adler-32 (0xe3c6a7c2) is the DICTID every peer's first header block carries.
import { constants, createDeflate, createInflate, type Deflate, type Inflate } from "node:zlib";
import { SpdyProtocolError } from "./spdy-frames.js";

// The draft's dictionary is these length-prefixed (uint32 BE) words followed by a raw tail.
const DICTIONARY_WORDS = [
  "options",
  "head",
  "post",
  "put",
  "delete",
  "trace",
  "accept",
  "accept-charset",
  "accept-encoding",
  "accept-language",
  "accept-ranges",
  "age",
  "allow",
  "authorization",
  "cache-control",
  "connection",
  "content-base",
  "content-encoding",
  "content-language",
  "content-length",
  "content-location",
  "content-md5",
  "content-range",
  "content-type",
  "date",
  "etag",
  "expect",
  "expires",
  "from",
  "host",
  "if-match",
  "if-modified-since",
  "if-none-match",
  "if-range",
  "if-unmodified-since",
  "last-modified",
  "location",
  "max-forwards",
  "pragma",
  "proxy-authenticate",
  "proxy-authorization",
  "range",
  "referer",
  "retry-after",
  "server",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "user-agent",
  "vary",
  "via",
  "warning",
  "www-authenticate",
  "method",
  "get",
  "status",
  "200 OK",
  "version",
  "HTTP/1.1",
  "url",
  "public",
  "set-cookie",
  "keep-alive",
  "origin",
];

const DICTIONARY_TAIL =
  "100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505" +
  "203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request" +
  "401 Unauthorized403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented" +
  "503 Service UnavailableJan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 " +
  "Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMTchunked,text/html,image/png,image/jpg,image/gif," +
  "application/xml,application/xhtml+xml,text/plain,text/javascript,publicprivatemax-age=" +
  "gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.";

export const SPDY3_DICTIONARY: Buffer = Buffer.concat([
  ...DICTIONARY_WORDS.flatMap((w) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(w.length, 0);
    return [len, Buffer.from(w, "latin1")];
  }),
  Buffer.from(DICTIONARY_TAIL, "latin1"),
]);

/** A decompressed header block larger than this is treated as an attack, not as headers. */
const MAX_BLOCK = 1 << 20;

/**
 * One direction's zlib context. Blocks are processed strictly one after another (each waits for
 * the previous), so output is attributed to the right block and the wire order is the call order.
 */
class ZlibContext {
  private chain: Promise<unknown> = Promise.resolve();
  private current: { chunks: Buffer[]; size: number } | undefined;
  private failed: Error | undefined;

  constructor(private readonly z: Deflate | Inflate) {
    z.on("data", (b: Buffer) => {
      const c = this.current;
      if (!c) return;
      c.chunks.push(b);
      c.size += b.length;
      if (c.size > MAX_BLOCK) z.destroy(new SpdyProtocolError("header block decompresses beyond 1 MiB"));
    });
    z.on("error", (err: Error) => {
      this.failed ??= err;
    });
  }

  run(input: Buffer): Promise<Buffer> {
    const next = this.chain.then(() => this.once(input));
    this.chain = next.catch(() => {});
    return next;
  }

  private once(input: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      if (this.failed || this.z.destroyed) {
        reject(new SpdyProtocolError(`header compression: ${this.failed?.message ?? "closed"}`));
        return;
      }
      const cur = { chunks: [] as Buffer[], size: 0 };
      this.current = cur;
      const onError = (err: Error) => {
        this.current = undefined;
        reject(new SpdyProtocolError(`header compression: ${err.message}`));
      };
      this.z.once("error", onError);
      // The stream was created with flush: Z_SYNC_FLUSH, so this write's output is complete (and
      // pushed) when its callback runs; read() hands over anything still buffered.
      this.z.write(input, (err) => {
        this.z.off("error", onError);
        if (err || this.failed) {
          onError(err ?? (this.failed as Error));
          return;
        }
        while (this.z.read() !== null) {}
        this.current = undefined;
        resolve(Buffer.concat(cur.chunks, cur.size));
      });
    });
  }

  close(): void {
    this.z.destroy();
  }
}

/** Compresses outgoing header blocks (one context for the connection's sending direction). */
export class HeaderCompressor {
  private readonly ctx = new ZlibContext(
    createDeflate({
      dictionary: SPDY3_DICTIONARY,
      level: constants.Z_BEST_COMPRESSION,
      flush: constants.Z_SYNC_FLUSH,
    }),
  );
  compress(block: Buffer): Promise<Buffer> {
    return this.ctx.run(block);
  }
  close(): void {
    this.ctx.close();
  }
}

/** Decompresses incoming header blocks (one context for the connection's receiving direction). */
export class HeaderDecompressor {
  private readonly ctx = new ZlibContext(
    createInflate({ dictionary: SPDY3_DICTIONARY, flush: constants.Z_SYNC_FLUSH }),
  );
  decompress(block: Buffer): Promise<Buffer> {
    return this.ctx.run(block);
  }
  close(): void {
    this.ctx.close();
  }
}
