// What Berth sends CNI plugins, checked with a fake plugin that records its environment and stdin. The real plugins are
// exercised in test/integration/network-cni.test.ts.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeadlineExceededError, FailedPreconditionError, InvalidArgumentError } from "../../src/errors.js";
import { invokePlugin } from "../../src/network/cni-invoke.js";
import { CniPluginError, NetworkManager } from "../../src/network/index.js";
import type { JsonObject } from "../../src/network/types.js";

// A shell plugin: fast to start, records one JSON line per call; `<name>.versions`, `.fail-<CMD>`,
// `.plain` and `.sleep` files beside it change what it answers.
const FAKE = `#!/bin/sh
me=$(basename "$0"); dir=$(dirname "$0")
stdin=$(cat)
printf '{"plugin":"%s","env":{"CNI_COMMAND":"%s","CNI_CONTAINERID":"%s","CNI_NETNS":"%s","CNI_IFNAME":"%s","CNI_ARGS":"%s","CNI_PATH":"%s"},"stdin":%s}\\n' \\
  "$me" "$CNI_COMMAND" "$CNI_CONTAINERID" "$CNI_NETNS" "$CNI_IFNAME" "$CNI_ARGS" "$CNI_PATH" "\${stdin:-null}" >> "$dir/calls.jsonl"
if [ "$CNI_COMMAND" = VERSION ]; then
  v='"0.3.0","0.3.1","0.4.0","1.0.0","1.1.0"'
  [ -f "$0.versions" ] && v=$(cat "$0.versions")
  printf '{"cniVersion":"1.0.0","supportedVersions":[%s]}' "$v"
  exit 0
fi
[ -f "$0.sleep" ] && sleep 5
if [ -f "$0.fail-$CNI_COMMAND" ]; then
  if [ -f "$0.plain" ]; then echo "something broke badly" >&2; exit 3; fi
  echo '{"cniVersion":"1.0.0","code":11,"msg":"busy","details":"try later"}'
  exit 1
fi
if [ "$CNI_COMMAND" = ADD ]; then
  ver=$(printf '%s' "$stdin" | sed -n 's/.*"cniVersion":"\\([0-9.]*\\)".*/\\1/p')
  printf '{"cniVersion":"%s","interfaces":[{"name":"veth0"},{"name":"%s","sandbox":"%s"}],"ips":[{"address":"fd00::3/64","interface":1},{"address":"10.1.2.3/24","gateway":"10.1.2.1","interface":1}],"dns":{"nameservers":["10.1.2.1"]}}' "$ver" "$CNI_IFNAME" "$CNI_NETNS"
fi
exit 0
`;

interface Call {
  plugin: string;
  env: Record<string, string>;
  stdin: JsonObject | null;
}

let dir: string;
let bin: string;
let confDir: string;

