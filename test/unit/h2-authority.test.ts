import { describe, expect, it } from "vitest";
import { AuthorityRewriter, rewriteAuthority } from "../../src/cri/h2-authority.js";

const PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

function frame(type: number, flags: number, stream: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(9);
  h.writeUIntBE(payload.length, 0, 3);
  h[3] = type;
  h[4] = flags;
  h.writeUInt32BE(stream, 5);
  return Buffer.concat([h, payload]);
}

/** An HPACK string literal without Huffman coding (lengths < 127). */
function str(s: string): Buffer {
  return Buffer.concat([Buffer.from([s.length]), Buffer.from(s)]);
}

const path = "/run/berth/berth.sock";
// :method POST (static 3), literal :authority with incremental indexing (name index 1), :path literal
const block = Buffer.concat([Buffer.from([0x83, 0x41]), str(path), Buffer.from([0x04]), str("/x")]);
const expected = Buffer.concat([Buffer.from([0x83, 0x41]), str("localhost"), Buffer.from([0x04]), str("/x")]);

function feed(rw: AuthorityRewriter, input: Buffer, step: number): Buffer {
  const out: Buffer[] = [];
  for (let i = 0; i < input.length; i += step) out.push(...rw.push(input.subarray(i, i + step)));
  return Buffer.concat(out);
}

describe("HTTP/2 :authority rewriting", () => {
  it("replaces a literal socket-path authority and keeps every other field", () => {
    expect(rewriteAuthority(block)).toEqual(expected);
  });

  it("replaces the indexed empty authority (static entry 1) with a literal", () => {
    const out = rewriteAuthority(Buffer.from([0x83, 0x81, 0x86]));
    expect(out).toEqual(Buffer.concat([Buffer.from([0x83, 0x01]), str("localhost"), Buffer.from([0x86])]));
  });

  it('replaces a literal name ":authority" without indexing and never-indexed forms', () => {
    const lit = Buffer.concat([Buffer.from([0x00]), str(":authority"), str(path)]);
    expect(rewriteAuthority(lit)).toEqual(
      Buffer.concat([Buffer.from([0x00]), str(":authority"), str("localhost")]),
    );
    const never = Buffer.concat([Buffer.from([0x11]), str(path)]);
    expect(rewriteAuthority(never)).toEqual(Buffer.concat([Buffer.from([0x11]), str("localhost")]));
  });

  it("leaves a block without :authority byte for byte, and refuses a truncated one", () => {
    const b = Buffer.concat([Buffer.from([0x83, 0x04]), str("/x"), Buffer.from([0x3f, 0xe1, 0x1f])]);
    expect(rewriteAuthority(b)).toBe(b);
    expect(rewriteAuthority(Buffer.from([0x41, 0x20, 0x61]))).toBeUndefined();
  });

  it("rewrites HEADERS split over CONTINUATION, padded and with priority, fed a byte at a time", () => {
    const prio = Buffer.from([0, 0, 0, 0, 15]);
    const headers = frame(
      0x1,
      0x8 | 0x20 | 0x1,
      1,
      Buffer.concat([Buffer.from([2]), prio, block.subarray(0, 5), Buffer.alloc(2)]),
    );
    const cont = frame(0x9, 0x4, 1, block.subarray(5));
    const data = frame(0x0, 0x1, 1, Buffer.from("payload"));
    const out = feed(new AuthorityRewriter(), Buffer.concat([PREFACE, headers, cont, data]), 1);
    const want = Buffer.concat([
      PREFACE,
      frame(0x1, 0x20 | 0x1 | 0x4, 1, Buffer.concat([prio, expected])),
      data,
    ]);
    expect(out).toEqual(want);
  });

  it("passes the rest of the connection on untouched after a malformed header block", () => {
    const bad = frame(0x1, 0x4, 1, Buffer.from([0x41, 0x20, 0x61]));
    const good = frame(0x1, 0x4, 3, block);
    const input = Buffer.concat([PREFACE, bad, good]);
    expect(feed(new AuthorityRewriter(), input, 7)).toEqual(input);
  });

  it("splits a rewritten block larger than 16 KiB into CONTINUATION frames", () => {
    const big = Buffer.concat([
      block,
      Buffer.from([0x00]),
      str("x"),
      Buffer.from([0x7f, 0x82, 0x80, 0x01]), // string length 16_513 = 127 + 16_386
      Buffer.alloc(16_513, 0x61),
    ]);
    const out = feed(new AuthorityRewriter(), Buffer.concat([PREFACE, frame(0x1, 0x4, 5, big)]), 4096);
    const first = out.subarray(PREFACE.length);
    expect(first.readUIntBE(0, 3)).toBe(16_384);
    expect(first[4]).toBe(0); // no END_HEADERS on the first frame
    const second = first.subarray(9 + 16_384);
    expect(second[3]).toBe(0x9);
    expect(second[4]).toBe(0x4);
    const joined = Buffer.concat([first.subarray(9, 9 + 16_384), second.subarray(9)]);
    expect(joined.subarray(0, expected.length)).toEqual(expected);
    expect(joined.length).toBe(big.length - path.length + "localhost".length);
  });
});
