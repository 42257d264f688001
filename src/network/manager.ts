// The network module's entry point for src/cri: pod network namespaces, CNI ADD/DEL/CHECK with a
// result cache, readiness, the pod CIDR and interface counters. It knows CNI; it hands back a netns
// path and IPs.
import { readFile, stat } from "node:fs/promises";
import { isIP } from "node:net";
import { join } from "node:path";
import { errnoCode, errorMessage, FailedPreconditionError, InvalidArgumentError } from "../errors.js";
import { writeJsonAtomic } from "../fsutil.js";
import { KeyedMutex } from "../keyed-mutex.js";
import { childLogger, type Logger } from "../log.js";
import {
  compareVersions,
  DEFAULT_NETWORK_SOURCE,
  defaultNetwork,
  loadConfDir,
  requiredBinaries,
} from "./cni-config.js";
import { buildCniArgs, pluginExecConfig } from "./cni-exec-config.js";
import {
  type CniCommand,
  findPlugin,
  invokePlugin,
  missingPluginMessage,
  pluginVersions,
} from "./cni-invoke.js";
import { podNetworkFromResult } from "./cni-result.js";
import { execInNetns, NetnsStore } from "./netns.js";
import { type Attachment, ResultCache } from "./result-cache.js";
import type { RunOptions, RunResult } from "./run.js";
import { netnsInterfaceStats } from "./stats.js";
import type {
  Bandwidth,
  InterfaceStats,
  JsonObject,
  NetworkConfList,
  NetworkStatus,
  PluginConf,
  PodNetwork,
  PortMapping,
  RuntimeInputs,
} from "./types.js";
import { validateContainerId } from "./validate.js";

export interface NetworkManagerOptions {
  /** CNI configuration folder; the first `.conflist`/`.conf`/`.json` by name is used. */
  confDir: string;
  /** Folders searched for plugin executables, in order (also passed to plugins as CNI_PATH). */
  binDirs: string[];
  /** Berth's volatile root: namespace pins go to `<stateDir>/netns/<podId>`. */
  stateDir: string;
  /** A folder the network module owns under Berth's root: `results/` (the cache), `ipam/`. */
  dataDir: string;
  /** Subnet of the embedded default network until a pod CIDR is set. */
  defaultSubnet: string;
  /** Bridge of the embedded default network. */
  defaultBridge?: string;
  /** Interface name inside the pod. */
  ifName?: string;
  /** Limit for one plugin execution. */
  pluginTimeoutMs?: number;
  log?: Logger;
}

export interface SetUpParams {
  podId: string;
  netnsPath: string;
  /** Pod name, namespace and uid, passed to plugins in CNI_ARGS. */
  name: string;
  namespace: string;
  uid: string;
  portMappings?: PortMapping[];
  bandwidth?: Bandwidth;
}

/** What a status or verbose info can show about the network in use. */
export interface NetworkDescription {
  name: string;
  source: string;
  cniVersion: string;
  plugins: string[];
}

const NOT_READY = "NetworkPluginNotReady";

/**
 * Plugins of the reference set (containernetworking/plugins) that, for this pod, would only hand
 * the previous result on: portmap without port mappings, bandwidth without limits (from the pod
 * or its own configuration), and loopback, whose lo createNetns already brought up. Each is a
 * process per ADD and per DEL saved (3 of the 4 in a typical bridge + portmap + bandwidth chain).
 * The cache records the list actually run, so DEL and CHECK match ADD.
 */
export function passesThrough(plugin: PluginConf, inputs: RuntimeInputs): boolean {
  switch (plugin.type) {
    case "loopback":
      return true;
    case "portmap":
      return !inputs.portMappings;
    case "bandwidth":
      return (
        !inputs.bandwidth &&
        !["ingressRate", "ingressBurst", "egressRate", "egressBurst"].some((k) => k in plugin.raw)
      );
    default:
      return false;
  }
}

export class NetworkManager {
  private readonly netns: NetnsStore;
  private readonly cache: ResultCache;
  private readonly locks = new KeyedMutex();
  private readonly versionCache = new Map<string, { mtimeMs: number; versions: string[] }>();
  private readonly log: Logger;
  private readonly ifName: string;
  private readonly timeoutMs: number;
  private podCidr: string | undefined;
  // kubelet sends the pod CIDR only when it changes, not again after berthd restarts: it is kept
  // on disk and read back before the first network is derived.
  private podCidrSet = false;
  private podCidrLoad: Promise<void> | undefined;
  private podCidrWrite: Promise<void> = Promise.resolve();

