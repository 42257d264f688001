// CNI through the real plugins of /usr/lib/cni (Debian containernetworking-plugins), as root: a test
// bridge with a unique name on a private 10.213.x.0/24 subnet, namespaces under a temp root.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CniPluginError, NetworkManager, type NetworkManagerOptions } from "../../src/network/index.js";

const PLUGINS = "/usr/lib/cni";
const canRun =
  process.getuid?.() === 0 &&
  (() => {
    try {
      execFileSync("test", ["-x", `${PLUGINS}/bridge`]);
      return true;
    } catch {
      return false;
    }
  })();

const tag = randomBytes(3).toString("hex");
const bridge = `bt${tag}`;
const netName = `berth-test-${tag}`;
const octet = randomInt(0, 256);
const subnet = `10.213.${octet}.0/24`;
const gateway = `10.213.${octet}.1`;

let root: string;
let confDir: string;
let ipamDir: string;
const managers: NetworkManager[] = [];
const children: ChildProcess[] = [];

function bridgeConflist(extra: object[] = [], ipMasq = true): object {
  return {
    cniVersion: "1.0.0",
    name: netName,
    plugins: [
      {
        type: "bridge",
        bridge,
        isGateway: true,
        ipMasq,
        ipam: {
          type: "host-local",
          ranges: [[{ subnet }]],
          routes: [{ dst: "0.0.0.0/0" }],
          dataDir: ipamDir,
        },
      },
      ...extra,
    ],
  };
}

function manager(o: Partial<NetworkManagerOptions> = {}): NetworkManager {
  const m = new NetworkManager({
    confDir,
    binDirs: [PLUGINS],
    stateDir: join(root, "state"),
    dataDir: join(root, "data"),
    defaultSubnet: "10.214.0.0/24",
    defaultBridge: `bd${tag}`,
    log: pino({ level: "silent" }),
    ...o,
  });
  managers.push(m);
  return m;
}

async function mountsUnder(dir: string): Promise<string[]> {
  return (await readFile("/proc/self/mountinfo", "utf8"))
    .split("\n")
    .map((l) => l.split(" ")[4] ?? "")
    .filter((m) => m === dir || m.startsWith(`${dir}/`));
}

async function ipamFiles(network = netName): Promise<string[]> {
  try {
    return (await readdir(join(ipamDir, network))).filter((f) => /^\d+\.\d+\.\d+\.\d+$/.test(f));
  } catch {
    return [];
  }
}

function iptablesRulesMentioning(text: string): string[] {
  return execFileSync("iptables-save", { stdio: ["ignore", "pipe", "ignore"] })
    .toString()
    .split("\n")
    .filter((l) => l.includes(text));
}

// A TCP server inside a namespace answering "pong:<what it read>" (node, entered with nsenter).
async function startServer(netns: string, port: number): Promise<void> {
  const code = `require("net").createServer((s)=>{s.on("data",(d)=>s.end("pong:"+d))}).listen(${port},()=>console.log("up"))`;
  const child = spawn("nsenter", [`--net=${netns}`, "--", process.execPath, "-e", code], { stdio: "pipe" });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", () => resolve());
    child.on("exit", (c) => reject(new Error(`server exited ${c}`)));
  });
}

// Connects with node's net inside `netns` (or on the host when netns is undefined).
function tcpRequest(netns: string | undefined, host: string, port: number): string {
  const code = `const s=require("net").connect(${port},"${host}",()=>s.write("ping"));let b="";s.on("data",(d)=>b+=d);s.on("end",()=>{console.log(b);process.exit(0)});s.on("error",(e)=>{console.error(e.message);process.exit(1)});setTimeout(()=>{console.error("timeout");process.exit(2)},5000)`;
  const argv = netns
    ? ["nsenter", `--net=${netns}`, "--", process.execPath, "-e", code]
    : [process.execPath, "-e", code];
  return execFileSync(argv[0] as string, argv.slice(1), { timeout: 10_000 })
    .toString()
    .trim();
}

