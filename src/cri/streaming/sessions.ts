// Binds a consumed stream request to what it names: exec through the runtime driver, attach
// through the container's monitor, port-forward into the pod's network namespace. The transport
// (WebSocket or SPDY) is already set up and hidden behind the channels.
import { errorMessage } from "../../errors.js";
import type { RuntimeDeps } from "../runtime-deps.js";
import { servePortForward } from "./port-forward.js";
import { type RemoteProcess, serveRemoteCommand } from "./remote-command.js";
import type { StreamHandler } from "./server.js";
import { errorStatus } from "./status.js";
import type { AttachStreamRequest, ExecStreamRequest } from "./tokens.js";

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

export function streamHandler(deps: RuntimeDeps): StreamHandler {
  const log = deps.log.child({ component: "streaming" });
  const idleTimeout = deps.config.streaming.idleTimeout;
  return (req, conn) => {
    conn.setIdleTimeout(idleTimeout);
    if (req.kind === "portforward" || conn.kind === "portforward") {
      if (req.kind !== "portforward" || conn.kind !== "portforward") {
        conn.close();
        return;
      }
      const pod = deps.state.findPod(req.podSandboxId);
      if (!pod) {
        conn.close(`pod sandbox "${req.podSandboxId}" is gone`);
        return;
      }
      servePortForward({ session: conn, podId: pod.id, netns: pod.netns, log });
      return;
    }
    const start = req.kind === "exec" ? execProcess(deps, req) : attachProcess(deps, req);
    start
      .then((proc) => serveRemoteCommand({ ch: conn, proc, log }))
      .catch(async (err: unknown) => {
        log.warn({ containerId: req.containerId, err: errorMessage(err) }, `${req.kind} failed`);
        await conn.writeStatus(errorStatus(errorMessage(err)));
        conn.close();
      });
  };
}