  constructor(private readonly opts: NetworkManagerOptions) {
    this.log = opts.log ?? childLogger("network");
    this.netns = new NetnsStore(opts.stateDir, this.log);
    this.cache = new ResultCache(opts.dataDir);
    this.ifName = opts.ifName ?? "eth0";
    this.timeoutMs = opts.pluginTimeoutMs ?? 60_000;
  }

  /** The network configuration new pods get: the config folder's first file, or the embedded default. */
  async network(): Promise<NetworkConfList> {
    await this.loadPodCidr();
    const fromDir = await loadConfDir(this.opts.confDir);
    if (fromDir) return fromDir;
    return defaultNetwork({
      subnet: this.podCidr ?? this.opts.defaultSubnet,
      bridge: this.opts.defaultBridge ?? "berth0",
      ipamDataDir: join(this.opts.dataDir, "ipam"),
    });
  }

  async describe(): Promise<NetworkDescription> {
    const n = await this.network();
    return {
      name: n.name,
      source: n.source,
      cniVersion: n.cniVersion,
      plugins: n.plugins.map((p) => p.type),
    };
  }

  /** Ready when a configuration (or the embedded default) is valid and all its plugins exist. */
  async status(): Promise<NetworkStatus> {
    let net: NetworkConfList;
    try {
      net = await this.network();
    } catch (e) {
      return { ready: false, reason: NOT_READY, message: errorMessage(e) };
    }
    const missing: string[] = [];
    for (const bin of requiredBinaries(net))
      if (!(await findPlugin(bin, this.opts.binDirs)))
        missing.push(missingPluginMessage(bin, this.opts.binDirs));
    if (missing.length > 0) {
      const of =
        net.source === DEFAULT_NETWORK_SOURCE ? "the embedded default network" : `network ${net.source}`;
      return { ready: false, reason: NOT_READY, message: `${missing.join("; ")} (needed by ${of})` };
    }
    return { ready: true };
  }

  /**
   * Sets (or with "" clears) the pod CIDR kubelet hands over in UpdateRuntimeConfig: the embedded
   * default network's subnet and the `ipRanges` of plugins that declare that capability. A bad CIDR
   * throws at once; the returned promise (persisting it) never rejects, failures are logged.
   */
  setPodCidr(cidr: string): Promise<void> {
    const c = cidr.trim();
    if (c !== "") {
      const [addr, len, extra] = c.split("/");
      const bits = isIP(addr ?? "");
      if (
        extra !== undefined ||
        bits === 0 ||
        !/^\d+$/.test(len ?? "") ||
        Number(len) > (bits === 4 ? 32 : 128)
      )
        throw new InvalidArgumentError(`pod CIDR ${JSON.stringify(cidr)} is not a CIDR like 10.244.1.0/24`);
    }
    const value = c === "" ? undefined : c;
    this.podCidrSet = true;
    if (value !== this.podCidr) this.log.info({ podCidr: value ?? "" }, "pod CIDR set");
    this.podCidr = value;
    this.podCidrWrite = this.podCidrWrite
      .then(() => writeJsonAtomic(this.podCidrFile(), { podCidr: value ?? "" }, 0o600))
      .catch((e: unknown) => this.log.error({ err: errorMessage(e) }, "cannot persist the pod CIDR"));
    return this.podCidrWrite;
  }

  private podCidrFile(): string {
    return join(this.opts.dataDir, "pod-cidr.json");
  }

  private loadPodCidr(): Promise<void> {
    this.podCidrLoad ??= (async () => {
      try {
        const v = (JSON.parse(await readFile(this.podCidrFile(), "utf8")) as { podCidr?: unknown }).podCidr;
        if (!this.podCidrSet && typeof v === "string" && v !== "") this.podCidr = v;
      } catch (e) {
        if (errnoCode(e) !== "ENOENT")
          this.log.warn({ err: errorMessage(e) }, "cannot read the saved pod CIDR");
      }
    })();
    return this.podCidrLoad;
  }

  /** `userns`: the pod's user namespace, made inside it by the runtime helper's `ns`. */
  createNetns(podId: string, userns?: { helper: string; path: string }): Promise<string> {
    return this.netns.create(podId, userns);
  }

  removeNetns(podId: string): Promise<void> {
    return this.netns.remove(podId);
  }

  netnsPath(podId: string): string {
    return this.netns.pathOf(podId);
  }

  /** Pod ids with a namespace pin on disk (for recovery: pins of unknown pods are leaks). */
  listNetns(): Promise<string[]> {
    return this.netns.list();
  }

  /** Pod ids with a cached attachment (for recovery: attachments of unknown pods hold IPs). */
  attachedPods(): Promise<string[]> {
    return this.cache.list();
  }

