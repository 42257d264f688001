// `berth doctor` on this machine (Debian 12, hybrid cgroups, CNI plugins in /usr/lib/cni, runc,
// iptables) against a real berthd socket.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { type CheckResult, envFromConfig, runChecks, runDoctor } from "../../src/doctor.js";
import { type Berthd, startBerthd } from "../helpers/berthd.js";

/** Runs `berth doctor <args>` in this process, capturing what it prints. */
async function doctor(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    return { code: await runDoctor(args), stdout };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe("berth doctor on this node", () => {
  let d: Berthd;
  beforeAll(async () => {
    d = await startBerthd();
  });
  afterAll(async () => {
    await d?.stop();
    await d?.cleanup();
  });

  it("finds the kernel features, hybrid cgroups, CNI plugins, binaries and a live berthd socket", async () => {
    const cfg = { ...defaultConfig(), socket: d.socket };
    const results = await runChecks(envFromConfig(cfg));
    const status = (name: string) => results.find((r: CheckResult) => r.name === name)?.status;
    for (const name of [
      "overlayfs",
      "namespaces",
      "seccomp",
      "cgroups",
      "cni plugins",
      "iptables",
      "state filesystem",
    ])
      expect(status(name), name).toBe("ok");
    expect(status("native helper")).toBe("ok");
    expect(status("runc")).toBe("ok");
    expect(status("socket")).toBe("ok");
    // Linux 6.18 here: id-mapped overlay layers, tmpfs and binds on the state root's filesystem.
    expect(results.find((r) => r.name === "user namespaces")).toMatchObject({ status: "ok" });
    // Root here lacks CAP_SYS_RESOURCE: a warning (values are clamped), never a failure.
    expect(status("privileges")).not.toBe("fail");
    expect(results.find((r) => r.name === "cgroups")?.detail).toMatch(/^cgroup (hybrid|v1|v2)/);
  });

  it("exits 0 with a readable report when nothing required is missing", async () => {
    const r = await doctor(["--socket", d.socket]);
    expect(r.stdout).toMatch(/\[ok {2}\] overlayfs/);
    expect(r.stdout).toContain("all required checks passed");
    expect(r.code).toBe(0);
  });

  it("exits 1 and prints the fixes when the kernel looks unusable (an empty proc root)", async () => {
    const r = await doctor(["--socket", d.socket, "--proc-root", "/nonexistent", "--json"]);
    const results = JSON.parse(r.stdout) as CheckResult[];
    expect(results.find((x) => x.name === "overlayfs")).toMatchObject({ status: "fail" });
    expect(results.filter((x) => x.status === "fail").every((x) => x.fix)).toBe(true);
    expect(r.code).toBe(1);
  });

  it("rejects unknown flags with usage and exit code 2", async () => {
    expect((await doctor(["--frobnicate"])).code).toBe(2);
  });
});
