// `berth doctor` on this machine (Debian 12, hybrid cgroups, CNI plugins in /usr/lib/cni, runc,
// iptables) against a real berthd socket, through the built code.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config.js";
import { type CheckResult, envFromConfig, runChecks } from "../../src/doctor.js";
import { type Berthd, startBerthd } from "../helpers/berthd.js";

const DOCTOR = resolve(import.meta.dirname, "../../dist/src/doctor.js");

/** Runs the built runDoctor in a child process, as `berth doctor <args>` will. */
function doctor(args: string[]): { code: number | null; stdout: string } {
  const script = `import(${JSON.stringify(DOCTOR)}).then((m) => m.runDoctor(${JSON.stringify(args)})).then((c) => { process.exitCode = c; })`;
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout };
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
    // Root here lacks CAP_SYS_RESOURCE: a warning (values are clamped), never a failure.
    expect(status("privileges")).not.toBe("fail");
    expect(results.find((r) => r.name === "cgroups")?.detail).toMatch(/^cgroup (hybrid|v1|v2)/);
  });

  it("exits 0 with a readable report when nothing required is missing", () => {
    const r = doctor(["--socket", d.socket]);
    expect(r.stdout).toMatch(/\[ok {2}\] overlayfs/);
    expect(r.stdout).toContain("all required checks passed");
    expect(r.code).toBe(0);
  });

  it("exits 1 and prints the fixes when the kernel looks unusable (an empty proc root)", () => {
    const r = doctor(["--socket", d.socket, "--proc-root", "/nonexistent", "--json"]);
    const results = JSON.parse(r.stdout) as CheckResult[];
    expect(results.find((x) => x.name === "overlayfs")).toMatchObject({ status: "fail" });
    expect(results.filter((x) => x.status === "fail").every((x) => x.fix)).toBe(true);
    expect(r.code).toBe(1);
  });

  it("rejects unknown flags with usage and exit code 2", () => {
    expect(doctor(["--frobnicate"]).code).toBe(2);
  });
});
