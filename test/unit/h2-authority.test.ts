import { describe, expect, it } from "vitest";
import {
  AuthorityRewriter,
  authorityAccepted,
  ConnectionSniffer,
  rewriteAuthority,
} from "../../src/cri/h2-authority.js";

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

const SETTINGS = frame(0x4, 0, 0, Buffer.alloc(0));
const ACK = frame(0x4, 0x1, 0, Buffer.alloc(0));
const WINDOW = frame(0x8, 0, 0, Buffer.from([0, 0, 0xff, 0xff]));
// What crictl v1.32 (grpc-go) sends first: :method POST, :scheme http, :path, then :authority
// "localhost" Huffman-coded, content-type, and "te" and "grpc-timeout" with literal names.
const GRPC_GO_BLOCK = Buffer.from(
  "8386459962cb6a49a92afdc2bedb6a49a92ee2d9dcc42b1c4b620c7abf4186a0e41d139d095f8b1d75d0620d263d4c4d65647a8a9acac8b4c7602bb8f2e140027465864d833505b11f408e9acac8b0c842d6958b510f21aa9b839bd9ab40899acac8b24d494f6a7f857df70400db",
  "hex",
);

describe("which connections need the rewriter", () => {
  it("takes a localhost authority, plain or Huffman-coded, and a block without one", () => {
    expect(authorityAccepted(GRPC_GO_BLOCK)).toBe(true);
    expect(authorityAccepted(Buffer.concat([Buffer.from([0x83, 0x41]), str("localhost")]))).toBe(true);
    expect(authorityAccepted(Buffer.concat([Buffer.from([0x83, 0x04]), str("/x")]))).toBe(true);
  });

  it("refuses a socket path, the indexed empty authority, a literal name, dynamic references and junk", () => {
    expect(authorityAccepted(block)).toBe(false);
    expect(authorityAccepted(Buffer.from([0x83, 0x81]))).toBe(false);
    expect(authorityAccepted(Buffer.concat([Buffer.from([0x00]), str(":authority"), str(path)]))).toBe(false);
    // ":authority" as a Huffman-coded literal name, then the path
    const huffName = Buffer.concat([
      Buffer.from([0x00, 0x88, 0xb8, 0x3b, 0x53, 0x39, 0xec, 0x32, 0x7d, 0x7f]),
      str(path),
    ]);
    expect(authorityAccepted(huffName)).toBe(false);
    expect(authorityAccepted(Buffer.from([0xbe]))).toBe(false); // dynamic entry 62: unknown
    expect(authorityAccepted(Buffer.from([0x41, 0x20, 0x61]))).toBe(false);
  });

  it("decides at the first header block once its SETTINGS were acknowledged, and takes the acknowledgement out", () => {
    const headers = frame(0x1, 0x4, 1, GRPC_GO_BLOCK);
    const input = Buffer.concat([PREFACE, SETTINGS, WINDOW, ACK, headers]);
    const sniffer = new ConnectionSniffer();
    let decided: ReturnType<ConnectionSniffer["push"]>;
    for (let i = 0; i < input.length && !decided; i += 5) decided = sniffer.push(input.subarray(i, i + 5));
    expect(decided).toEqual({
      rewrite: false,
      bytes: Buffer.concat([PREFACE, SETTINGS, WINDOW, headers]),
      ackPending: false,
    });
  });

  it("waits for the acknowledgement after the header block, and rewrites a socket path", () => {
    const sniffer = new ConnectionSniffer();
    const headers = frame(0x1, 0x4, 1, block);
    expect(sniffer.push(Buffer.concat([PREFACE, SETTINGS, headers]))).toBeUndefined();
    const data = frame(0x0, 0x1, 1, Buffer.from("x"));
    expect(sniffer.push(Buffer.concat([data, ACK, ACK]))).toEqual({
      rewrite: true,
      bytes: Buffer.concat([PREFACE, SETTINGS, headers, data, ACK]), // only the first ACK is ours
      ackPending: false,
    });
  });

  it("rewrites a connection that makes no call yet, leaving the acknowledgement to the rewriter", () => {
    const sniffer = new ConnectionSniffer();
    expect(sniffer.push(Buffer.concat([PREFACE, SETTINGS]))).toBeUndefined();
    expect(sniffer.flush()).toEqual({
      rewrite: true,
      bytes: Buffer.concat([PREFACE, SETTINGS]),
      ackPending: true,
    });
    const rw = new AuthorityRewriter(true);
    const later = Buffer.concat([PREFACE, SETTINGS, ACK, frame(0x1, 0x4, 1, block), ACK]);
    expect(feed(rw, later, 3)).toEqual(Buffer.concat([PREFACE, SETTINGS, frame(0x1, 0x4, 1, expected), ACK]));
  });

  it("hands on what is not HTTP/2 at once, for the server to refuse", () => {
    const junk = Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(new ConnectionSniffer().push(junk)).toEqual({ rewrite: false, bytes: junk, ackPending: true });
  });
});
