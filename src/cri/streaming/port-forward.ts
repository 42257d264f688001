// Port forwarding over any transport: each forwarded connection is one TCP connection to
// 127.0.0.1:<port> inside the pod's network namespace (busybox nc under nsenter there; a direct
// socket for host-network pods). A refused connection is reported on that connection's error
// channel in kubelet's words; the session goes on.
import { spawn } from "node:child_process";
import { connect } from "node:net";
import type { Duplex, Readable, Writable } from "node:stream";
import type { Logger } from "../../log.js";
import type { ForwardStream, PortForwardSession } from "./transport.js";

const NC = "/bin/busybox";

interface Conn {
  input: Writable;
  output: Readable;
  /** Resolves with the cause of a failure, or "" when the connection ended cleanly. */
  ended: Promise<string>;
  close(): void;
}

function hostConn(port: number): Conn {
  const sock: Duplex = connect(port, "127.0.0.1");
  const ended = new Promise<string>((r) => {
    sock.once("error", (e) => r(e.message));
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
  const ended = new Promise<string>((r) => {
    child.once("error", (e) => r(e.message));
    child.once("close", (code) => r(code === 0 ? "" : err.trim() || `nc exited with ${code}`));
  });
  return { input: child.stdin, output: child.stdout, ended, close: () => child.kill("SIGKILL") };
}

async function forwardOne(f: ForwardStream, c: Conn, podId: string): Promise<void> {
  c.input.on("error", () => {});
  // The client's half-close ends what goes into the pod; the answer can still come back.
  f.data.pipe(c.input);
  try {
    for await (const chunk of c.output) await f.out.write(chunk as Buffer);
  } catch {
    // A failed connection (refused, reset) is reported below from `ended`.
  }
  const cause = await c.ended;
  if (cause) await f.error(`error forwarding port ${f.port} to pod ${podId}, uid : ${cause}`);
  f.close();
}

export function servePortForward(p: {
  session: PortForwardSession;
  podId: string;
  netns: string | undefined;
  log: Logger;
}): void {
  const { session, netns, log } = p;
  const open = new Set<Conn>();
  void session.closed.then(() => {
    for (const c of open) c.close();
    open.clear();
  });
  session.accept((f) => {
    const c = netns ? netnsConn(netns, f.port) : hostConn(f.port);
    open.add(c);
    forwardOne(f, c, p.podId)
      .catch((err: unknown) =>
        log.debug({ err: String(err), port: f.port }, "port-forward connection failed"),
      )
      .finally(() => {
        open.delete(c);
        c.close();
      });
  });
}
