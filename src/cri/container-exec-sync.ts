import type { Readable } from "node:stream";
import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { DeadlineExceededError, FailedPreconditionError, InvalidArgumentError } from "../errors.js";
import { longTimeout } from "../timers.js";
import { toNumber } from "./convert.js";
import type { CallContext } from "./instrument.js";
import type { RuntimeDeps } from "./runtime-deps.js";
import { requireId } from "./validate.js";

/** Each of stdout and stderr is capped so the answer fits kubelet's 16 MiB message limit. */
export const EXEC_SYNC_OUTPUT_LIMIT = 7 * 1024 * 1024;
const MARKER = "\n[berth: output truncated at 7 MiB]\n";

function collect(stream: Readable): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    stream.on("data", (b: Buffer) => {
      if (size + b.length > EXEC_SYNC_OUTPUT_LIMIT) {
        if (!truncated) chunks.push(b.subarray(0, EXEC_SYNC_OUTPUT_LIMIT - size));
        truncated = true;
        size = EXEC_SYNC_OUTPUT_LIMIT;
        return; // keep draining so the process is never blocked on a full pipe
      }
      chunks.push(b);
      size += b.length;
    });
    stream.once("close", () => resolve(Buffer.concat(truncated ? [...chunks, Buffer.from(MARKER)] : chunks)));
    stream.once("end", () => resolve(Buffer.concat(truncated ? [...chunks, Buffer.from(MARKER)] : chunks)));
  });
}

/** ExecSync: runs a command in the container and answers its output and exit code. */
export function execSync(deps: RuntimeDeps) {
  return async (
    req: runtime.v1.IExecSyncRequest,
    ctx: CallContext,
  ): Promise<runtime.v1.IExecSyncResponse> => {
    const c = deps.state.requireContainer(requireId(req.containerId, "container_id"));
    const cmd = req.cmd ?? [];
    if (cmd.length === 0 || !cmd[0]) throw new InvalidArgumentError("cmd must not be empty");
    if (c.phase !== "running") throw new FailedPreconditionError(`container "${c.id}" is not running`);
    const timeoutSec = toNumber(req.timeout);
    const handle = await deps.driver.exec(c.id, { args: cmd, tty: false, stdin: false });
    const out = collect(handle.stdout);
    const err = collect(handle.stderr);
    let timedOut = false;
    const kill = () => {
      void handle.kill("SIGKILL").catch(() => {});
    };
    const timer =
      timeoutSec > 0
        ? longTimeout(() => {
            timedOut = true;
            kill();
          }, timeoutSec * 1000)
        : undefined;
    ctx.signal.addEventListener("abort", kill, { once: true });
    try {
      const exitCode = await handle.wait();
      if (timedOut)
        throw new DeadlineExceededError(`command ${JSON.stringify(cmd)} timed out after ${timeoutSec}s`);
      return { stdout: await out, stderr: await err, exitCode };
    } finally {
      timer?.clear();
      ctx.signal.removeEventListener("abort", kill);
    }
  };
}
