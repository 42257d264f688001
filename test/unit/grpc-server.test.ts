// berthd's own gRPC server (src/cri/grpc-server.ts) against the grpc-js client, the peer kubelet's
// Go client behaves like on the wire: status codes, messages, deadlines, cancellation, limits, streams.
import { mkdtemp, rm } from "node:fs/promises";
import { type ClientHttp2Stream, connect } from "node:http2";
import { createServer, connect as netConnect, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, credentials, Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  encodeGrpcMessage,
  GrpcServer,
  type MethodEntry,
  parseGrpcTimeout,
  type ServerCall,
  Status,
} from "../../src/cri/grpc-server.js";

const text = {
  decode: (b: Buffer) => {
    const s = b.toString("utf8");
    if (s.startsWith("garbage")) throw new Error("invalid wire type 7");
    return s;
  },
  encode: (m: unknown) => Buffer.from(String(m)),
};

let cancelledSeen: ((reason: unknown) => void) | undefined;
let floodEnded: ((outcome: { sent: number; error: unknown }) => void) | undefined;

const methods = new Map<string, MethodEntry>([
  ["/t.T/Echo", { ...text, unary: async (c) => `echo:${String(c.request)}` }],
  [
    "/t.T/Fail",
    {
      ...text,
      unary: async () => Promise.reject({ code: Status.NOT_FOUND, details: 'pod "ü%1" not found\n' }),
    },
  ],
  ["/t.T/Throw", { ...text, unary: async () => Promise.reject(new Error("boom")) }],
  ["/t.T/Big", { ...text, unary: async () => "x".repeat(2048) }],
  [
    "/t.T/Hang",
    {
      ...text,
      unary: (c: ServerCall<unknown>) =>
        new Promise((_resolve, reject) => {
          c.cancelled.addEventListener("abort", () => {
            cancelledSeen?.(c.cancelled.reason);
            reject(c.cancelled.reason);
          });
        }),
    },
  ],
  [
    "/t.T/Count",
    {
      ...text,
      stream: async (c, send) => {
        const n = Number(c.request);
        for (let i = 0; i < n; i++) await send(`n${i}`);
        if (n === 2) throw { code: Status.UNAVAILABLE, details: "gone" };
      },
    },
  ],
  [
    "/t.T/Flood",
    {
      ...text,
      // Sends until send() fails: a client that stops reading fills the flow-control window.
      stream: async (_c, send) => {
        let sent = 0;
        try {
          for (;;) {
            await send("y".repeat(1000));
            sent++;
          }
        } catch (error) {
          floodEnded?.({ sent, error });
        }
      },
    },
  ],
]);

let dir: string;
let sock: string;
let listener: Server;
let server: GrpcServer;
let client: Client;

const ident = (b: Buffer) => b;
function unary(path: string, req: string, deadlineMs?: number): Promise<string> {
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      path,
      (s: string) => Buffer.from(s),
      (b: Buffer) => ident(b).toString(),
      req,
      new Metadata(),
      deadlineMs ? { deadline: Date.now() + deadlineMs } : {},
      (err: ServiceError | null, res?: string) => (err ? reject(err) : resolve(res as string)),
    );
  });
}

/** One HTTP/2 request to the test server, below grpc-js: for what a well-behaved client never sends. */
async function withRawStream(
  path: string,
  contentType: string,
  use: (req: ClientHttp2Stream) => Promise<void>,
): Promise<void> {
  const session = connect("http://localhost", { createConnection: () => netConnect(sock) });
  try {
    await use(
      session.request({ ":method": "POST", ":path": path, "content-type": contentType, te: "trailers" }),
    );
  } finally {
    session.close();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "grpc-server-"));
  sock = join(dir, "s.sock");
  server = new GrpcServer({ maxMessageBytes: 1024, methods });
  listener = createServer((c) => server.serve(c));
  await new Promise<void>((r) => listener.listen(sock, () => r()));
  client = new Client(`unix://${sock}`, credentials.createInsecure());
});

