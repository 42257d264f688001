import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../src/errors.js";
import { runtimeDefaultSeccomp } from "../../src/runtime/seccomp/resolve.js";
import {
  ALL_CAPABILITIES,
  type ContainerSpec,
  capabilitiesOfMask,
  DEFAULT_CAPABILITIES,
  DEFAULT_MASKED_PATHS,
  DEFAULT_READONLY_PATHS,
  generateOciSpec,
  heldCapabilities,
  resolveCapabilities,
  unheldCapabilities,
  writeBundle,
} from "../../src/runtime/spec.js";

const base: ContainerSpec = { id: "c1", rootfs: "/run/berth/c1/rootfs", args: ["/bin/sh"] };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "berth-spec-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("OCI spec generation", () => {
  it("fills in containerd's defaults", async () => {
    const oci = await generateOciSpec(base);
    expect(oci.ociVersion).toBe("1.0.2");
    expect(oci.root).toEqual({ path: "/run/berth/c1/rootfs", readonly: false });
    expect(oci.process.user).toEqual({ uid: 0, gid: 0 });
    expect(oci.process.cwd).toBe("/");
    expect(oci.process.env[0]).toMatch(/^PATH=/);
    expect(oci.process.capabilities?.bounding.sort()).toEqual([...DEFAULT_CAPABILITIES].sort());
    expect(oci.process.capabilities?.inheritable).toEqual([]);
    expect(oci.process.rlimits).toEqual([{ type: "RLIMIT_NOFILE", hard: 1024, soft: 1024 }]);
    expect(oci.mounts.map((m) => m.destination)).toEqual([
      "/proc",
      "/dev",
      "/sys",
      "/dev/pts",
      "/dev/shm",
      "/dev/mqueue",
      "/sys/fs/cgroup",
    ]);
    expect(oci.mounts.find((m) => m.destination === "/sys")?.options).toContain("ro");
    expect(oci.linux.namespaces.map((n) => n.type).sort()).toEqual(["ipc", "mount", "network", "pid", "uts"]);
    expect(oci.linux.maskedPaths).toEqual(DEFAULT_MASKED_PATHS);
    expect(oci.linux.readonlyPaths).toEqual(DEFAULT_READONLY_PATHS);
    expect(oci.linux.seccomp?.defaultAction).toBe("SCMP_ACT_ERRNO");
    expect(oci.linux.resources?.devices?.[0]).toEqual({ allow: false, access: "rwm" });
  });

  it("privileged gets every capability berth holds, no seccomp, no masked paths, writable /sys", async () => {
    const oci = await generateOciSpec({ ...base, privileged: true, capabilities: { drop: ["ALL"] } });
    expect(oci.process.capabilities?.effective).toEqual(heldCapabilities());
    expect(oci.linux.seccomp).toBeUndefined();
    expect(oci.linux.maskedPaths).toEqual([]);
    expect(oci.linux.readonlyPaths).toEqual([]);
    expect(oci.mounts.find((m) => m.destination === "/sys")?.options).toContain("rw");
    expect(oci.linux.resources?.devices).toEqual([{ allow: true, access: "rwm" }]);
  });

  it("adds and drops capabilities, with or without the CAP_ prefix, and ALL", async () => {
    const added = await generateOciSpec({
      ...base,
      capabilities: { add: ["net_admin"], drop: ["CAP_KILL"] },
    });
    expect(added.process.capabilities?.permitted).toContain("CAP_NET_ADMIN");
    expect(added.process.capabilities?.permitted).not.toContain("CAP_KILL");
    const all = await generateOciSpec({ ...base, capabilities: { add: ["ALL"], drop: ["SYS_ADMIN"] } });
    expect(all.process.capabilities?.bounding).toHaveLength(heldCapabilities().length - 1);
    expect(all.process.capabilities?.bounding).not.toContain("CAP_SYS_ADMIN");
    const none = await generateOciSpec({ ...base, capabilities: { drop: ["ALL"], add: ["CAP_CHOWN"] } });
    expect(none.process.capabilities?.effective).toEqual(["CAP_CHOWN"]);
    await expect(generateOciSpec({ ...base, capabilities: { add: ["CAP_FLY"] } })).rejects.toThrow(
      /unknown capability "CAP_FLY"/,
    );
  });

  it("ALL and privileged mean the capabilities of the runtime's bounding set, not the kernel's list", () => {
    // A root whose bounding set lacks CAP_SYS_RESOURCE (bit 24), as in some sandboxes.
    const held = capabilitiesOfMask("000001fffeffffff");
    expect(held).toHaveLength(ALL_CAPABILITIES.length - 1);
    expect(held).not.toContain("CAP_SYS_RESOURCE");
    expect(held).toContain("CAP_CHECKPOINT_RESTORE");
    expect(capabilitiesOfMask("0")).toEqual([]);
    expect(resolveCapabilities({ privileged: true }, held)).toEqual(held);
    expect(resolveCapabilities({ capabilities: { add: ["ALL"] } }, held)).toEqual(held);
    // One named that the runtime lacks is left out (and reported), not a capset failure.
    const named = { capabilities: { add: ["SYS_RESOURCE", "NET_ADMIN"] } };
    expect(resolveCapabilities(named, held)).not.toContain("CAP_SYS_RESOURCE");
    expect(resolveCapabilities(named, held)).toContain("CAP_NET_ADMIN");
    expect(unheldCapabilities(named, held)).toEqual(["CAP_SYS_RESOURCE"]);
    expect(unheldCapabilities({ capabilities: { add: ["ALL", "NET_ADMIN"] } }, held)).toEqual([]);
  });

  it("seccomp RuntimeDefault allows namespace syscalls only with CAP_SYS_ADMIN", async () => {
    const plain = runtimeDefaultSeccomp(DEFAULT_CAPABILITIES, "amd64");
    const names = (p: typeof plain) =>
      p.syscalls?.flatMap((s) => (s.action === "SCMP_ACT_ALLOW" ? s.names : []));
    expect(names(plain)).toContain("read");
    expect(names(plain)).toContain("arch_prctl");
    expect(names(plain)).not.toContain("mount");
    expect(plain.syscalls?.find((s) => s.names.includes("clone3"))?.errnoRet).toBe(38);
    expect(plain.architectures).toEqual(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"]);
    const admin = runtimeDefaultSeccomp([...DEFAULT_CAPABILITIES, "CAP_SYS_ADMIN"], "amd64");
    expect(names(admin)).toContain("mount");
    expect(admin.syscalls?.some((s) => s.names.includes("clone3") && s.action === "SCMP_ACT_ERRNO")).toBe(
      false,
    );
    const unconfined = await generateOciSpec({ ...base, seccomp: { type: "Unconfined" } });
    expect(unconfined.linux.seccomp).toBeUndefined();
  });

  it("loads a Localhost seccomp profile in docker's shape", async () => {
    const file = join(dir, "profile.json");
    await writeFile(
      file,
      JSON.stringify({
        defaultAction: "SCMP_ACT_LOG",
        archMap: [{ architecture: "SCMP_ARCH_X86_64", subArchitectures: ["SCMP_ARCH_X86"] }],
        syscalls: [{ names: ["mkdir"], action: "SCMP_ACT_ERRNO", errnoRet: 1 }],
      }),
    );
    const oci = await generateOciSpec({ ...base, seccomp: { type: "Localhost", path: file } });
    expect(oci.linux.seccomp?.defaultAction).toBe("SCMP_ACT_LOG");
    expect(oci.linux.seccomp?.syscalls).toEqual([
      { names: ["mkdir"], action: "SCMP_ACT_ERRNO", errnoRet: 1 },
    ]);
    await expect(
      generateOciSpec({ ...base, seccomp: { type: "Localhost", path: join(dir, "missing.json") } }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("readonly rootfs, user and groups, terminal", async () => {
    const oci = await generateOciSpec({
      ...base,
      readonlyRootfs: true,
      user: { uid: 1000, gid: 100, additionalGids: [10, 20] },
      terminal: true,
      env: ["A=1"],
      cwd: "/work",
    });
    expect(oci.root.readonly).toBe(true);
    expect(oci.process.user).toEqual({ uid: 1000, gid: 100, additionalGids: [10, 20] });
    expect(oci.process.terminal).toBe(true);
    expect(oci.process.env).toContain("TERM=xterm");
    expect(oci.process.env).toContain("A=1");
    expect(oci.process.cwd).toBe("/work");
  });

  it("joins namespaces by path and rejects unknown types", async () => {
    const oci = await generateOciSpec({
      ...base,
      namespaces: [{ type: "network", path: "/run/berth/ns/net/pod1" }, { type: "pid" }, { type: "mount" }],
    });
    expect(oci.linux.namespaces).toEqual([
      { type: "network", path: "/run/berth/ns/net/pod1" },
      { type: "pid" },
      { type: "mount" },
    ]);
    await expect(
      generateOciSpec({ ...base, namespaces: [{ type: "time" as "pid" }, { type: "mount" }] }),
    ).rejects.toThrow(/unknown namespace type "time"/);
    await expect(
      generateOciSpec({ ...base, hostname: "h", namespaces: [{ type: "mount" }] }),
    ).rejects.toThrow(/hostname without a UTS namespace/);
  });

  it("translates resources", async () => {
    const oci = await generateOciSpec({
      ...base,
      cgroupsPath: "/berth/pod1/c1",
      resources: {
        cpuQuota: 20_000,
        cpuShares: 512,
        cpusetCpus: "0",
        memoryLimit: 64 << 20,
        memorySwap: 128 << 20,
        pidsLimit: 100,
        oomScoreAdj: 500,
        hugepageLimits: [{ pageSize: "2MB", limit: 0 }],
      },
    });
    expect(oci.linux.cgroupsPath).toBe("/berth/pod1/c1");
    expect(oci.linux.resources?.cpu).toEqual({ quota: 20_000, period: 100_000, shares: 512, cpus: "0" });
    expect(oci.linux.resources?.memory).toEqual({ limit: 64 << 20, swap: 128 << 20 });
    expect(oci.linux.resources?.pids).toEqual({ limit: 100 });
    expect(oci.linux.resources?.hugepageLimits).toEqual([{ pageSize: "2MB", limit: 0 }]);
    expect(oci.process.oomScoreAdj).toBe(500);
    await expect(generateOciSpec({ ...base, resources: { memoryLimit: -5 } })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(generateOciSpec({ ...base, resources: { oomScoreAdj: 2000 } })).rejects.toThrow(
      /oomScoreAdj/,
    );
  });

  it("user mounts: bind with propagation and ro, replace defaults, refuse escaping destinations", async () => {
    const oci = await generateOciSpec({
      ...base,
      mounts: [
        { destination: "/data", source: "/srv/data", readonly: true, propagation: "slave" },
        { destination: "/dev/shm", type: "tmpfs", source: "tmpfs", options: ["size=1m"] },
      ],
    });
    expect(oci.mounts.find((m) => m.destination === "/data")).toEqual({
      destination: "/data",
      type: "bind",
      source: "/srv/data",
      options: ["rbind", "rslave", "ro"],
    });
    expect(oci.mounts.filter((m) => m.destination === "/dev/shm")).toEqual([
      { destination: "/dev/shm", type: "tmpfs", source: "tmpfs", options: ["size=1m"] },
    ]);
    // Only a shared (bidirectional) mount asks for a shared root; the runtime defaults to rslave.
    expect(oci.linux.rootfsPropagation).toBeUndefined();
    const shared = await generateOciSpec({
      ...base,
      mounts: [{ destination: "/data", source: "/srv/data", propagation: "rshared" }],
    });
    expect(shared.linux.rootfsPropagation).toBe("rshared");
    await expect(
      generateOciSpec({ ...base, mounts: [{ destination: "/../../etc", source: "/x" }] }),
    ).rejects.toThrow(/escapes the container root/);
    await expect(
      generateOciSpec({ ...base, mounts: [{ destination: "rel", source: "/x" }] }),
    ).rejects.toThrow(/absolute/);
  });

  it("rejects bad ids and empty commands; writeBundle writes config.json", async () => {
    await expect(generateOciSpec({ ...base, id: "../x" })).rejects.toThrow(/container id/);
    await expect(generateOciSpec({ ...base, args: [] })).rejects.toThrow(/no command/);
    const oci = await writeBundle(dir, { ...base, hostname: "box", sysctls: { "net.ipv4.ip_forward": "1" } });
    const onDisk = JSON.parse(await readFile(join(dir, "config.json"), "utf8"));
    expect(onDisk).toEqual(oci);
    expect(onDisk.hostname).toBe("box");
    expect(onDisk.linux.sysctl).toEqual({ "net.ipv4.ip_forward": "1" });
  });
});
