import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FailedPreconditionError, InvalidArgumentError } from "../../src/errors.js";
import { bandwidthFromAnnotations, parseQuantity } from "../../src/network/bandwidth.js";
import {
  defaultNetwork,
  listConfigFiles,
  loadConfDir,
  parseConfigText,
  requiredBinaries,
} from "../../src/network/cni-config.js";
import { buildCniArgs, pluginExecConfig, runtimeConfigFor } from "../../src/network/cni-exec-config.js";
import { podNetworkFromResult } from "../../src/network/cni-result.js";
import { passesThrough } from "../../src/network/manager.js";
import { parseMountinfo } from "../../src/network/mountinfo.js";
import { parseProcNetDev } from "../../src/network/stats.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "berth-netconf-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bridge = { type: "bridge", bridge: "cni0", ipam: { type: "host-local", subnet: "10.1.0.0/16" } };
const parse = (v: unknown) => parseConfigText(JSON.stringify(v), "/etc/cni/net.d/x.conflist");
const problem = (v: unknown) => {
  try {
    parse(v);
  } catch (e) {
    expect(e).toBeInstanceOf(FailedPreconditionError);
    return (e as Error).message.replace("invalid CNI configuration /etc/cni/net.d/x.conflist: ", "");
  }
  throw new Error("expected a configuration error");
};

describe("CNI configuration parsing", () => {
  it("accepts a list in every supported spec version", () => {
    for (const v of ["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"]) {
      const list = parse({ cniVersion: v, name: "net", plugins: [bridge, { type: "portmap" }] });
      expect(list.cniVersion).toBe(v);
      expect(list.plugins.map((p) => p.type)).toEqual(["bridge", "portmap"]);
    }
  });

  it("wraps a single-plugin .conf into a one-plugin list", () => {
    const list = parse({ cniVersion: "0.4.0", name: "net", ...bridge });
    expect(list.name).toBe("net");
    expect(list.cniVersion).toBe("0.4.0");
    expect(list.plugins).toHaveLength(1);
    expect(list.plugins[0]?.raw).toEqual(bridge);
  });

  it("picks the highest supported version of a CNI 1.1 cniVersions list", () => {
    const list = parse({ cniVersions: ["0.4.0", "1.0.0", "1.1.0", "9.0.0"], name: "net", plugins: [bridge] });
    expect(list.cniVersion).toBe("1.1.0");
    expect(list.versions).toEqual(["0.4.0", "1.0.0", "1.1.0"]);
  });

  it("reads capabilities and disableCheck (boolean or string)", () => {
    const list = parse({
      cniVersion: "1.0.0",
      name: "net",
      disableCheck: "true",
      plugins: [bridge, { type: "portmap", capabilities: { portMappings: true } }],
    });
    expect(list.disableCheck).toBe(true);
    expect(list.plugins[1]?.capabilities).toEqual({ portMappings: true });
  });

  it("names the problem of each invalid configuration", () => {
    expect(problem([1])).toBe("must be a JSON object");
    expect(problem({ cniVersion: "1.0.0", plugins: [bridge] })).toBe('"name" is missing');
    expect(problem({ cniVersion: "1.0.0", name: "-bad name", plugins: [bridge] })).toMatch(
      /^"name" "-bad name" is invalid/,
    );
    expect(problem({ name: "n", plugins: [bridge] })).toBe('"cniVersion" is missing');
    expect(problem({ cniVersion: 1, name: "n", plugins: [bridge] })).toBe(
      '"cniVersion" must be a string, got 1',
    );
    expect(problem({ cniVersion: "0.2.0", name: "n", plugins: [bridge] })).toBe(
      'CNI version "0.2.0" is not supported (supported: 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0)',
    );
    expect(problem({ cniVersion: "one", name: "n", plugins: [bridge] })).toBe(
      'CNI version "one" is not a version like 1.0.0',
    );
    expect(problem({ cniVersion: "1.0.0", name: "n", plugins: [] })).toBe('"plugins" is empty');
    expect(problem({ cniVersion: "1.0.0", name: "n", plugins: {} })).toBe('"plugins" must be an array');
    expect(problem({ cniVersion: "1.0.0", name: "n" })).toBe(
      'has neither "plugins" (a list) nor "type" (a single plugin)',
    );
    expect(problem({ cniVersion: "1.0.0", name: "n", plugins: [{ bridge: "x" }] })).toBe(
      'plugin 0: "type" is missing',
    );
    expect(problem({ cniVersion: "1.0.0", name: "n", plugins: [bridge, { type: "../bin/sh" }] })).toBe(
      'plugin 1: "type" "../bin/sh" must be a plugin executable name',
    );
    expect(
      problem({
        cniVersion: "1.0.0",
        name: "n",
        plugins: [{ type: "portmap", capabilities: { portMappings: 1 } }],
      }),
    ).toBe('plugin 0 (portmap): capability "portMappings" must be true or false');
    expect(
      problem({ cniVersion: "1.0.0", name: "n", plugins: [{ type: "bridge", ipam: { type: "a/b" } }] }),
    ).toBe('plugin 0 (bridge) ipam: "type" "a/b" must be a plugin executable name');
    expect(problem({ cniVersion: "1.0.0", name: "n", disableCheck: "maybe", plugins: [bridge] })).toBe(
      '"disableCheck" must be a boolean, got "maybe"',
    );
    expect(() => parseConfigText("{ nope", "/x.conf")).toThrow(
      /^invalid CNI configuration \/x.conf: not valid JSON: /,
    );
  });

  it("lists the required executables including IPAM plugins", () => {
    expect(
      requiredBinaries(parse({ cniVersion: "1.0.0", name: "n", plugins: [bridge, { type: "portmap" }] })),
    ).toEqual(["bridge", "host-local", "portmap"]);
  });
});

