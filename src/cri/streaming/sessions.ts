// Binds a consumed stream request to the container it names: exec through the runtime driver,
// attach through the container's monitor.
import type { WebSocket } from "ws";
import { errorMessage } from "../../errors.js";
import type { RuntimeDeps } from "../runtime-deps.js";
import { ERROR, encodeMessage } from "./channels.js";
import { parsePorts, servePortForward } from "./port-forward.js";
import { type RemoteProcess, serveRemoteCommand } from "./remote-command.js";
import { errorStatus } from "./status.js";
import type { AttachStreamRequest, ExecStreamRequest, StreamRequest } from "./tokens.js";

/** The stream when the client wants it; otherwise drained so the process never blocks on it. */
function wanted<T extends { resume(): unknown }>(want: boolean, s: T): T | null {
  if (want) return s;
  s.resume();
  return null;
}

async function execProcess(deps: RuntimeDeps, req: ExecStreamRequest): Promise<RemoteProcess> {
  const h = await deps.driver.exec(req.containerId, { args: req.cmd, tty: req.tty, stdin: req.stdin });
  return {
    stdin: req.stdin ? h.stdin : null,
    stdout: wanted(req.stdout || req.tty, h.stdout),
    stderr: wanted(req.stderr && !req.tty, h.stderr),
    resize: (rows, cols) => void h.resize(rows, cols).catch(() => {}),
    done: h.wait(),
    abort: () => {
      // Killed and then reaped by wait(), so nothing is left behind.
      void h
        .kill("SIGKILL")
        .then(() => h.wait())
        .catch(() => {});
    },
  };
}

async function attachProcess(deps: RuntimeDeps, req: AttachStreamRequest): Promise<RemoteProcess> {
  const a = await deps.driver.attach(req.containerId);
  return {
    stdin: req.stdin ? a.stdin : null,
    stdout: wanted(req.stdout, a.stdout),
    stderr: wanted(req.stderr && !req.tty, a.stderr),
    resize: (rows, cols) => a.resize(rows, cols),
    done: a.exit.then((e) => (e ? 0 : undefined)),
    abort: () => a.detach(),
  };
}

export function streamHandler(deps: RuntimeDeps) {
  const log = deps.log.child({ component: "streaming" });
  return (req: StreamRequest, ws: WebSocket, protocol: string, url: URL): void => {
    // Hold the client's frames (early stdin, the first resize) until the process is there.
    ws.pause();
    if (req.kind === "portforward") {
      const pod = deps.state.findPod(req.podSandboxId);
      let ports: number[];
      try {
        ports = parsePorts(url);
      } catch (err) {
        ws.close(1008, errorMessage(err));
        return;
      }
      if (!pod) {
        ws.close(1011, `pod sandbox "${req.podSandboxId}" is gone`);
        return;
      }
      servePortForward({ ws, protocol, netns: pod.netns, ports, log });
      return;
    }
    const start = req.kind === "exec" ? execProcess(deps, req) : attachProcess(deps, req);
    start
      .then((proc) =>
        serveRemoteCommand({ ws, protocol, proc, idleTimeoutMs: deps.config.streaming.idleTimeout, log }),
      )
      .catch((err: unknown) => {
        log.warn({ containerId: req.containerId, err: errorMessage(err) }, `${req.kind} failed`);
        if (ws.readyState === ws.OPEN) {
          const body = Buffer.from(JSON.stringify(errorStatus(errorMessage(err))));
          ws.send(encodeMessage(protocol, ERROR, body), () => ws.close(1000));
        }
      });
  };
}
