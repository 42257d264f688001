import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { FailedPreconditionError, InvalidArgumentError } from "../errors.js";
import type { RuntimeDeps } from "./runtime-deps.js";
import type { StreamingServer } from "./streaming/server.js";
import { requireId } from "./validate.js";

/** kubelet's rules for a stream's stdio: tty merges stderr, and something must be streamed. */
export function validateStdio(r: { tty: boolean; stdin: boolean; stdout: boolean; stderr: boolean }): void {
  if (r.tty && r.stderr) throw new InvalidArgumentError("tty and stderr cannot both be true");
  if (!r.stdin && !r.stdout && !r.stderr)
    throw new InvalidArgumentError("one of stdin, stdout, or stderr must be set");
}

/** Exec: checks the container runs and answers a single-use streaming URL for the command. */
export function exec(deps: RuntimeDeps, server: StreamingServer) {
  return async (req: runtime.v1.IExecRequest): Promise<runtime.v1.IExecResponse> => {
    const c = deps.state.requireContainer(requireId(req.containerId, "container_id"));
    const cmd = req.cmd ?? [];
    if (cmd.length === 0 || !cmd[0]) throw new InvalidArgumentError("cmd must not be empty");
    const stdio = {
      tty: req.tty === true,
      stdin: req.stdin === true,
      stdout: req.stdout === true,
      stderr: req.stderr === true,
    };
    validateStdio(stdio);
    if (c.phase !== "running") throw new FailedPreconditionError(`container "${c.id}" is not running`);
    return { url: server.url({ kind: "exec", containerId: c.id, cmd: [...cmd], ...stdio }) };
  };
}