  /** The network of a pod as cached at ADD time, e.g. after a restart; undefined when not set up. */
  async podNetwork(podId: string): Promise<PodNetwork | undefined> {
    const a = await this.cache.get(podId);
    if (!a?.result) return undefined;
    return podNetworkFromResult(a.result, a.ifName, a.network.plugins.at(-1)?.type ?? "?");
  }

  /**
   * CNI ADD of the pod's namespace to the network. On any failure every plugin that ran is DEL'd in
   * reverse order and the error is thrown; nothing stays allocated unless that DEL failed too (then
   * the cache keeps it for tearDown).
   */
  async setUp(p: SetUpParams): Promise<PodNetwork> {
    validateContainerId(p.podId, "pod id");
    validatePortMappings(p.portMappings ?? []);
    validateBandwidth(p.bandwidth);
    const args = buildCniArgs(p);
    return this.locks.run(p.podId, async () => {
      const existing = await this.cache.get(p.podId);
      if (existing?.result)
        throw new FailedPreconditionError(
          `network of pod "${p.podId}" is already set up; tear it down first`,
        );
      if (existing) await this.del(existing);
      const network = await this.network();
      const inputs: RuntimeInputs = {};
      if (p.portMappings && p.portMappings.length > 0) inputs.portMappings = p.portMappings;
      if (p.bandwidth) inputs.bandwidth = p.bandwidth;
      network.plugins = network.plugins.filter((pl) => !passesThrough(pl, inputs));
      network.cniVersion = await this.negotiate(network);
      if (this.podCidr) inputs.ipRanges = [[{ subnet: this.podCidr }]];
      const attachment: Attachment = {
        version: 1,
        podId: p.podId,
        netns: p.netnsPath,
        ifName: this.ifName,
        args,
        network,
        inputs,
      };
      // Written before the first plugin runs: a crash mid-ADD leaves what tearDown needs.
      await this.cache.put(attachment);
      return this.add(attachment);
    });
  }

  /**
   * CNI DEL of a pod's attachment, from the cache; idempotent (no attachment: nothing to do). Call it
   * before removeNetns: plugins find some of their state inside the namespace (bridge 1.1 looks up
   * the pod's addresses there to delete its ipMasq rules) and leak it when the namespace is gone.
   */
  async tearDown(podId: string): Promise<void> {
    validateContainerId(podId, "pod id");
    return this.locks.run(podId, async () => {
      const a = await this.cache.get(podId);
      if (a) await this.del(a);
    });
  }

  /** CNI CHECK of a pod's attachment (skipped for disableCheck and before spec 0.4.0). */
  async check(podId: string): Promise<void> {
    validateContainerId(podId, "pod id");
    return this.locks.run(podId, async () => {
      const a = await this.cache.get(podId);
      if (!a?.result) throw new FailedPreconditionError(`network of pod "${podId}" is not set up`);
      if (a.network.disableCheck || compareVersions(a.network.cniVersion, "0.4.0") < 0) return;
      for (const plugin of a.network.plugins)
        await invokePlugin(
          plugin.type,
          pluginExecConfig(a.network, plugin, a.inputs, a.result),
          this.params("CHECK", a),
        );
    });
  }

  /** Interface counters inside a pod's namespace. */
  stats(netnsPath: string): Promise<InterfaceStats[]> {
    return netnsInterfaceStats(netnsPath);
  }

  /** Runs a command inside a pod's network namespace. */
  execInNetns(netnsPath: string, argv: readonly string[], opts?: RunOptions): Promise<RunResult> {
    return execInNetns(netnsPath, argv, opts);
  }

  private params(command: CniCommand, a: Attachment, netns = a.netns) {
    return {
      command,
      containerId: a.podId,
      netns,
      ifName: a.ifName,
      args: a.args,
      binDirs: this.opts.binDirs,
      timeoutMs: this.timeoutMs,
    };
  }

  private async add(a: Attachment): Promise<PodNetwork> {
    const log = this.log.child({ podSandboxId: a.podId, network: a.network.name });
    let prev: JsonObject | undefined;
    let reached = 0;
    try {
      for (const plugin of a.network.plugins) {
        reached++;
        const out = await invokePlugin(
          plugin.type,
          pluginExecConfig(a.network, plugin, a.inputs, prev),
          this.params("ADD", a),
        );
        if (!out) throw new FailedPreconditionError(`CNI plugin ${plugin.type} ADD returned no result`);
        prev = out;
      }
      const result = prev as JsonObject;
      const net = podNetworkFromResult(result, a.ifName, a.network.plugins.at(-1)?.type ?? "?");
      await this.cache.put({ ...a, result });
      log.info({ ips: net.ips, source: a.network.source }, "pod network set up");
      return net;
    } catch (err) {
      log.warn({ err: errorMessage(err) }, "pod network ADD failed; rolling back");
      // The failed plugin is DEL'd too: it may have made part of its change before failing.
      const failures = await this.delPlugins({ ...a, ...(prev ? { result: prev } : {}) }, reached);
      if (failures.length === 0) await this.cache.delete(a.podId);
      else
        log.error(
          { rollbackErrors: failures.map(errorMessage) },
          "rollback of a failed pod network ADD left resources; tearDown will retry",
        );
      throw err;
    }
  }

