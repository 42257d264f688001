// Port forwarding over a v4.channel.k8s.io WebSocket: the ports come from the `port` query
// parameters; port i uses data channel 2i and error channel 2i+1, and the first frame the server
// sends on each carries the port (uint16, little endian). Each port is one TCP connection to
// 127.0.0.1:<port> inside the pod's network namespace (busybox nc under nsenter there; a direct
// socket for host-network pods). A refused connection is reported on that port's error channel.
import { spawn } from "node:child_process";
import { connect } from "node:net";
import type { Duplex, Readable, Writable } from "node:stream";
import type { WebSocket } from "ws";
import type { Logger } from "../../log.js";
import { ChannelWriter, decodeMessage } from "./channels.js";

const NC = "/bin/busybox";

interface Conn {
  input: Writable;
  output: Readable;
  /** Resolves with an error text, or "" when the connection ended cleanly. */
  ended: Promise<string>;
  close(): void;
}

function hostConn(port: number): Conn {
  const sock: Duplex = connect(port, "127.0.0.1");
  const ended = new Promise<string>((r) => {
    sock.once("error", (e) => r(`error forwarding port ${port} to pod: ${e.message}`));
    sock.once("close", () => r(""));
  });
  return { input: sock, output: sock, ended, close: () => sock.destroy() };
}

function netnsConn(netns: string, port: number): Conn {
  const child = spawn("nsenter", [`--net=${netns}`, "--", NC, "nc", "127.0.0.1", String(port)], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let err = "";
  child.stderr.on("data", (b: Buffer) => {
    err += b.toString("utf8");
  });
  child.stdin.on("error", () => {});
  const ended = new Promise<string>((r) => {
    child.once("error", (e) => r(`error forwarding port ${port} to pod: ${e.message}`));
    child.once("close", (code) =>
      r(code === 0 ? "" : `error forwarding port ${port} to pod: ${err.trim() || `exit ${code}`}`),
    );
  });
  return { input: child.stdin, output: child.stdout, ended, close: () => child.kill("SIGKILL") };
}

export function parsePorts(url: URL): number[] {
  return url.searchParams.getAll("port").map((p) => {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`port "${p}" is not a valid port`);
    return n;
  });
}

export function servePortForward(p: {
  ws: WebSocket;
  protocol: string;
  netns: string | undefined;
  ports: number[];
  log: Logger;
}): void {
  const { ws, protocol, ports } = p;
  const out = new ChannelWriter(ws, protocol);
  const conns = ports.map((port) => (p.netns ? netnsConn(p.netns, port) : hostConn(port)));
  ws.on("message", (raw: Buffer, isBinary: boolean) => {
    const m = decodeMessage(protocol, raw, isBinary);
    if (!m || m.channel % 2 !== 0) return;
    const c = conns[m.channel / 2];
    if (!c || c.input.writableEnded) return;
    if (!c.input.write(m.data)) {
      ws.pause();
      c.input.once("drain", () => ws.resume());
    }
  });
  ws.once("close", () => {
    out.release();
    for (const c of conns) c.close();
  });
  const portBytes = (port: number) => {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(port, 0);
    return b;
  };
  const pumps = ports.map(async (port, i) => {
    const c = conns[i] as Conn;
    await out.send(2 * i, portBytes(port));
    await out.send(2 * i + 1, portBytes(port));
    for await (const chunk of c.output) await out.send(2 * i, chunk as Buffer);
    const err = await c.ended;
    if (err) await out.send(2 * i + 1, Buffer.from(err));
  });
  ws.resume();
  void Promise.allSettled(pumps).then(() => ws.close(1000));
}