afterAll(async () => {
  client?.close();
  await server?.shutdown(1000);
  listener?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("grpc-server wire helpers", () => {
  it("parses grpc-timeout units and refuses malformed values", () => {
    expect(parseGrpcTimeout("2S")).toBe(2000);
    expect(parseGrpcTimeout("1500m")).toBe(1500);
    expect(parseGrpcTimeout("3M")).toBe(180_000);
    expect(parseGrpcTimeout("5000000n")).toBe(5);
    expect(parseGrpcTimeout("123456789S")).toBeUndefined(); // more than 8 digits
    expect(parseGrpcTimeout("10s")).toBeUndefined();
    expect(parseGrpcTimeout(undefined)).toBeUndefined();
  });

  it("percent-encodes grpc-message outside printable ASCII, and % itself", () => {
    expect(encodeGrpcMessage("a b")).toBe("a b");
    expect(encodeGrpcMessage("100%\n")).toBe("100%25%0A");
    expect(encodeGrpcMessage("ü")).toBe("%C3%BC");
  });
});

describe("grpc-server with the grpc-js client", () => {
  it("answers a unary call", async () => {
    await expect(unary("/t.T/Echo", "hi")).resolves.toBe("echo:hi");
  });

  it("carries a handler's status code and message, non-ASCII included", async () => {
    const err = (await unary("/t.T/Fail", "").catch((e: ServiceError) => e)) as ServiceError;
    expect(err.code).toBe(status.NOT_FOUND);
    expect(err.details).toBe('pod "ü%1" not found\n');
  });

  it("answers INTERNAL for a handler's untyped error, UNIMPLEMENTED for an unknown method", async () => {
    expect(((await unary("/t.T/Throw", "").catch((e) => e)) as ServiceError).code).toBe(status.INTERNAL);
    const unknown = (await unary("/t.T/Nope", "").catch((e) => e)) as ServiceError;
    expect(unknown.code).toBe(status.UNIMPLEMENTED);
    expect(unknown.details).toContain("/t.T/Nope");
  });

  it("answers INVALID_ARGUMENT for a request that does not decode", async () => {
    const err = (await unary("/t.T/Echo", "garbage").catch((e) => e)) as ServiceError;
    expect(err.code).toBe(status.INVALID_ARGUMENT);
  });

  it("refuses messages over the limit in both directions with RESOURCE_EXHAUSTED", async () => {
    expect(((await unary("/t.T/Echo", "y".repeat(2000)).catch((e) => e)) as ServiceError).code).toBe(
      status.RESOURCE_EXHAUSTED,
    );
    expect(((await unary("/t.T/Big", "").catch((e) => e)) as ServiceError).code).toBe(
      status.RESOURCE_EXHAUSTED,
    );
    // The connection still serves.
    await expect(unary("/t.T/Echo", "after")).resolves.toBe("echo:after");
  });

  it("answers DEADLINE_EXCEEDED at the client's deadline and aborts the handler's call", async () => {
    const seen = new Promise<unknown>((r) => {
      cancelledSeen = r;
    });
    const t0 = Date.now();
    const err = (await unary("/t.T/Hang", "", 300).catch((e) => e)) as ServiceError;
    expect(err.code).toBe(status.DEADLINE_EXCEEDED);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(String(await seen)).toMatch(/deadline/);
  });

  it("aborts the handler's call when the client cancels", async () => {
    const seen = new Promise<unknown>((r) => {
      cancelledSeen = r;
    });
    const call = client.makeUnaryRequest(
      "/t.T/Hang",
      (s: string) => Buffer.from(s),
      (b: Buffer) => b.toString(),
      "",
      () => {},
    );
    setTimeout(() => call.cancel(), 100);
    expect(String(await seen)).toMatch(/cancelled/);
  });

  it("streams messages, then OK or the handler's error in the trailers", async () => {
    const run = (n: number) =>
      new Promise<{ got: string[]; code: number }>((resolve) => {
        const got: string[] = [];
        const s = client.makeServerStreamRequest(
          "/t.T/Count",
          (x: string) => Buffer.from(x),
          (b: Buffer) => b.toString(),
          String(n),
        );
        s.on("data", (d: string) => got.push(d));
        s.on("error", (e: ServiceError) => resolve({ got, code: e.code }));
        s.on("status", (st: { code: number }) => {
          if (st.code === status.OK) resolve({ got, code: st.code });
        });
      });
    await expect(run(3)).resolves.toEqual({ got: ["n0", "n1", "n2"], code: status.OK });
    await expect(run(2)).resolves.toEqual({ got: ["n0", "n1"], code: status.UNAVAILABLE });
    await expect(run(0)).resolves.toEqual({ got: [], code: status.OK });
  });

  it("answers INVALID_ARGUMENT to a message shorter than its length prefix says", async () => {
    await withRawStream("/t.T/Echo", "application/grpc", async (req) => {
      const trailers = await new Promise<Record<string, unknown>>((resolve, reject) => {
        let headers: Record<string, unknown> = {};
        req.on("response", (h) => {
          headers = h;
        });
        req.on("trailers", (t) => resolve(t));
        req.on("end", () => resolve(headers));
        req.on("error", reject);
        req.resume();
        // A prefix announcing 10 bytes, then the stream ends after 3.
        req.end(Buffer.from([0, 0, 0, 0, 10, 1, 2, 3]));
      });
      expect(Number(trailers["grpc-status"])).toBe(status.INVALID_ARGUMENT);
      expect(String(trailers["grpc-message"])).toMatch(/truncated: 3 of 10 bytes/);
    });
  });

  it("fails a stream's pending send when the client goes while not reading, so nothing waits for good", async () => {
    const ended = new Promise<{ sent: number; error: unknown }>((r) => {
      floodEnded = r;
    });
    await withRawStream("/t.T/Flood", "application/grpc", async (req) => {
      req.pause();
      req.on("error", () => {});
      req.end(Buffer.from([0, 0, 0, 0, 0]));
      await new Promise((r) => setTimeout(r, 300));
      req.close();
      const outcome = await Promise.race([
        ended,
        new Promise<undefined>((r) => setTimeout(() => r(undefined), 5000)),
      ]);
      // Some went out before the window filled; then the wait for room ended with the stream.
      expect(outcome?.sent).toBeGreaterThan(0);
      expect(outcome?.error).toMatchObject({ code: Status.CANCELLED });
    });
  });

  it("answers 415 to a request that is not gRPC", async () => {
    await withRawStream("/t.T/Echo", "application/json", async (req) => {
      const code = await new Promise<number>((resolve, reject) => {
        req.on("response", (h) => resolve(Number(h[":status"])));
        req.on("error", reject);
        req.end("{}");
      });
      expect(code).toBe(415);
    });
  });
});