  private async del(a: Attachment): Promise<void> {
    const failures = await this.delPlugins(a, a.network.plugins.length);
    if (failures.length > 0) throw failures[0];
    await this.cache.delete(a.podId);
    this.log.info({ podSandboxId: a.podId, network: a.network.name }, "pod network torn down");
  }

  // DEL of plugins [0, count) in reverse order. Every plugin gets its DEL even if one fails, so that
  // e.g. the IPAM allocation is released even when a port-mapping cleanup failed.
  private async delPlugins(a: Attachment, count: number): Promise<unknown[]> {
    // A namespace that is gone is passed as empty: plugins then release what they can (spec).
    const netns = (await this.netns.isMounted(a.netns)) ? a.netns : "";
    // prevResult on DEL arrived with spec 0.4.0; older plugins are not sent one.
    const prev = compareVersions(a.network.cniVersion, "0.4.0") >= 0 ? a.result : undefined;
    const failures: unknown[] = [];
    for (const plugin of a.network.plugins.slice(0, count).reverse()) {
      if (!(await findPlugin(plugin.type, this.opts.binDirs))) {
        this.log.warn(
          { podSandboxId: a.podId, plugin: plugin.type },
          `${missingPluginMessage(plugin.type, this.opts.binDirs)}; its DEL is skipped`,
        );
        continue;
      }
      try {
        await invokePlugin(
          plugin.type,
          pluginExecConfig(a.network, plugin, a.inputs, prev),
          this.params("DEL", a, netns),
        );
      } catch (e) {
        failures.push(e);
      }
    }
    return failures;
  }

  // The highest offered version that every plugin of the list supports. Plugins whose VERSION
  // answer cannot be had are not asked to agree: they will say so in their ADD.
  private async negotiate(net: NetworkConfList): Promise<string> {
    let candidates = [...net.versions];
    const refusing: string[] = [];
    for (const type of new Set(net.plugins.map((p) => p.type))) {
      const supported = await this.supportedVersions(type);
      if (!supported) continue;
      const left = candidates.filter((v) => supported.includes(v));
      if (left.length === 0) refusing.push(`${type} supports ${supported.join(", ")}`);
      else candidates = left;
    }
    const best = candidates.at(-1);
    if (refusing.length > 0 || !best)
      throw new FailedPreconditionError(
        `CNI network "${net.name}" (${net.source}) uses CNI version ${net.versions.join("/")}, but plugin ${refusing.join("; ")}`,
      );
    return best;
  }

  private async supportedVersions(type: string): Promise<string[] | undefined> {
    const path = await findPlugin(type, this.opts.binDirs);
    if (!path) throw new FailedPreconditionError(missingPluginMessage(type, this.opts.binDirs));
    const { mtimeMs } = await stat(path);
    const cached = this.versionCache.get(path);
    if (cached && cached.mtimeMs === mtimeMs) return cached.versions;
    try {
      const versions = await pluginVersions(type, this.opts.binDirs, this.timeoutMs);
      this.versionCache.set(path, { mtimeMs, versions });
      return versions;
    } catch (e) {
      this.log.debug(
        { plugin: type, err: errorMessage(e) },
        "CNI plugin VERSION failed; not negotiating with it",
      );
      return undefined;
    }
  }
}

function validatePortMappings(pms: readonly PortMapping[]): void {
  for (const pm of pms) {
    for (const [k, v] of [
      ["hostPort", pm.hostPort],
      ["containerPort", pm.containerPort],
    ] as const)
      if (!Number.isInteger(v) || v < 1 || v > 65535)
        throw new InvalidArgumentError(`port mapping ${k} ${v} must be an integer from 1 to 65535`);
    if (!["tcp", "udp", "sctp"].includes(pm.protocol))
      throw new InvalidArgumentError(
        `port mapping protocol ${JSON.stringify(pm.protocol)} must be tcp, udp or sctp`,
      );
    if (pm.hostIP && isIP(pm.hostIP) === 0)
      throw new InvalidArgumentError(`port mapping hostIP ${JSON.stringify(pm.hostIP)} is not an IP address`);
  }
}

function validateBandwidth(bw: Bandwidth | undefined): void {
  if (!bw) return;
  for (const [k, v] of Object.entries(bw))
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 0))
      throw new InvalidArgumentError(`bandwidth ${k} ${v} must be a non-negative integer`);
}
