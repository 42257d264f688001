import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StreamingServer } from "../../src/cri/streaming/server.js";
import {
  dataFrame,
  encodeHeaderBlock,
  FrameParser,
  goAwayFrame,
  headersFrame,
  parseHeaderBlock,
  pingFrame,
  rstStreamFrame,
  SpdyProtocolError,
  settingsFrame,
  synReplyFrame,
  synStreamFrame,
  windowUpdateFrame,
} from "../../src/cri/streaming/spdy-frames.js";
import { HeaderCompressor, HeaderDecompressor, SPDY3_DICTIONARY } from "../../src/cri/streaming/spdy-zlib.js";
import { exitStatus } from "../../src/cri/streaming/status.js";
import type { StreamRequest } from "../../src/cri/streaming/tokens.js";
import { JsonSplitter, type StreamConnection, terminalSize } from "../../src/cri/streaming/transport.js";
import { logger } from "../../src/log.js";
import {
  dataFrameBytes,
  forwardOnce,
  HttpUpgradeError,
  openRemoteCommand,
  SpdyClient,
  spdyRemoteCommand,
} from "../helpers/spdy-client.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function adler32(b: Buffer): number {
  let a = 1;
  let s = 0;
  for (const x of b) {
    a = (a + x) % 65521;
    s = (s + a) % 65521;
  }
  return ((s << 16) | a) >>> 0;
}

// Chromium's spdy_framer_test.cc, CreateSynStreamCompressed (SPDY/3): stream 1, priority 4,
// headers bar: foo and foo: bar, compressed with the SPDY/3 dictionary.
const CHROMIUM_SYN_STREAM = Buffer.from([
  0x80, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x37, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00,
  0x38, 0xea, 0xe3, 0xc6, 0xa7, 0xc2, 0x02, 0xe5, 0x0e, 0x50, 0xc2, 0x4b, 0x4a, 0x04, 0xe5, 0x0b, 0x66, 0x80,
  0x00, 0x4a, 0xcb, 0xcf, 0x07, 0x08, 0x20, 0x10, 0x95, 0x96, 0x9f, 0x0f, 0xa2, 0x00, 0x02, 0x28, 0x29, 0xb1,
  0x08, 0x20, 0x80, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff,
]);