async function calls(): Promise<Call[]> {
  const text = await readFile(join(bin, "calls.jsonl"), "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Call)
    .filter((c) => c.env.CNI_COMMAND !== "VERSION");
}

async function conflist(value: object): Promise<void> {
  await writeFile(join(confDir, "10-fake.conflist"), JSON.stringify(value));
}

function manager(): NetworkManager {
  return new NetworkManager({
    confDir,
    binDirs: [bin, join(dir, "other-bin")],
    stateDir: join(dir, "state"),
    dataDir: join(dir, "data"),
    defaultSubnet: "10.88.0.0/16",
    pluginTimeoutMs: 5000,
    log: pino({ level: "silent" }),
  });
}

const pod = {
  podId: "pod1",
  netnsPath: "/run/berth/netns/pod1",
  name: "web",
  namespace: "prod",
  uid: "uid-1",
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "berth-fakecni-"));
  bin = join(dir, "bin");
  confDir = join(dir, "net.d");
  await mkdir(bin);
  await mkdir(confDir);
  for (const name of ["fake-a", "fake-b"]) {
    await writeFile(join(bin, name), FAKE);
    await chmod(join(bin, name), 0o755);
  }
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("CNI invocation (fake plugin)", () => {
  it("ADD runs the chain in order with the CNI environment, CNI_ARGS, runtimeConfig and prevResult", async () => {
    await conflist({
      cniVersion: "1.0.0",
      name: "fakenet",
      plugins: [
        { type: "fake-a", capabilities: { ipRanges: true }, custom: 1 },
        { type: "fake-b", capabilities: { portMappings: true, bandwidth: true } },
      ],
    });
    const m = manager();
    await m.setPodCidr("10.244.7.0/24");
    const net = await m.setUp({
      ...pod,
      portMappings: [{ hostPort: 8080, containerPort: 80, protocol: "tcp", hostIP: "127.0.0.1" }],
      bandwidth: { egressRate: 1_000_000, egressBurst: 2_000_000 },
    });
    expect(net.ips).toEqual(["10.1.2.3", "fd00::3"]);
    expect(net.dns).toEqual({ nameservers: ["10.1.2.1"] });

    const [a, b] = await calls();
    expect(a?.plugin).toBe("fake-a");
    expect(a?.env).toEqual({
      CNI_COMMAND: "ADD",
      CNI_CONTAINERID: "pod1",
      CNI_NETNS: "/run/berth/netns/pod1",
      CNI_IFNAME: "eth0",
      CNI_ARGS:
        "IgnoreUnknown=1;K8S_POD_NAMESPACE=prod;K8S_POD_NAME=web;K8S_POD_INFRA_CONTAINER_ID=pod1;K8S_POD_UID=uid-1",
      CNI_PATH: `${bin}:${join(dir, "other-bin")}`,
    });
    expect(a?.stdin).toEqual({
      type: "fake-a",
      custom: 1,
      name: "fakenet",
      cniVersion: "1.0.0",
      runtimeConfig: { ipRanges: [[{ subnet: "10.244.7.0/24" }]] },
    });
    expect(b?.plugin).toBe("fake-b");
    expect(b?.stdin?.runtimeConfig).toEqual({
      portMappings: [{ hostPort: 8080, containerPort: 80, protocol: "tcp", hostIP: "127.0.0.1" }],
      bandwidth: { egressRate: 1_000_000, egressBurst: 2_000_000 },
    });
    expect(b?.stdin).not.toHaveProperty("capabilities");
    expect((b?.stdin?.prevResult as JsonObject | undefined)?.ips).toHaveLength(2);
  });

  it("DEL runs in reverse order with the cached config, args, runtimeConfig and prevResult", async () => {
    await conflist({
      cniVersion: "1.0.0",
      name: "fakenet",
      plugins: [{ type: "fake-a" }, { type: "fake-b", capabilities: { portMappings: true } }],
    });
    const pm = [{ hostPort: 9000, containerPort: 90, protocol: "udp" as const }];
    await manager().setUp({ ...pod, portMappings: pm });
    // The folder changes before the (restarted) daemon tears down.
    await conflist({ cniVersion: "1.0.0", name: "othernet", plugins: [{ type: "fake-b" }] });
    await manager().tearDown("pod1");
    const all = await calls();
    const dels = all.filter((c) => c.env.CNI_COMMAND === "DEL");
    expect(dels.map((c) => c.plugin)).toEqual(["fake-b", "fake-a"]);
    for (const d of dels) {
      expect(d.stdin?.name).toBe("fakenet");
      expect(d.env.CNI_ARGS).toBe(all[0]?.env.CNI_ARGS);
      expect((d.stdin?.prevResult as JsonObject | undefined)?.ips).toHaveLength(2);
      // The namespace path given at ADD is not a mounted namespace here, so DEL says it is gone.
      expect(d.env.CNI_NETNS).toBe("");
    }
    expect(dels[0]?.stdin?.runtimeConfig).toEqual({ portMappings: pm });
    await manager().tearDown("pod1");
    expect((await calls()).filter((c) => c.env.CNI_COMMAND === "DEL")).toHaveLength(2);
  });

  it("pre-0.4.0 networks get no prevResult on DEL and no CHECK", async () => {
    await conflist({ cniVersion: "0.3.1", name: "old", plugins: [{ type: "fake-a" }] });
    const m = manager();
    await m.setUp(pod);
    await m.check("pod1");
    await m.tearDown("pod1");
    const cs = await calls();
    expect(cs.map((c) => c.env.CNI_COMMAND)).toEqual(["ADD", "DEL"]);
    expect(cs[1]?.stdin).not.toHaveProperty("prevResult");
  });

  it("CHECK sends the cached result; disableCheck skips it", async () => {
    await conflist({ cniVersion: "1.0.0", name: "n", plugins: [{ type: "fake-a" }, { type: "fake-b" }] });
    const m = manager();
    await m.setUp(pod);
    await m.check("pod1");
    const checks = (await calls()).filter((c) => c.env.CNI_COMMAND === "CHECK");
    expect(checks.map((c) => c.plugin)).toEqual(["fake-a", "fake-b"]);
    expect(checks[0]?.stdin?.prevResult).toBeDefined();
    await m.tearDown("pod1");
    await expect(m.check("pod1")).rejects.toBeInstanceOf(FailedPreconditionError);

    await conflist({ cniVersion: "1.0.0", name: "n", disableCheck: true, plugins: [{ type: "fake-a" }] });
    await m.setUp(pod);
    await m.check("pod1");
    expect((await calls()).filter((c) => c.env.CNI_COMMAND === "CHECK")).toHaveLength(2);
  });

  it("negotiates the highest version of cniVersions that every plugin supports", async () => {
    await writeFile(join(bin, "fake-b.versions"), '"0.4.0","1.0.0"');
    await conflist({
      cniVersions: ["0.4.0", "1.0.0", "1.1.0"],
      name: "n",
      plugins: [{ type: "fake-a" }, { type: "fake-b" }],
    });
    await manager().setUp(pod);
    expect((await calls()).map((c) => c.stdin?.cniVersion)).toEqual(["1.0.0", "1.0.0"]);

    await conflist({ cniVersion: "1.1.0", name: "n", plugins: [{ type: "fake-a" }, { type: "fake-b" }] });
    await expect(manager().setUp({ ...pod, podId: "pod2" })).rejects.toThrow(
      `CNI network "n" (${join(confDir, "10-fake.conflist")}) uses CNI version 1.1.0, but plugin fake-b supports 0.4.0, 1.0.0`,
    );
  });

  it("a plugin's CNI error becomes a clear error and the chain is rolled back in reverse", async () => {
    await writeFile(join(bin, "fake-b.fail-ADD"), "");
    await conflist({ cniVersion: "1.0.0", name: "n", plugins: [{ type: "fake-a" }, { type: "fake-b" }] });
    const m = manager();
    const err = await m.setUp(pod).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CniPluginError);
    expect(err).toMatchObject({
      plugin: "fake-b",
      command: "ADD",
      cniCode: 11,
      msg: "busy",
      details: "try later",
    });
    expect((err as Error).message).toBe(
      "CNI plugin fake-b ADD failed (CNI error 11: try again later): busy; try later",
    );
    const cs = await calls();
    expect(cs.map((c) => `${c.env.CNI_COMMAND} ${c.plugin}`)).toEqual([
      "ADD fake-a",
      "ADD fake-b",
      "DEL fake-b",
      "DEL fake-a",
    ]);
    // Rollback DELs carry the last result that was had.
    expect(cs[2]?.stdin?.prevResult).toBeDefined();
    expect(await m.attachedPods()).toEqual([]);
  });

  it("a failed rollback keeps the cache so that tearDown retries the DEL", async () => {
    await writeFile(join(bin, "fake-b.fail-ADD"), "");
    await writeFile(join(bin, "fake-a.fail-DEL"), "");
    await conflist({ cniVersion: "1.0.0", name: "n", plugins: [{ type: "fake-a" }, { type: "fake-b" }] });
    const m = manager();
    await expect(m.setUp(pod)).rejects.toThrow(/fake-b ADD failed/);
    expect(await m.attachedPods()).toEqual(["pod1"]);
    await expect(m.tearDown("pod1")).rejects.toThrow(/fake-a DEL failed/);
    await rm(join(bin, "fake-a.fail-DEL"));
    await m.tearDown("pod1");
    expect(await m.attachedPods()).toEqual([]);
  });

  it("setUp twice without tearDown is refused", async () => {
    await conflist({ cniVersion: "1.0.0", name: "n", plugins: [{ type: "fake-a" }] });
    const m = manager();
    await m.setUp(pod);
    await expect(m.setUp(pod)).rejects.toThrow('network of pod "pod1" is already set up; tear it down first');
  });

  it("a failure without a CNI error object reports stderr", async () => {
    await writeFile(join(bin, "fake-a.fail-ADD"), "");
    await writeFile(join(bin, "fake-a.plain"), "");
    const err = await invokePlugin(
      "fake-a",
      { cniVersion: "1.0.0", name: "n", type: "fake-a" },
      {
        command: "ADD",
        binDirs: [bin],
        timeoutMs: 5000,
      },
    ).catch((e: unknown) => e);
    expect((err as Error).message).toBe("CNI plugin fake-a ADD failed: something broke badly");
  });

  it("a plugin that hangs is killed at the timeout", async () => {
    await writeFile(join(bin, "fake-a.sleep"), "");
    const err = await invokePlugin(
      "fake-a",
      { cniVersion: "1.0.0" },
      { command: "DEL", binDirs: [bin], timeoutMs: 300 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeadlineExceededError);
    expect((err as Error).message).toBe("CNI plugin fake-a DEL did not finish within 300 ms");
  });

  it("bad inputs are refused before anything runs", async () => {
    await conflist({ cniVersion: "1.0.0", name: "n", plugins: [{ type: "fake-a" }] });
    const m = manager();
    await expect(m.setUp({ ...pod, podId: "../x" })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(
      m.setUp({ ...pod, portMappings: [{ hostPort: 0, containerPort: 80, protocol: "tcp" }] }),
    ).rejects.toThrow("port mapping hostPort 0 must be an integer from 1 to 65535");
    await expect(
      m.setUp({ ...pod, portMappings: [{ hostPort: 80, containerPort: 80, protocol: "icmp" as "tcp" }] }),
    ).rejects.toThrow('port mapping protocol "icmp" must be tcp, udp or sctp');
    await expect(m.setUp({ ...pod, bandwidth: { ingressRate: -1 } })).rejects.toThrow(InvalidArgumentError);
    expect(() => m.setPodCidr("10.0.0.0/33")).toThrow(InvalidArgumentError);
    expect(() => m.setPodCidr("nonsense")).toThrow(InvalidArgumentError);
    expect(await calls()).toEqual([]);
  });

  it("status names the missing plugin and the bin folders", async () => {
    await conflist({ cniVersion: "1.0.0", name: "n", plugins: [{ type: "fake-a" }, { type: "nope" }] });
    expect(await manager().status()).toEqual({
      ready: false,
      reason: "NetworkPluginNotReady",
      message: `no CNI plugin binary nope in ${bin}:${join(dir, "other-bin")} (needed by network ${join(confDir, "10-fake.conflist")})`,
    });
  });
});
