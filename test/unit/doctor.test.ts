import { spawnSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type CheckResult,
  cgroupLayout,
  checkCgroups,
  checkCni,
  checkIptables,
  checkKernel,
  checkNamespaces,
  checkOverlayfs,
  checkPrivileges,
  checkRuntimeBinaries,
  checkSeccomp,
  checkSocket,
  checkStateFilesystem,
  checkSysctls,
  DEFAULT_NETWORK_PLUGINS,
  type DoctorEnv,
  formatReport,
  runChecks,
} from "../../src/doctor.js";
import { defaultNetwork, requiredBinaries } from "../../src/network/cni-config.js";

let root: string;
let env: DoctorEnv;
const servers: Server[] = [];

async function put(rel: string, content: string, mode = 0o644): Promise<string> {
  const path = join(root, rel);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  await chmod(path, mode);
  return path;
}

const EXEC = "#!/bin/sh\nexit 0\n";
const FULL_CAPS = "000001ffffffffff";

const V2_MOUNTS = "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime 0 0\n";
const HYBRID_MOUNTS = [
  "tmpfs /sys/fs/cgroup tmpfs ro,nosuid,nodev,noexec,mode=755 0 0",
  "cgroup2 /sys/fs/cgroup/unified cgroup2 rw,nosuid,nodev,noexec,relatime 0 0",
  "cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,nodev,noexec,relatime,cpu,cpuacct 0 0",
  "cgroup /sys/fs/cgroup/memory cgroup rw,nosuid,nodev,noexec,relatime,memory 0 0",
  "cgroup /sys/fs/cgroup/pids cgroup rw,nosuid,nodev,noexec,relatime,pids 0 0",
  "",
].join("\n");

/** A healthy node: cgroup v2, a bridge CNI config with its plugins, runc and iptables on PATH. */
async function healthyNode(): Promise<void> {
  await put("proc/sys/kernel/osrelease", "6.1.0-18-amd64\n");
  await put("proc/filesystems", "nodev\tsysfs\nnodev\tproc\n\text4\nnodev\toverlay\n");
  for (const ns of ["mnt", "uts", "ipc", "pid", "net", "cgroup", "user", "time"])
    await put(`proc/self/ns/${ns}`, "");
  await put("proc/self/status", `Name:\tnode\nUid:\t0\t0\t0\t0\nCapEff:\t${FULL_CAPS}\nSeccomp:\t0\n`);
  await put("proc/self/mounts", `/dev/sda1 / ext4 rw,relatime 0 0\n${V2_MOUNTS}`);
  await put("sys/fs/cgroup/cgroup.controllers", "cpuset cpu io memory hugetlb pids rdma misc\n");
  await put("proc/sys/net/ipv4/ip_forward", "1\n");
  await put("proc/sys/net/bridge/bridge-nf-call-iptables", "1\n");
  await put(
    "etc/cni/net.d/10-bridge.conflist",
    JSON.stringify({
      cniVersion: "1.0.0",
      name: "pods",
      plugins: [{ type: "bridge", ipam: { type: "host-local" } }, { type: "portmap" }],
    }),
  );
  for (const p of ["bridge", "host-local", "portmap", "loopback", "bandwidth"])
    await put(`opt/cni/bin/${p}`, EXEC, 0o755);
  await put("usr/sbin/runc", EXEC, 0o755);
  await put("usr/sbin/iptables", EXEC, 0o755);
  await put("opt/berth/dist/bin/berth-runtime", EXEC, 0o755);
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(env.socket, resolve));
  await chmod(env.socket, 0o660);
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "berth-doctor-"));
  env = {
    proc: join(root, "proc"),
    sys: join(root, "sys"),
    pathDirs: [join(root, "usr/sbin")],
    socket: join(root, "berth.sock"),
    helperBinary: join(root, "opt/berth/dist/bin/berth-runtime"),
    runtimeBinary: "",
    cniConfDir: join(root, "etc/cni/net.d"),
    cniBinDirs: [join(root, "opt/cni/bin"), join(root, "usr/lib/cni")],
    stateRoot: "/var/lib/berth",
  };
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  await rm(root, { recursive: true, force: true });
});

const byName = (results: CheckResult[], name: string) => results.find((r) => r.name === name);

