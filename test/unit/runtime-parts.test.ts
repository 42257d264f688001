import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FailedPreconditionError, InvalidArgumentError } from "../../src/errors.js";
import { execProcess } from "../../src/runtime/exec.js";
import {
  controlRequest,
  encodeFrame,
  FRAME_EXIT,
  FRAME_STDERR,
  FRAME_STDOUT,
  FrameDecoder,
} from "../../src/runtime/monitor-client.js";
import { isSameProcessAlive, pidStartTime } from "../../src/runtime/proc.js";
import { generateOciSpec } from "../../src/runtime/spec.js";

describe("monitor attach frames", () => {
  it("decodes frames split at any byte boundary", () => {
    const wire = Buffer.concat([
      encodeFrame(FRAME_STDOUT, Buffer.from("hello")),
      encodeFrame(FRAME_STDERR, Buffer.from("")),
      encodeFrame(FRAME_EXIT, Buffer.from('{"exitCode":0}')),
    ]);
    for (let cut = 0; cut <= wire.length; cut++) {
      const d = new FrameDecoder();
      const frames = [...d.push(wire.subarray(0, cut)), ...d.push(wire.subarray(cut))];
      expect(frames.map((f) => [f.type, f.payload.toString()])).toEqual([
        [FRAME_STDOUT, "hello"],
        [FRAME_STDERR, ""],
        [FRAME_EXIT, '{"exitCode":0}'],
      ]);
    }
  });

  it("encodes the length big-endian after the type byte", () => {
    expect([...encodeFrame(5, Buffer.from([0, 24, 0, 80]))]).toEqual([5, 0, 0, 0, 4, 0, 24, 0, 80]);
  });
});

describe("monitor control requests", () => {
  it("a monitor that goes away while answering (its container exiting) is a precondition, not an outage", async () => {
    const dir = await mkdtemp(join(tmpdir(), "berth-ctl-"));
    try {
      for (const how of ["reset", "close"] as const) {
        const path = join(dir, `${how}.sock`);
        // Closing with the request unread resets the client's connection (unix sockets have no RST).
        const server = createServer({ pauseOnConnect: true }, (sock) => {
          setTimeout(() => (how === "reset" ? sock.destroy() : sock.end()), 50);
        });
        await new Promise<void>((r) => server.listen(path, r));
        try {
          await expect(controlRequest(path, "reopen")).rejects.toBeInstanceOf(FailedPreconditionError);
        } finally {
          server.close();
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("process identity", () => {
  it("a live process has a start time; the same pid with another start time is not it", async () => {
    const st = await pidStartTime(process.pid);
    expect(st).toMatch(/^\d+$/);
    expect(await isSameProcessAlive(process.pid, st!)).toBe(true);
    expect(await isSameProcessAlive(process.pid, "1")).toBe(false);
  });

  it("an exited process has none", async () => {
    const child = spawn("/bin/true");
    const pid = child.pid!;
    await new Promise((r) => child.once("exit", r));
    expect(await pidStartTime(pid)).toBeUndefined();
  });
});

describe("exec process.json", () => {
  it("keeps the container's security and overrides command, env by name, cwd, user and terminal", async () => {
    const config = await generateOciSpec({
      id: "c",
      rootfs: "/r",
      args: ["/bin/sh"],
      env: ["A=1", "B=2"],
      noNewPrivileges: true,
    });
    const p = execProcess(config, {
      args: ["ls"],
      env: ["B=3", "C=4"],
      cwd: "/tmp",
      tty: true,
      user: { uid: 5, gid: 6 },
    });
    expect(p.args).toEqual(["ls"]);
    expect(p.env).toEqual([expect.stringMatching(/^PATH=/), "A=1", "B=3", "C=4", "TERM=xterm"]);
    expect(p.cwd).toBe("/tmp");
    expect(p.user).toEqual({ uid: 5, gid: 6 });
    expect(p.terminal).toBe(true);
    expect(p.noNewPrivileges).toBe(true);
    expect(p.capabilities).toEqual(config.process.capabilities);
    expect(() => execProcess(config, { args: [] })).toThrow(InvalidArgumentError);
  });
});
