// Exec/attach and port-forward sessions over a channel.k8s.io WebSocket (see channels.ts for the
// framing): the same channels the SPDY transport offers, multiplexed by a channel byte.
import type { WebSocket } from "ws";
import type { Logger } from "../../log.js";
import {
  ChannelWriter,
  CLOSE,
  decodeMessage,
  ERROR,
  RESIZE,
  reportsStatus,
  STDERR,
  STDIN,
  STDOUT,
} from "./channels.js";
import { encodeStatus, type KubeStatus } from "./status.js";
import {
  type ForwardStream,
  IdleTimer,
  InboundChannel,
  type OutStream,
  type PortForwardSession,
  type RemoteCommandChannels,
  SourceGate,
  type TerminalSize,
  terminalSize,
} from "./transport.js";

function closedPromise(ws: WebSocket): Promise<void> {
  return new Promise((r) => {
    if (ws.readyState === ws.CLOSED) r();
    else ws.once("close", () => r());
  });
}

function gateFor(ws: WebSocket): SourceGate {
  return new SourceGate(
    () => ws.pause(),
    () => ws.resume(),
  );
}

function outStream(out: ChannelWriter, channel: number): OutStream {
  return { write: (data) => out.send(channel, data), end: () => {} };
}

export function wsRemoteCommand(ws: WebSocket, protocol: string): RemoteCommandChannels {
  const idle = new IdleTimer(() => ws.close(1000, "idle timeout"));
  const out = new ChannelWriter(ws, protocol, () => idle.touch());
  const stdin = new InboundChannel(gateFor(ws));
  stdin.on("error", () => {});
  const listeners: ((s: TerminalSize) => void)[] = [];
  let lastSize: TerminalSize | undefined;
  ws.on("message", (raw: Buffer, isBinary: boolean) => {
    idle.touch();
    const m = decodeMessage(protocol, raw, isBinary);
    if (!m) return;
    if (m.channel === STDIN) stdin.deliver(m.data);
    else if (m.channel === RESIZE) {
      let size: TerminalSize | undefined;
      try {
        size = terminalSize(JSON.parse(m.data.toString("utf8")));
      } catch {
        size = undefined;
      }
      if (!size) return;
      lastSize = size;
      for (const l of listeners) l(size);
    } else if (m.channel === CLOSE && m.data[0] === STDIN) stdin.finish();
  });
  const closed = closedPromise(ws);
  void closed.then(() => {
    idle.stop();
    out.release();
    stdin.destroy();
  });
  ws.resume();
  return {
    kind: "remote-command",
    stdin,
    stdout: outStream(out, STDOUT),
    stderr: outStream(out, STDERR),
    closed,
    setIdleTimeout: (ms) => idle.set(ms),
    onResize(listener) {
      listeners.push(listener);
      if (lastSize) listener(lastSize);
    },
    async writeStatus(status: KubeStatus) {
      const body = encodeStatus(status, reportsStatus(protocol));
      if (body) await out.send(ERROR, body);
    },
    close: () => ws.close(1000),
  };
}

/** The `port` query parameters of a port-forward URL. */
export function parsePorts(url: URL): number[] {
  return url.searchParams.getAll("port").map((p) => {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`port "${p}" is not a valid port`);
    return n;
  });
}

/**
 * Port forwarding over v4.channel.k8s.io: the ports come from the URL; port i uses data channel 2i
 * and error channel 2i+1, and the first frame the server sends on each carries the port (uint16,
 * little endian). Each port is one forwarded connection; the socket closes when all have ended.
 */
export function wsPortForward(
  ws: WebSocket,
  protocol: string,
  ports: number[],
  log: Logger,
): PortForwardSession {
  const idle = new IdleTimer(() => ws.close(1000, "idle timeout"));
  const out = new ChannelWriter(ws, protocol, () => idle.touch());
  const gate = gateFor(ws);
  const inputs = ports.map(() => new InboundChannel(gate));
  for (const i of inputs) i.on("error", () => {});
  ws.on("message", (raw: Buffer, isBinary: boolean) => {
    idle.touch();
    const m = decodeMessage(protocol, raw, isBinary);
    if (!m || m.channel % 2 !== 0) return;
    inputs[m.channel / 2]?.deliver(m.data);
  });
  const closed = closedPromise(ws);
  void closed.then(() => {
    idle.stop();
    out.release();
    for (const i of inputs) i.destroy();
  });
  let open = ports.length;
  const portBytes = (port: number) => {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(port, 0);
    return b;
  };
  const forwards: ForwardStream[] = ports.map((port, i) => {
    let done = false;
    return {
      port,
      data: inputs[i] as InboundChannel,
      out: outStream(out, 2 * i),
      error: (message) => out.send(2 * i + 1, Buffer.from(message)),
      close() {
        if (done) return;
        done = true;
        if (--open === 0) ws.close(1000);
      },
    };
  });
  ports.forEach((port, i) => {
    void out.send(2 * i, portBytes(port));
    void out.send(2 * i + 1, portBytes(port));
  });
  ws.resume();
  if (ports.length === 0) ws.close(1000);
  return {
    kind: "portforward",
    closed,
    setIdleTimeout: (ms) => idle.set(ms),
    accept(forward) {
      for (const f of forwards) forward(f);
    },
    close(reason) {
      if (reason) log.info({ reason }, "closing port-forward session");
      ws.close(reason ? 1011 : 1000, reason?.slice(0, 120));
    },
  };
}