function linksIn(netns: string): string[] {
  return execFileSync("nsenter", [`--net=${netns}`, "--", "ip", "-o", "link", "show"])
    .toString()
    .trim()
    .split("\n")
    .map((l) => (l.split(": ")[1] ?? "").split("@")[0] ?? "");
}

describe.skipIf(!canRun)("CNI with the real plugins", () => {
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "berth-cni-"));
    confDir = join(root, "net.d");
    ipamDir = join(root, "ipam");
    await mkdir(confDir);
  });

  afterEach(async () => {
    for (const c of children.splice(0)) c.kill("SIGKILL");
    // Tear down whatever a test left: every manager's cached attachments and namespace pins.
    for (const m of managers.splice(0)) {
      for (const id of await m.attachedPods().catch(() => [])) await m.tearDown(id).catch(() => {});
      for (const id of await m.listNetns().catch(() => [])) await m.removeNetns(id).catch(() => {});
    }
    await rm(confDir, { recursive: true, force: true });
    await mkdir(confDir);
  });

  afterAll(async () => {
    for (const dev of [bridge, `bd${tag}`, `bc${tag}`]) {
      try {
        execFileSync("ip", ["link", "del", dev], { stdio: "ignore" });
      } catch {
        // the test did not create it
      }
    }
    if (root) {
      for (const m of (await mountsUnder(root)).sort((a, b) => b.length - a.length))
        execFileSync("umount", ["--lazy", m]);
      await rm(root, { recursive: true, force: true });
    }
  });

  it("two pods get distinct IPs on the network and reach each other over TCP and ICMP", async () => {
    await writeFile(join(confDir, "10-test.conflist"), JSON.stringify(bridgeConflist()));
    const m = manager();
    expect(await m.status()).toEqual({ ready: true });
    const nsA = await m.createNetns("pod-a");
    const nsB = await m.createNetns("pod-b");
    const a = await m.setUp({
      podId: "pod-a",
      netnsPath: nsA,
      name: "a",
      namespace: "default",
      uid: "uid-a",
    });
    const b = await m.setUp({
      podId: "pod-b",
      netnsPath: nsB,
      name: "b",
      namespace: "default",
      uid: "uid-b",
    });
    expect(a.ips).toHaveLength(1);
    expect(b.ips).toHaveLength(1);
    const [ipA, ipB] = [a.ips[0] as string, b.ips[0] as string];
    expect(ipA).not.toBe(ipB);
    for (const ip of [ipA, ipB]) expect(ip.startsWith(`10.213.${octet}.`)).toBe(true);
    expect(a.interfaces.find((i) => i.name === "eth0")?.sandbox).toBe(nsA);
    expect(a.ipConfigs[0]?.gateway).toBe(gateway);
    expect(linksIn(nsA)).toContain("eth0");
    expect((await ipamFiles()).sort()).toEqual([ipA, ipB].sort());

    await startServer(nsB, 8080);
    expect(tcpRequest(nsA, ipB, 8080)).toBe("pong:ping");
    execFileSync("nsenter", [`--net=${nsA}`, "--", "busybox", "ping", "-c", "1", "-W", "2", ipB]);

    // The cached network is what a restarted daemon reports.
    expect((await m.podNetwork("pod-a"))?.ips).toEqual([ipA]);

    await m.tearDown("pod-a");
    await m.tearDown("pod-b");
    expect(await ipamFiles()).toEqual([]);
    expect(linksIn(nsA)).toEqual(["lo"]);
    expect(await m.attachedPods()).toEqual([]);
    // tearDown is idempotent.
    await m.tearDown("pod-a");
  });

  it("pods set up and torn down concurrently get distinct IPs and release them all", async () => {
    await writeFile(
      join(confDir, "10-test.conflist"),
      JSON.stringify(bridgeConflist([{ type: "portmap", capabilities: { portMappings: true } }])),
    );
    const m = manager();
    const ids = Array.from({ length: 6 }, (_, i) => `pod-c${i}`);
    const nets = await Promise.all(
      ids.map(async (id) => {
        const ns = await m.createNetns(id);
        return m.setUp({ podId: id, netnsPath: ns, name: id, namespace: "default", uid: id });
      }),
    );
    const ips = nets.map((n) => n.ips[0]);
    expect(new Set(ips).size).toBe(ids.length);
    expect((await ipamFiles()).sort()).toEqual([...ips].sort());
    await Promise.all(ids.map(async (id) => m.tearDown(id).then(() => m.removeNetns(id))));
    expect(await ipamFiles()).toEqual([]);
    expect(await m.attachedPods()).toEqual([]);
    expect(await m.listNetns()).toEqual([]);
  });

  it("DEL after a restart uses the cached config even though the config folder changed", async () => {
    await writeFile(join(confDir, "10-test.conflist"), JSON.stringify(bridgeConflist()));
    const first = manager();
    const ns = await first.createNetns("pod-r");
    const net = await first.setUp({ podId: "pod-r", netnsPath: ns, name: "r", namespace: "ns1", uid: "u" });
    expect(await ipamFiles()).toEqual(net.ips);

    // The operator breaks the config folder; a new daemon instance starts.
    await writeFile(join(confDir, "00-broken.conflist"), "{ not json");
    const second = manager();
    expect((await second.status()).ready).toBe(false);
    expect((await second.podNetwork("pod-r"))?.ips).toEqual(net.ips);
    await second.tearDown("pod-r");
    expect(await ipamFiles()).toEqual([]);
    expect(await second.attachedPods()).toEqual([]);
    expect(linksIn(ns)).toEqual(["lo"]);
  });

  it("DEL after the namespace is gone still releases the IP", async () => {
    // Without ipMasq: bridge 1.1 finds its masquerade rules through the addresses in the namespace,
    // so they outlive a namespace removed before DEL (tearDown must come first; see manager.ts).
    await writeFile(join(confDir, "10-test.conflist"), JSON.stringify(bridgeConflist([], false)));
    const m = manager();
    const ns = await m.createNetns("pod-g");
    await m.setUp({ podId: "pod-g", netnsPath: ns, name: "g", namespace: "default", uid: "u" });
    await m.removeNetns("pod-g");
    await m.tearDown("pod-g");
    expect(await ipamFiles()).toEqual([]);
  });

  it("a failing chained plugin rolls back the plugins before it (IP released, veth gone)", async () => {
    const bin = join(root, "fakebin");
    await mkdir(bin, { recursive: true });
    await writeFile(
      join(bin, "fail-plugin"),
      `#!/bin/sh
cat >/dev/null
echo "$CNI_COMMAND" >> "${bin}/calls"
if [ "$CNI_COMMAND" = ADD ]; then
  echo '{"cniVersion":"1.0.0","code":7,"msg":"deliberate failure","details":"from the test"}'
  exit 1
fi
exit 0
`,
    );
    await chmod(join(bin, "fail-plugin"), 0o755);
    await writeFile(
      join(confDir, "10-test.conflist"),
      JSON.stringify(bridgeConflist([{ type: "fail-plugin" }])),
    );
    const m = manager({ binDirs: [bin, PLUGINS] });
    const ns = await m.createNetns("pod-f");
    const err = await m
      .setUp({ podId: "pod-f", netnsPath: ns, name: "f", namespace: "default", uid: "u" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CniPluginError);
    expect((err as CniPluginError).cniCode).toBe(7);
    expect((err as Error).message).toBe(
      "CNI plugin fail-plugin ADD failed (CNI error 7: invalid network config): deliberate failure; from the test",
    );
    expect(await ipamFiles()).toEqual([]);
    expect(linksIn(ns)).toEqual(["lo"]);
    expect(await m.attachedPods()).toEqual([]);
    // The failed plugin was DEL'd as well (it may have done part of its work); VERSION is negotiation.
    const calls = (await readFile(join(bin, "calls"), "utf8"))
      .split("\n")
      .filter((c) => c && c !== "VERSION");
    expect(calls).toEqual(["ADD", "DEL"]);
  });

  it("CHECK passes on a healthy attachment and fails once the pod's interface is gone", async () => {
    // No ipMasq: with eth0 gone, bridge 1.1's DEL cannot find the addresses its rules are keyed by.
    await writeFile(join(confDir, "10-test.conflist"), JSON.stringify(bridgeConflist([], false)));
    const m = manager();
    const ns = await m.createNetns("pod-k");
    await m.setUp({ podId: "pod-k", netnsPath: ns, name: "k", namespace: "default", uid: "u" });
    await m.check("pod-k");
    execFileSync("nsenter", [`--net=${ns}`, "--", "ip", "link", "del", "eth0"]);
    const err = await m.check("pod-k").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CniPluginError);
    expect((err as CniPluginError).plugin).toBe("bridge");
    await m.tearDown("pod-k");
    expect(await ipamFiles()).toEqual([]);
  });

  it("bad configuration files make the network not ready with a message naming the file", async () => {
    const m = manager();
    const file = join(confDir, "10-bad.conflist");
    await writeFile(file, JSON.stringify({ cniVersion: "1.0.0", name: "x", plugins: [] }));
    expect(await m.status()).toEqual({
      ready: false,
      reason: "NetworkPluginNotReady",
      message: `invalid CNI configuration ${file}: "plugins" is empty`,
    });
    const ns = await m.createNetns("pod-x");
    await expect(
      m.setUp({ podId: "pod-x", netnsPath: ns, name: "x", namespace: "d", uid: "u" }),
    ).rejects.toThrow(`invalid CNI configuration ${file}: "plugins" is empty`);
    await writeFile(file, JSON.stringify(bridgeConflist([{ type: "no-such-plugin" }])));
    expect(await m.status()).toEqual({
      ready: false,
      reason: "NetworkPluginNotReady",
      message: `no CNI plugin binary no-such-plugin in ${PLUGINS} (needed by network ${file})`,
    });
    await expect(
      m.setUp({ podId: "pod-x", netnsPath: ns, name: "x", namespace: "d", uid: "u" }),
    ).rejects.toThrow(`no CNI plugin binary no-such-plugin in ${PLUGINS}`);
    expect(await ipamFiles()).toEqual([]);
  });

  it("the embedded default network serves when the config folder is empty or absent", async () => {
    const m = manager({ confDir: join(root, "absent") });
    expect(await m.status()).toEqual({ ready: true });
    expect(await m.describe()).toEqual({
      name: "berth",
      source: "embedded default",
      cniVersion: "1.0.0",
      plugins: ["loopback", "bridge", "portmap", "bandwidth"],
    });
    const ns = await m.createNetns("pod-d");
    const net = await m.setUp({ podId: "pod-d", netnsPath: ns, name: "d", namespace: "default", uid: "u" });
    expect(net.ips[0]).toMatch(/^10\.214\.0\.\d+$/);
    // Only the bridge ran: loopback (lo is up from createNetns), portmap and bandwidth (no ports,
    // no limits) would have been pass-through executions; the cache records what DEL must undo.
    const cached = JSON.parse(await readFile(join(root, "data", "results", "pod-d.json"), "utf8"));
    expect(cached.network.plugins.map((p: { type: string }) => p.type)).toEqual(["bridge"]);
    expect(
      execFileSync("nsenter", [`--net=${ns}`, "ip", "-o", "link", "show", "lo"], { encoding: "utf8" }),
    ).toMatch(/[<,]UP[,>]/);
    // host-local's allocations live under Berth's data folder, never /var/lib/cni.
    expect(await readdir(join(root, "data", "ipam", "berth"))).toContain(net.ips[0]);
    expect(await readdir(confDir)).toEqual([]);
    await m.tearDown("pod-d");
    expect(await readdir(join(root, "data", "ipam", "berth"))).not.toContain(net.ips[0]);

    // With a port mapping, the default's portmap runs: the host reaches the pod on 127.0.0.1.
    const nsP = await m.createNetns("pod-dp");
    const hostPort = randomInt(20000, 40000);
    await m.setUp({
      podId: "pod-dp",
      netnsPath: nsP,
      name: "dp",
      namespace: "default",
      uid: "u",
      portMappings: [{ hostPort, containerPort: 8080, protocol: "tcp" }],
    });
    await startServer(nsP, 8080);
    expect(tcpRequest(undefined, "127.0.0.1", hostPort)).toBe("pong:ping");
    await m.tearDown("pod-dp");
    expect(iptablesRulesMentioning('id: \\"pod-dp\\"')).toEqual([]);

    const noPlugins = manager({ confDir: join(root, "absent"), binDirs: [join(root, "empty-bin")] });
    expect(await noPlugins.status()).toEqual({
      ready: false,
      reason: "NetworkPluginNotReady",
      message: expect.stringContaining(`no CNI plugin binary bridge in ${join(root, "empty-bin")}`),
    });
  });

  it("stats reads per-interface counters inside the pod's namespace", async () => {
    await writeFile(join(confDir, "10-test.conflist"), JSON.stringify(bridgeConflist()));
    const m = manager();
    const nsA = await m.createNetns("pod-s1");
    const nsB = await m.createNetns("pod-s2");
    await m.setUp({ podId: "pod-s1", netnsPath: nsA, name: "s1", namespace: "default", uid: "u1" });
    const b = await m.setUp({ podId: "pod-s2", netnsPath: nsB, name: "s2", namespace: "default", uid: "u2" });
    const before = (await m.stats(nsA)).find((i) => i.name === "eth0");
    expect(before).toBeDefined();
    await startServer(nsB, 8080);
    expect(tcpRequest(nsA, b.ips[0] as string, 8080)).toBe("pong:ping");
    const stats = await m.stats(nsA);
    expect(stats.map((i) => i.name).sort()).toEqual(["eth0", "lo"]);
    const eth0 = stats.find((i) => i.name === "eth0");
    expect(eth0?.rxBytes).toBeGreaterThan(before?.rxBytes ?? 0);
    expect(eth0?.txBytes).toBeGreaterThan(before?.txBytes ?? 0);
    expect(eth0?.rxErrors).toBe(0);
  });

  it("hostPort via portmap reaches the pod from the host (bridge address and 127.0.0.1), and DEL removes its rules", async () => {
    await writeFile(
      join(confDir, "10-test.conflist"),
      JSON.stringify(bridgeConflist([{ type: "portmap", capabilities: { portMappings: true }, snat: true }])),
    );
    const m = manager();
    const ns = await m.createNetns("pod-p");
    const hostPort = randomInt(20000, 40000);
    await m.setUp({
      podId: "pod-p",
      netnsPath: ns,
      name: "p",
      namespace: "default",
      uid: "u",
      portMappings: [{ hostPort, containerPort: 8080, protocol: "tcp" }],
    });
    await startServer(ns, 8080);
    expect(iptablesRulesMentioning(`id: \\"pod-p\\"`).some((r) => r.includes(`${hostPort}`))).toBe(true);
    expect(tcpRequest(undefined, gateway, hostPort)).toBe("pong:ping");
    expect(tcpRequest(undefined, "127.0.0.1", hostPort)).toBe("pong:ping");
    await m.tearDown("pod-p");
    expect(iptablesRulesMentioning(`id: \\"pod-p\\"`)).toEqual([]);
    expect(() => tcpRequest(undefined, gateway, hostPort)).toThrow();
  });

  it("bandwidth shapes the pod's traffic with tc and DEL removes the ifb device", async () => {
    await writeFile(
      join(confDir, "10-test.conflist"),
      JSON.stringify(bridgeConflist([{ type: "bandwidth", capabilities: { bandwidth: true } }])),
    );
    const m = manager();
    const ns = await m.createNetns("pod-w");
    const net = await m.setUp({
      podId: "pod-w",
      netnsPath: ns,
      name: "w",
      namespace: "default",
      uid: "u",
      // containerd's conversion of the kubernetes.io/*-bandwidth annotations: burst is the 32-bit maximum.
      bandwidth: {
        ingressRate: 10_000_000,
        ingressBurst: 4294967295,
        egressRate: 20_000_000,
        egressBurst: 4294967295,
      },
    });
    const hostVeth = net.interfaces.find((i) => !i.sandbox && i.name !== bridge)?.name as string;
    expect(hostVeth).toBeTruthy();
    expect(execFileSync("tc", ["qdisc", "show", "dev", hostVeth]).toString()).toMatch(/tbf .*rate 10Mbit/);
    const ifbs = () =>
      execFileSync("ip", ["-o", "link", "show", "type", "ifb"])
        .toString()
        .split("\n")
        .filter((l) => l.includes(`bwp`));
    const before = ifbs().length;
    expect(before).toBeGreaterThan(0);
    await m.tearDown("pod-w");
    expect(ifbs().length).toBe(before - 1);
  });

  it("the pod CIDR from UpdateRuntimeConfig becomes the default network's subnet and ipRanges", async () => {
    const cidrOctet = randomInt(0, 256);
    await manager({ confDir: join(root, "absent") }).setPodCidr(`10.215.${cidrOctet}.0/24`);
    // A restarted daemon still knows it: kubelet sends it only when it changes.
    const m = manager({ confDir: join(root, "absent") });
    expect((await m.network()).plugins[1]?.raw.ipam).toMatchObject({
      ranges: [[{ subnet: `10.215.${cidrOctet}.0/24` }]],
    });
    const ns = await m.createNetns("pod-c");
    const net = await m.setUp({ podId: "pod-c", netnsPath: ns, name: "c", namespace: "default", uid: "u" });
    expect(net.ips[0]).toMatch(new RegExp(`^10\\.215\\.${cidrOctet}\\.\\d+$`));
    await m.tearDown("pod-c");

    // A configured network whose bridge declares the ipRanges capability gets the pod CIDR too.
    const conf = bridgeConflist() as { plugins: Record<string, unknown>[] };
    // Its own bridge: the bridge plugin refuses a second IPv4 subnet on a bridge that has one. No
    // static ranges: host-local would allocate from those as well as from the runtime's ipRanges.
    conf.plugins[0] = {
      ...conf.plugins[0],
      bridge: `bc${tag}`,
      capabilities: { ipRanges: true },
      ipam: { type: "host-local", routes: [{ dst: "0.0.0.0/0" }], dataDir: ipamDir },
    };
    await writeFile(join(confDir, "10-test.conflist"), JSON.stringify(conf));
    const m2 = manager();
    await m2.setPodCidr(`10.216.${cidrOctet}.0/24`);
    const ns2 = await m2.createNetns("pod-c2");
    const net2 = await m2.setUp({
      podId: "pod-c2",
      netnsPath: ns2,
      name: "c2",
      namespace: "default",
      uid: "u",
    });
    expect(net2.ips[0]).toMatch(new RegExp(`^10\\.216\\.${cidrOctet}\\.\\d+$`));
    await m2.tearDown("pod-c2");
    expect(await ipamFiles()).toEqual([]);
    await m2.setPodCidr("");
  });

  it("netns removal after tearDown leaves no mount under the state folder but the pin folder", async () => {
    await writeFile(join(confDir, "10-test.conflist"), JSON.stringify(bridgeConflist()));
    const m = manager();
    const ns = await m.createNetns("pod-m");
    await m.setUp({ podId: "pod-m", netnsPath: ns, name: "m", namespace: "default", uid: "u" });
    // ipMasq rules carry the container id in their comment: present now, gone after DEL.
    expect(iptablesRulesMentioning('id: \\"pod-m\\"').length).toBeGreaterThan(0);
    await m.tearDown("pod-m");
    await m.removeNetns("pod-m");
    expect(await mountsUnder(join(root, "state"))).toEqual([join(root, "state", "netns")]);
    // Nor any rule of this test network, from this or the earlier tests.
    expect(iptablesRulesMentioning(netName)).toEqual([]);
  });
});