describe("CNI configuration folder", () => {
  it("an absent or empty folder has no configuration", async () => {
    expect(await loadConfDir(join(dir, "absent"))).toBeUndefined();
    expect(await loadConfDir(dir)).toBeUndefined();
  });

  it("loads the first .conflist/.conf/.json by name, skipping other files and folders", async () => {
    await writeFile(join(dir, "README"), "not a config");
    await mkdir(join(dir, "00-folder.conflist"));
    await writeFile(
      join(dir, "20-b.conflist"),
      JSON.stringify({ cniVersion: "1.0.0", name: "b", plugins: [bridge] }),
    );
    await writeFile(join(dir, "10-a.conf"), JSON.stringify({ cniVersion: "0.3.1", name: "a", ...bridge }));
    await writeFile(join(dir, "30-c.json"), "{}");
    expect(await listConfigFiles(dir)).toEqual([
      join(dir, "10-a.conf"),
      join(dir, "20-b.conflist"),
      join(dir, "30-c.json"),
    ]);
    const list = await loadConfDir(dir);
    expect(list?.name).toBe("a");
    expect(list?.source).toBe(join(dir, "10-a.conf"));
  });

  it("follows symlinks to configuration files", async () => {
    await writeFile(
      join(dir, "real.txt"),
      JSON.stringify({ cniVersion: "1.0.0", name: "linked", plugins: [bridge] }),
    );
    await symlink(join(dir, "real.txt"), join(dir, "05-link.conflist"));
    expect((await loadConfDir(dir))?.name).toBe("linked");
  });

  it("an invalid first file is an error naming it (no silent fallback)", async () => {
    await writeFile(join(dir, "10-bad.conflist"), "{");
    await writeFile(
      join(dir, "20-good.conflist"),
      JSON.stringify({ cniVersion: "1.0.0", name: "g", plugins: [bridge] }),
    );
    await expect(loadConfDir(dir)).rejects.toThrow(
      `invalid CNI configuration ${join(dir, "10-bad.conflist")}`,
    );
  });
});

describe("embedded default network", () => {
  it("is loopback + bridge with host-local on the given subnet and data folder + portmap + bandwidth", () => {
    const net = defaultNetwork({
      subnet: "10.88.0.0/16",
      bridge: "berth0",
      ipamDataDir: "/var/lib/berth/network/ipam",
    });
    expect(net.source).toBe("embedded default");
    expect(net.plugins.map((p) => p.type)).toEqual(["loopback", "bridge", "portmap", "bandwidth"]);
    const b = net.plugins[1]?.raw;
    expect(b).toMatchObject({
      bridge: "berth0",
      isGateway: true,
      ipMasq: true,
      ipam: {
        type: "host-local",
        ranges: [[{ subnet: "10.88.0.0/16" }]],
        dataDir: "/var/lib/berth/network/ipam",
      },
    });
    expect(net.plugins[2]?.capabilities).toEqual({ portMappings: true });
    expect(net.plugins[3]?.capabilities).toEqual({ bandwidth: true });
  });
});