describe("SPDY/3 framing", () => {
  it("every frame type round-trips through the parser", () => {
    const block = Buffer.from("not really compressed");
    const bytes = Buffer.concat([
      dataFrame(5, Buffer.from("hello"), true),
      synStreamFrame({ streamId: 3, associatedId: 1, priority: 7, fin: true, unidirectional: true, block }),
      synReplyFrame(3, block, true),
      headersFrame(3, block),
      rstStreamFrame(3, 5),
      settingsFrame([{ flags: 1, id: 7, value: 65536 }], true),
      pingFrame(9),
      goAwayFrame(7, 1),
      windowUpdateFrame(3, 1000),
    ]);
    // Fed a byte at a time: partial frames wait for the rest.
    const p = new FrameParser();
    const frames = [];
    for (const b of bytes) frames.push(...p.push(Buffer.from([b])));
    expect(frames).toEqual([
      { type: "data", streamId: 5, fin: true, data: Buffer.from("hello") },
      {
        type: "syn_stream",
        streamId: 3,
        associatedId: 1,
        priority: 7,
        fin: true,
        unidirectional: true,
        block,
      },
      { type: "syn_reply", streamId: 3, fin: true, block },
      { type: "headers", streamId: 3, fin: false, block },
      { type: "rst_stream", streamId: 3, status: 5 },
      { type: "settings", clear: true, entries: [{ flags: 1, id: 7, value: 65536 }] },
      { type: "ping", id: 9 },
      { type: "goaway", lastGoodStreamId: 7, status: 1 },
      { type: "window_update", streamId: 3, delta: 1000 },
    ]);
    expect(p.buffered).toBe(0);
  });

  it("a large frame arriving in many chunks is parsed once complete", () => {
    const big = Buffer.alloc(3 << 20, 7);
    const bytes = Buffer.concat([dataFrame(3, big, false), pingFrame(1)]);
    const p = new FrameParser();
    const frames = [];
    for (let off = 0; off < bytes.length; off += 1000)
      frames.push(...p.push(bytes.subarray(off, off + 1000)));
    expect(frames.map((f) => f.type)).toEqual(["data", "ping"]);
    expect(frames[0]?.type === "data" && frames[0].data.equals(big)).toBe(true);
    expect(p.buffered).toBe(0);
  });

  it("resize messages are split into JSON values as Go's json.Decoder reads them", () => {
    const j = new JsonSplitter();
    expect(j.push(Buffer.from('{"Width":80,"Height":24}\n{"Width":1'))).toEqual([{ Width: 80, Height: 24 }]);
    expect(j.push(Buffer.from('00,"Height":"}{"}{"Width":3,"Height":4}'))).toEqual([
      { Width: 100, Height: "}{" },
      { Width: 3, Height: 4 },
    ]);
    expect(terminalSize({ Width: 100, Height: 30 })).toEqual({ rows: 30, cols: 100 });
    expect(terminalSize({ Width: 100, Height: "}{" })).toBeUndefined();
  });

  it("a data frame head is the stream id, FIN flag and 24-bit length", () => {
    expect(dataFrame(1, Buffer.from("ab"), true).toString("hex")).toBe("00000001010000026162");
    expect(pingFrame(1).toString("hex")).toBe("800300060000000400000001");
  });

  it("malformed frames are protocol errors, unknown control types are skipped", () => {
    const bad = (hex: string) => () => new FrameParser().push(Buffer.from(hex, "hex"));
    expect(bad("8002000600000004 00000001".replace(/ /g, ""))).toThrow(SpdyProtocolError); // version 2
    expect(bad("800300030000000400000001")).toThrow(/RST_STREAM/); // short RST
    expect(bad("80030007000000040000000100000000".slice(0, 24))).toThrow(/GOAWAY/);
    expect(bad("0000000000000000")).toThrow(/stream id 0/);
    expect(bad("80030004000000040000000a")).toThrow(/SETTINGS/);
    expect(new FrameParser().push(Buffer.from("8003000a0000000100", "hex"))).toEqual([
      { type: "unknown", frameType: 10 },
    ]);
  });

  it("header blocks join repeated values with NUL and lowercase names", () => {
    const block = encodeHeaderBlock([
      ["X-Stream-Protocol-Version", ["a", "b"]],
      ["port", "80"],
    ]);
    const h = parseHeaderBlock(block);
    expect(h.get("x-stream-protocol-version")).toEqual(["a", "b"]);
    expect(h.get("port")).toEqual(["80"]);
    expect(() => parseHeaderBlock(block.subarray(0, block.length - 1))).toThrow(SpdyProtocolError);
  });
});

describe("SPDY/3 header compression", () => {
  it("the dictionary is the draft's: 1423 bytes with Adler-32 e3c6a7c2", () => {
    expect(SPDY3_DICTIONARY.length).toBe(1423);
    expect(adler32(SPDY3_DICTIONARY).toString(16)).toBe("e3c6a7c2");
  });

  it("decodes Chromium's compressed SYN_STREAM test vector", async () => {
    const [f] = new FrameParser().push(CHROMIUM_SYN_STREAM);
    expect(f?.type).toBe("syn_stream");
    if (f?.type !== "syn_stream") return;
    expect(f.priority).toBe(4);
    const h = parseHeaderBlock(await new HeaderDecompressor().decompress(f.block));
    expect(Object.fromEntries(h)).toEqual({ bar: ["foo"], foo: ["bar"] });
  });

  it("one context per direction: later blocks refer back to earlier ones and still decode", async () => {
    const c = new HeaderCompressor();
    const d = new HeaderDecompressor();
    const blocks = [1, 2, 3].map((i) =>
      encodeHeaderBlock([
        ["streamtype", "stdout"],
        ["n", String(i)],
      ]),
    );
    const compressed = await Promise.all(blocks.map((b) => c.compress(b)));
    for (const z of compressed) expect(z.subarray(-4).toString("hex")).toBe("0000ffff"); // sync flush
    expect(compressed[2]?.length).toBeLessThan(compressed[0]?.length ?? 0);
    for (const [i, z] of compressed.entries()) expect(await d.decompress(z)).toEqual(blocks[i]);
    // Out of order, the second block alone does not decode in a fresh context.
    await expect(new HeaderDecompressor().decompress(compressed[1] as Buffer)).rejects.toThrow(
      SpdyProtocolError,
    );
    c.close();
    d.close();
  });
});