describe("berth doctor checks", () => {
  it("a healthy cgroup v2 node passes every check", async () => {
    await healthyNode();
    const results = await runChecks(env);
    expect(results.filter((r) => r.status !== "ok")).toEqual([]);
    expect(byName(results, "cgroups")?.detail).toMatch(/^cgroup v2 .*cpu.*memory.*pids/);
    expect(formatReport(results)).toMatch(/all required checks passed\.\n$/);
  });

  it("a kernel without overlay fails with the modprobe fix", async () => {
    await put("proc/filesystems", "nodev\tsysfs\n\text4\n");
    const r = await checkOverlayfs(env);
    expect(r.status).toBe("fail");
    expect(r.fix).toContain("modprobe overlay");
  });

  it("a missing required namespace fails and names it; a missing cgroup namespace only warns", async () => {
    for (const ns of ["mnt", "uts", "ipc", "net"]) await put(`proc/self/ns/${ns}`, "");
    const missingPid = await checkNamespaces(env);
    expect(missingPid).toMatchObject({ status: "fail", detail: "missing: pid" });
    expect(missingPid.fix).toContain("CONFIG_PID_NS");
    await put("proc/self/ns/pid", "");
    const r = await checkNamespaces(env);
    expect(r.status).toBe("warn");
    expect(r.detail).toContain("missing optional cgroup, user");
  });

  it("reads a hybrid layout (v1 controllers, empty unified tree) as usable", async () => {
    await put("proc/self/mounts", HYBRID_MOUNTS);
    expect(await cgroupLayout(env)).toEqual({
      mode: "hybrid",
      controllers: ["cpu", "cpuacct", "memory", "pids"],
      unified: "/sys/fs/cgroup/unified",
    });
    expect((await checkCgroups(env)).status).toBe("ok");
  });

  it("a v2 root without the memory controller fails with the subtree_control fix", async () => {
    await put("proc/self/mounts", V2_MOUNTS);
    await put("sys/fs/cgroup/cgroup.controllers", "cpu pids\n");
    const r = await checkCgroups(env);
    expect(r.status).toBe("fail");
    expect(r.detail).toContain("missing memory");
    expect(r.fix).toContain("cgroup.subtree_control");
  });

  it("no cgroup mount at all fails", async () => {
    await put("proc/self/mounts", "proc /proc proc rw 0 0\n");
    expect((await checkCgroups(env)).status).toBe("fail");
  });

  it("an old kernel fails, a 4.19 kernel warns, 5.10 passes", async () => {
    await put("proc/sys/kernel/osrelease", "4.4.0-210-generic\n");
    expect((await checkKernel(env)).status).toBe("fail");
    await put("proc/sys/kernel/osrelease", "4.19.0-26-amd64\n");
    expect((await checkKernel(env)).status).toBe("warn");
    await put("proc/sys/kernel/osrelease", "5.10.0-28-amd64\n");
    expect((await checkKernel(env)).status).toBe("ok");
  });

  it("seccomp is required", async () => {
    await put("proc/self/status", "Name:\tnode\nNoNewPrivs:\t0\n");
    expect((await checkSeccomp(env)).status).toBe("fail");
  });

  it("without a CNI config it warns and needs the default network's plugins", async () => {
    await put("opt/cni/bin/loopback", EXEC, 0o755);
    await put("usr/lib/cni/bridge", EXEC, 0o755);
    const [conf, plugins] = await checkCni(env);
    expect(conf?.status).toBe("warn");
    expect(plugins).toMatchObject({ status: "fail" });
    expect(plugins?.detail).toMatch(/missing in .*: host-local, portmap, bandwidth$/);
  });

  it("expects the same plugins as berth's embedded default network", () => {
    const embedded = defaultNetwork({ subnet: "10.88.0.0/16", bridge: "berth0", ipamDataDir: "/x" });
    expect([...DEFAULT_NETWORK_PLUGINS].sort()).toEqual(requiredBinaries(embedded).sort());
  });

  it("a CNI config whose plugin is not installed fails; a non-executable plugin counts as missing", async () => {
    await put("etc/cni/net.d/10-calico.conflist", JSON.stringify({ plugins: [{ type: "calico" }] }));
    await put("opt/cni/bin/loopback", EXEC, 0o755);
    await put("opt/cni/bin/calico", EXEC, 0o644);
    const [conf, plugins] = await checkCni(env);
    expect(conf?.status).toBe("ok");
    expect(plugins?.detail).toMatch(/: calico$/);
  });

  it("the IPAM plugin a configuration names must be installed too", async () => {
    await put("etc/cni/net.d/10-pods.conf", JSON.stringify({ type: "bridge", ipam: { type: "dhcp" } }));
    for (const p of ["bridge", "loopback"]) await put(`opt/cni/bin/${p}`, EXEC, 0o755);
    const [, plugins] = await checkCni(env);
    expect(plugins?.detail).toMatch(/: dhcp$/);
  });

  it("a CNI config that is not JSON fails", async () => {
    await put("etc/cni/net.d/10-broken.conf", "{ not json");
    const [conf] = await checkCni(env);
    expect(conf?.status).toBe("fail");
  });

  it("a missing socket warns that berthd is not running", async () => {
    const r = await checkSocket(env);
    expect(r.status).toBe("warn");
    expect(r.fix).toContain("systemctl start berthd");
  });

  it("a world-accessible socket fails", async () => {
    const server = createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(env.socket, resolve));
    await chmod(env.socket, 0o666);
    const r = await checkSocket(env);
    expect(r.status).toBe("fail");
    expect(r.detail).toContain("mode 666");
  });

  it("a socket nobody listens on (berthd was killed) is reported stale", async () => {
    // A child binds the socket and dies by SIGKILL, leaving the file behind as a crash would.
    const child = spawnSync(process.execPath, [
      "-e",
      `require("node:net").createServer().listen(${JSON.stringify(env.socket)}, () => process.kill(process.pid, "SIGKILL"))`,
    ]);
    expect(child.signal).toBe("SIGKILL");
    await chmod(env.socket, 0o660);
    const r = await checkSocket(env);
    expect(r.status).toBe("fail");
    expect(r.detail).toContain("stale");
  });

  it("a regular file at the socket path fails", async () => {
    await put("berth.sock", "");
    expect((await checkSocket(env)).detail).toContain("not a socket");
  });

  it("a missing native helper fails; a missing runc only warns; a configured runtime must exist", async () => {
    const [helper, runc] = await checkRuntimeBinaries(env);
    expect(helper).toMatchObject({ name: "native helper", status: "fail" });
    expect(helper?.fix).toContain("make build");
    expect(runc).toMatchObject({ name: "runc", status: "warn" });
    const [, configured] = await checkRuntimeBinaries({ ...env, runtimeBinary: "crun" });
    expect(configured).toMatchObject({ name: "oci runtime", status: "fail" });
  });

  it("iptables is required", async () => {
    expect((await checkIptables(env)).status).toBe("fail");
    await put("usr/sbin/iptables", EXEC, 0o755);
    expect((await checkIptables(env)).status).toBe("ok");
  });

  it("ip_forward off and br_netfilter absent are warnings with sysctl fixes", async () => {
    await put("proc/sys/net/ipv4/ip_forward", "0\n");
    const [fwd, brnf] = await checkSysctls(env);
    expect(fwd).toMatchObject({ status: "warn" });
    expect(fwd?.fix).toContain("net.ipv4.ip_forward=1");
    expect(brnf?.detail).toContain("br_netfilter is not loaded");
  });

  it("the report shows each failure with its fix and a summary that counts them", async () => {
    await healthyNode();
    await put("proc/filesystems", "nodev\tsysfs\n");
    await rm(join(root, "usr/sbin/iptables"));
    const report = formatReport(await runChecks(env));
    expect(report).toMatch(/\[FAIL\] overlayfs .*\n\s+fix: modprobe overlay/);
    expect(report).toMatch(/\[FAIL\] iptables/);
    expect(report).toMatch(/\[ok {2}\] cgroups/);
    expect(report).toContain("2 required check(s) failed, 0 warning(s)");
  });
});