describe("execution configuration", () => {
  const list = parse({
    cniVersion: "1.0.0",
    name: "net",
    plugins: [
      { ...bridge, capabilities: { ipRanges: true } },
      { type: "portmap", capabilities: { portMappings: true }, snat: true },
      { type: "bandwidth", capabilities: { bandwidth: true } },
    ],
  });
  const inputs = {
    portMappings: [{ hostPort: 8080, containerPort: 80, protocol: "tcp" as const }],
    bandwidth: { ingressRate: 1000, ingressBurst: 2000 },
    ipRanges: [[{ subnet: "10.9.0.0/24" }]],
  };

  it("injects name and cniVersion, drops capabilities, adds only declared runtimeConfig", () => {
    const [b, p, bw] = list.plugins;
    const conf = pluginExecConfig(list, p!, inputs, { cniVersion: "1.0.0", ips: [] });
    expect(conf).toEqual({
      type: "portmap",
      snat: true,
      name: "net",
      cniVersion: "1.0.0",
      runtimeConfig: { portMappings: [{ hostPort: 8080, containerPort: 80, protocol: "tcp" }] },
      prevResult: { cniVersion: "1.0.0", ips: [] },
    });
    expect(pluginExecConfig(list, b!, inputs).runtimeConfig).toEqual({
      ipRanges: [[{ subnet: "10.9.0.0/24" }]],
    });
    expect(pluginExecConfig(list, bw!, inputs).runtimeConfig).toEqual({
      bandwidth: { ingressRate: 1000, ingressBurst: 2000 },
    });
    expect(pluginExecConfig(list, b!, inputs)).not.toHaveProperty("prevResult");
  });

  it("leaves runtimeConfig out when there is nothing to pass", () => {
    expect(runtimeConfigFor(list.plugins[1]!, { portMappings: [] })).toBeUndefined();
    expect(pluginExecConfig(list, list.plugins[1]!, {})).not.toHaveProperty("runtimeConfig");
  });

  it("builds CNI_ARGS with IgnoreUnknown and the kubelet pod keys, refusing separators", () => {
    expect(buildCniArgs({ podId: "abc123", name: "web-0", namespace: "default", uid: "u-1" })).toBe(
      "IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=web-0;K8S_POD_INFRA_CONTAINER_ID=abc123;K8S_POD_UID=u-1",
    );
    expect(() => buildCniArgs({ podId: "a", name: "x;y", namespace: "d", uid: "u" })).toThrow(
      InvalidArgumentError,
    );
    expect(() => buildCniArgs({ podId: "a", name: "x", namespace: "d=e", uid: "u" })).toThrow(
      InvalidArgumentError,
    );
  });
});

describe("CNI results", () => {
  it("takes the pod's addresses on eth0 in the sandbox, IPv4 first, with DNS", () => {
    const net = podNetworkFromResult(
      {
        cniVersion: "1.0.0",
        interfaces: [
          { name: "cni0", mac: "aa" },
          { name: "veth1" },
          { name: "eth0", mac: "bb", sandbox: "/run/ns/x" },
        ],
        ips: [
          { address: "fd00::5/64", interface: 2 },
          { address: "10.1.0.5/16", gateway: "10.1.0.1", interface: 2 },
          { address: "10.1.0.1/16", interface: 0 },
        ],
        dns: { nameservers: ["10.1.0.1"], search: [] },
      },
      "eth0",
      "bridge",
    );
    expect(net.ips).toEqual(["10.1.0.5", "fd00::5"]);
    expect(net.interfaces[2]).toEqual({ name: "eth0", mac: "bb", sandbox: "/run/ns/x" });
    expect(net.dns).toEqual({ nameservers: ["10.1.0.1"] });
  });

  it("accepts 0.3/0.4 results (ips with version) and refuses a result without any pod IP", () => {
    expect(
      podNetworkFromResult(
        { cniVersion: "0.3.1", ips: [{ version: "4", address: "10.2.0.9/24" }] },
        "eth0",
        "x",
      ).ips,
    ).toEqual(["10.2.0.9"]);
    expect(() => podNetworkFromResult({ cniVersion: "1.0.0", ips: [] }, "eth0", "bridge")).toThrow(
      /gave the pod no IP address on eth0/,
    );
  });
});