describe("SPDY/3.1 streaming server (with a stand-in handler)", () => {
  let server: StreamingServer;
  const seen: StreamConnection[] = [];
  /** What the stand-in handler does with exec requests: echoes stdin, or prints its cmd. */
  const handler = (req: StreamRequest, conn: StreamConnection) => {
    seen.push(conn);
    if (conn.kind === "portforward") {
      conn.accept((f) => {
        if (f.port === 9) {
          void f.error(`error forwarding port 9 to pod x, uid : connection refused`).then(() => f.close());
          return;
        }
        f.data.on("data", (b: Buffer) => void f.out.write(Buffer.from(b.toString().toUpperCase())));
        f.data.on("end", () => f.close());
      });
      return;
    }
    if (req.kind !== "exec") return;
    const arg = req.cmd[0] ?? "";
    if (arg === "echo-stdin" && conn.stdin) {
      conn.stdin.on("data", (b: Buffer) => void conn.stdout?.write(b));
      conn.stdin.on("end", () => void conn.writeStatus(exitStatus(0)).then(() => conn.close()));
      return;
    }
    if (arg === "hang") return;
    void (async () => {
      await conn.stdout?.write(Buffer.from(`out:${arg}`));
      await conn.stderr?.write(Buffer.from("err"));
      await conn.writeStatus(exitStatus(Number(req.cmd[1] ?? 0)));
      conn.close();
    })();
  };
  const exec = (cmd: string[], extra: Partial<{ stdin: boolean; tty: boolean; stderr: boolean }> = {}) =>
    server.url({
      kind: "exec",
      containerId: "c",
      cmd,
      tty: false,
      stdin: false,
      stdout: true,
      stderr: true,
      ...extra,
    });

  beforeAll(async () => {
    server = new StreamingServer({
      address: "127.0.0.1:0",
      tokenTTLMs: 60_000,
      log: logger().child({ test: "spdy" }),
      handler,
      streamCreationTimeoutMs: 500,
    });
    await server.listen();
  });
  afterAll(async () => {
    await server.close();
  });

  it("v4 answers 101 with the negotiated protocol and reports the exit as Status JSON", async () => {
    const r = await spdyRemoteCommand(exec(["a", "3"]), {
      protocols: ["v4.channel.k8s.io", "v3.channel.k8s.io"],
    });
    expect(r.stdout).toBe("out:a");
    expect(r.stderr).toBe("err");
    expect(JSON.parse(r.error)).toMatchObject({
      reason: "NonZeroExitCode",
      details: { causes: [{ reason: "ExitCode", message: "3" }] },
    });
  });

  it("the client's order wins the negotiation; v2 reports failures as text, success as nothing", async () => {
    const s = await openRemoteCommand(exec(["b", "0"]), {
      protocols: ["v2.channel.k8s.io", "v4.channel.k8s.io"],
    });
    expect(s.client.protocol).toBe("v2.channel.k8s.io");
    expect(await s.result()).toEqual({ stdout: "out:b", stderr: "err", error: "" });
    const f = await spdyRemoteCommand(exec(["b", "5"]), { protocols: ["v2.channel.k8s.io"] });
    expect(f.error).toMatch(/non-zero exit code.*exit status 5/);
  });

  it("v1 resets the error stream once the streams are there", async () => {
    const s = await openRemoteCommand(exec(["c", "5"]), { protocols: ["channel.k8s.io"] });
    const r = await s.result();
    expect(r.stdout).toBe("out:c");
    expect(s.streams.error?.resetStatus).toBe(5);
    expect(r.error).toBe("");
  });

  it("stdin streams through and its FIN ends it", async () => {
    const r = await spdyRemoteCommand(exec(["echo-stdin"], { stdin: true }), { stdin: "round trip" });
    expect(r.stdout).toBe("round trip");
    expect(JSON.parse(r.error).status).toBe("Success");
  });

  it("negotiation failures: no header is 400, no common protocol is 403 listing the accepted ones", async () => {
    const none = await SpdyClient.connect(exec(["x"]), []).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(HttpUpgradeError);
    expect((none as HttpUpgradeError).status).toBe(400);
    const url = exec(["x"]);
    const bad = (await SpdyClient.connect(url, ["v9.channel.k8s.io"]).catch(
      (e: unknown) => e,
    )) as HttpUpgradeError;
    expect(bad.status).toBe(403);
    expect(bad.headers["x-accepted-stream-protocol-versions"]).toContain("v4.channel.k8s.io");
    // A refused negotiation does not use the token up.
    expect((await spdyRemoteCommand(url)).stdout).toBe("out:x");
  });

  it("a used, unknown or expired token gets 404", async () => {
    const url = exec(["y"]);
    await spdyRemoteCommand(url);
    await expect(SpdyClient.connect(url, ["v4.channel.k8s.io"])).rejects.toMatchObject({ status: 404 });
    await expect(
      SpdyClient.connect(url.replace(/[^/]+$/, "nope"), ["v4.channel.k8s.io"]),
    ).rejects.toMatchObject({
      status: 404,
    });
    const short = new StreamingServer({
      address: "127.0.0.1:0",
      tokenTTLMs: 50,
      log: logger().child({ test: "spdy" }),
      handler: () => {
        throw new Error("must not be called");
      },
    });
    await short.listen();
    const expired = short.url({ kind: "portforward", podSandboxId: "p" });
    await sleep(120);
    await expect(SpdyClient.connect(expired, ["portforward.k8s.io"])).rejects.toMatchObject({ status: 404 });
    await short.close();
  });

  it("a client that never opens its streams is cut off after the creation timeout", async () => {
    const before = seen.length;
    const c = await SpdyClient.connect(exec(["z"]), ["v4.channel.k8s.io"]);
    await c.createStream({ streamType: "error" });
    await c.closed;
    expect(seen.length).toBe(before);
  });

  it("answers the client's pings", async () => {
    const s = await openRemoteCommand(exec(["hang"]));
    s.client.ping(7);
    const until = Date.now() + 2000;
    while (!s.client.pings.includes(7) && Date.now() < until) await sleep(10);
    expect(s.client.pings).toContain(7);
    s.client.destroy();
  });

  it("malformed frames end the connection with GOAWAY, and the server goes on", async () => {
    for (const garbage of [
      Buffer.from("8002000600000004 00000001".replace(/ /g, ""), "hex"), // SPDY/2
      Buffer.from("800300030000000400000001", "hex"), // RST_STREAM too short
      Buffer.concat([Buffer.from("800300010000000e00000005000000000000", "hex"), Buffer.from("zzzz")]), // bad zlib
    ]) {
      const s = await openRemoteCommand(exec(["hang"]));
      s.client.writeRaw(garbage);
      await s.client.closed;
      expect(s.client.goAway?.status).toBe(1);
    }
    expect((await spdyRemoteCommand(exec(["still"]))).stdout).toBe("out:still");
  });

  it("data for unknown streams and frames of unknown type are ignored", async () => {
    const s = await openRemoteCommand(exec(["echo-stdin"], { stdin: true }), { stdin: "" });
    s.client.writeRaw(dataFrameBytes(99, Buffer.from("nobody"), false));
    s.client.writeRaw(Buffer.from("8003000a0000000100", "hex"));
    const r = await s.result();
    expect(JSON.parse(r.error).status).toBe("Success");
  });

  it("port-forward: pairs by requestID, a refused port errors only its pair, the session lives on", async () => {
    const c = await SpdyClient.connect(server.url({ kind: "portforward", podSandboxId: "p" }), [
      "portforward.k8s.io",
    ]);
    expect(c.protocol).toBe("portforward.k8s.io");
    const refused = await forwardOnce(c, 9, 0, "x");
    expect(refused.error).toMatch(/error forwarding port 9/);
    const ok = await Promise.all([forwardOnce(c, 80, 1, "one"), forwardOnce(c, 80, 2, "two")]);
    expect(ok.map((r) => r.data)).toEqual(["ONE", "TWO"]);
    await expect(c.createStream({ streamType: "data" })).rejects.toThrow(/reset/); // no port header
    c.close();
  });
});