describe("privileges and the state filesystem", () => {
  const status = (uid: number, capEff: string) =>
    put(
      "proc/self/status",
      `Name:\tx\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\nCapEff:\t${capEff}\nSeccomp:\t0\n`,
    );

  it("root with every capability passes; without CAP_SYS_RESOURCE it warns about clamping", async () => {
    await status(0, FULL_CAPS);
    expect((await checkPrivileges(env)).status).toBe("ok");
    // CAP_SYS_RESOURCE is bit 24.
    await status(0, (BigInt(`0x${FULL_CAPS}`) & ~(1n << 24n)).toString(16));
    const r = await checkPrivileges(env);
    expect(r.status).toBe("warn");
    expect(r.detail).toContain("CAP_SYS_RESOURCE");
  });

  it("root without CAP_SYS_ADMIN fails; a non-root doctor only warns", async () => {
    await status(0, (BigInt(`0x${FULL_CAPS}`) & ~(1n << 21n)).toString(16));
    expect(await checkPrivileges(env)).toMatchObject({ status: "fail" });
    await status(1000, "0");
    expect(await checkPrivileges(env)).toMatchObject({ status: "warn", fix: "sudo berth doctor" });
  });

  it("a state root on overlayfs fails (writable layers cannot be overlay upper dirs there)", async () => {
    await put(
      "proc/self/mounts",
      "overlay / overlay rw,lowerdir=/a,upperdir=/b,workdir=/c 0 0\n/dev/sdb /var/lib/berth\\040x ext4 rw 0 0\n",
    );
    const r = await checkStateFilesystem(env);
    expect(r.status).toBe("fail");
    expect(r.detail).toContain("/var/lib/berth is on overlay (mounted at /)");
    // The escaped mount point "/var/lib/berth x" must not be taken for /var/lib/berth.
    const spaced = await checkStateFilesystem({ ...env, stateRoot: "/var/lib/berth x/state" });
    expect(spaced).toMatchObject({ status: "ok", detail: expect.stringContaining("on ext4") });
  });
});