describe("kernel text formats", () => {
  it("parses /proc/net/dev counters", () => {
    const text = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:     140       2    0    0    0     0          0         0      140       2    0    0    0     0       0          0
  eth0:    5234      41    3    0    0     0          0         0     1978      19    1    0    0     0       0          0
`;
    expect(parseProcNetDev(text)).toEqual([
      { name: "lo", rxBytes: 140, rxErrors: 0, txBytes: 140, txErrors: 0 },
      { name: "eth0", rxBytes: 5234, rxErrors: 3, txBytes: 1978, txErrors: 1 },
    ]);
  });

  it("parses mountinfo with escaped paths and propagation", () => {
    const text = `36 35 98:0 /mnt1 /mnt/with\\040space rw,noatime master:1 - ext3 /dev/root rw,errors=continue
42 41 0:4 net:[4026532176] /run/berth/netns/p1 rw shared:2 - nsfs nsfs rw
`;
    expect(parseMountinfo(text)).toEqual([
      { mountPoint: "/mnt/with space", fsType: "ext3", propagation: ["master:1"] },
      { mountPoint: "/run/berth/netns/p1", fsType: "nsfs", propagation: ["shared:2"] },
    ]);
  });
});

describe("bandwidth annotations", () => {
  it("parses Kubernetes quantities, rounding up", () => {
    expect(parseQuantity("10M")).toBe(10_000_000);
    expect(parseQuantity("1Gi")).toBe(2 ** 30);
    expect(parseQuantity("1.5k")).toBe(1500);
    expect(parseQuantity("1e6")).toBe(1_000_000);
    expect(parseQuantity("2500m")).toBe(3);
    expect(() => parseQuantity("10 Mbit")).toThrow(InvalidArgumentError);
  });

  it("turns kubernetes.io/{ingress,egress}-bandwidth into the CNI bandwidth capability", () => {
    expect(bandwidthFromAnnotations({ other: "x" })).toBeUndefined();
    expect(bandwidthFromAnnotations({ "kubernetes.io/ingress-bandwidth": "10M" })).toEqual({
      ingressRate: 10_000_000,
      ingressBurst: 4294967295,
    });
    expect(
      bandwidthFromAnnotations({
        "kubernetes.io/ingress-bandwidth": "1M",
        "kubernetes.io/egress-bandwidth": "2M",
      }),
    ).toEqual({ ingressRate: 1e6, ingressBurst: 4294967295, egressRate: 2e6, egressBurst: 4294967295 });
  });

  it("refuses unreadable or unreasonable values, naming the annotation", () => {
    expect(() => bandwidthFromAnnotations({ "kubernetes.io/egress-bandwidth": "fast" })).toThrow(
      'annotation kubernetes.io/egress-bandwidth: "fast" is not a quantity like 10M or 1Gi',
    );
    expect(() => bandwidthFromAnnotations({ "kubernetes.io/ingress-bandwidth": "10" })).toThrow(
      "annotation kubernetes.io/ingress-bandwidth=10 must be between 1k and 1P bits per second",
    );
  });
});

describe("plugins skipped as pass-through for a pod", () => {
  const list = parseConfigText(
    JSON.stringify({
      cniVersion: "1.0.0",
      name: "n",
      plugins: [
        { type: "loopback" },
        { type: "bridge", ipam: { type: "host-local", subnet: "10.1.0.0/24" } },
        { type: "portmap", capabilities: { portMappings: true } },
        { type: "bandwidth", capabilities: { bandwidth: true } },
        { type: "bandwidth", ingressRate: 1000, ingressBurst: 100 },
        { type: "tuning" },
      ],
    }),
    "n.conflist",
  );
  const kept = (inputs: Parameters<typeof passesThrough>[1]) =>
    list.plugins.filter((p) => !passesThrough(p, inputs)).map((p) => p.type);

  it("drops loopback, portmap without ports and bandwidth without limits; keeps the rest", () => {
    expect(kept({})).toEqual(["bridge", "bandwidth", "tuning"]);
  });

  it("keeps portmap with port mappings and bandwidth with the pod's limits", () => {
    expect(
      kept({
        portMappings: [{ hostPort: 80, containerPort: 8080, protocol: "tcp" }],
        bandwidth: { ingressRate: 1000, ingressBurst: 1000, egressRate: 0, egressBurst: 0 },
      }),
    ).toEqual(["bridge", "portmap", "bandwidth", "bandwidth", "tuning"]);
  });
});
