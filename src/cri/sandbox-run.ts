import { randomBytes } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import { isIP } from "node:net";
import { hostname as hostHostname } from "node:os";
import { runtime } from "../../cri-api/runtime/v1/api.js";
import { FailedPreconditionError, InvalidArgumentError } from "../errors.js";
import { failpoint } from "../failpoint.js";
import { bandwidthFromAnnotations, type PortProtocol } from "../network/index.js";
import {
  mountPodShm,
  pinPodNamespaces,
  pinPodUserns,
  startPodInit,
  stopPodInit,
  unpinPodNamespaces,
} from "../runtime/pod-namespaces.js";
import { usernsSupport } from "../runtime/userns-probe.js";
import { nowNs } from "./convert.js";
import type { CallContext } from "./instrument.js";
import { checkListBudget } from "./list-budget.js";
import type { IdMapRecord, NamespaceMode, PodRecord, PortMappingRecord, SeccompChoice } from "./model.js";
import { Rollback } from "./rollback.js";
import { podDataDir, podNsDir, type RuntimeDeps } from "./runtime-deps.js";
import { resolvConf, writePodFiles } from "./sandbox-files.js";
import { podNameKey } from "./state.js";
import {
  checkAnnotations,
  checkHostname,
  checkLabels,
  checkMap,
  MAX_NAMESPACE,
  optionalName,
  requireAbsolutePath,
  requireEnum,
  requireName,
  requirePort,
} from "./validate.js";

const MODES: Record<number, NamespaceMode> = { 0: "POD", 1: "CONTAINER", 2: "NODE", 3: "TARGET" };
const PROTOCOLS: Record<number, PortMappingRecord["protocol"]> = { 0: "TCP", 1: "UDP", 2: "SCTP" };

// Sysctls that belong to a namespace a pod owns: the rest would change the node.
const NET_SYSCTL = /^net\./;
const IPC_SYSCTL = /^(kernel\.(shm[a-z_]*|msg[a-z_]*|sem)|fs\.mqueue\..+)$/;

function checkSysctls(
  sysctls: Record<string, string>,
  hostNetwork: boolean,
  hostIpc: boolean,
): Record<string, string> {
  for (const [k, v] of Object.entries(sysctls)) {
    if (!/^[a-z0-9_./-]+$/i.test(k))
      throw new InvalidArgumentError(`config.linux.sysctls key ${JSON.stringify(k)} is not a sysctl name`);
    if (v.includes("\0") || v.includes("\n"))
      throw new InvalidArgumentError(`config.linux.sysctls[${k}] has a bad value`);
    if (NET_SYSCTL.test(k)) {
      if (hostNetwork)
        throw new InvalidArgumentError(
          `config.linux.sysctls: ${k} would change the node's network namespace (hostNetwork pod)`,
        );
    } else if (IPC_SYSCTL.test(k)) {
      if (hostIpc)
        throw new InvalidArgumentError(
          `config.linux.sysctls: ${k} would change the node's IPC namespace (hostIPC pod)`,
        );
    } else {
      throw new InvalidArgumentError(`config.linux.sysctls: ${k} is not a namespaced sysctl`);
    }
  }
  return sysctls;
}

export function seccompOf(
  p: runtime.v1.ISecurityProfile | null | undefined,
  field: string,
): SeccompChoice | undefined {
  if (!p) return undefined;
  switch (p.profileType ?? 0) {
    case runtime.v1.SecurityProfile.ProfileType.RuntimeDefault:
      return { kind: "RuntimeDefault" };
    case runtime.v1.SecurityProfile.ProfileType.Unconfined:
      return { kind: "Unconfined" };
    case runtime.v1.SecurityProfile.ProfileType.Localhost:
      return { kind: "Localhost", path: requireAbsolutePath(p.localhostRef, `${field}.localhost_ref`) };
    default:
      throw new InvalidArgumentError(`${field}.profile_type ${p.profileType} is not a known value`);
  }
}

const USERNS_FIELD = "config.linux.security_context.namespace_options.userns_options";
const MAX_ID = 0xffffffff; // (uid_t)-1 is never a valid id

/** The one range kubelet sends for uids or gids of a pod's user namespace, checked. */
function idMapOf(maps: runtime.v1.IIDMapping[] | null | undefined, field: string): IdMapRecord[] {
  const list = maps ?? [];
  if (list.length !== 1)
    throw new InvalidArgumentError(`${field} must hold exactly one mapping, got ${list.length}`);
  const m = list[0] as runtime.v1.IIDMapping;
  const containerID = m.containerId ?? 0;
  const hostID = m.hostId ?? 0;
  const size = m.length ?? 0;
  if (containerID !== 0)
    throw new InvalidArgumentError(`${field}[0].container_id must be 0 (the pod's root), got ${containerID}`);
  if (size <= 0) throw new InvalidArgumentError(`${field}[0].length must be positive`);
  if (hostID === 0)
    throw new InvalidArgumentError(`${field}[0].host_id 0 would make the pod's root the node's root`);
  if (hostID + size > MAX_ID || containerID + size > MAX_ID)
    throw new InvalidArgumentError(`${field}[0]: host_id ${hostID} + length ${size} overflows 32-bit ids`);
  return [{ containerID, hostID, size }];
}

/** userns_options: NODE (or unset) is the node's user namespace; POD a new one for the pod. */
function usernsOf(
  u: runtime.v1.IUserNamespace | null | undefined,
  modes: { network: NamespaceMode; pid: NamespaceMode; ipc: NamespaceMode },
): PodRecord["userns"] {
  if (!u) return undefined;
  const mode = MODES[requireEnum(u.mode, runtime.v1.NamespaceMode, `${USERNS_FIELD}.mode`)] as NamespaceMode;
  if (mode === "CONTAINER" || mode === "TARGET")
    throw new InvalidArgumentError(
      `${USERNS_FIELD}.mode ${mode} is not supported: a pod's containers share its user namespace (POD) or use the node's (NODE)`,
    );
  if (mode === "NODE") {
    if (u.uids?.length || u.gids?.length)
      throw new InvalidArgumentError(`${USERNS_FIELD}: uids and gids are only valid with mode POD`);
    return undefined;
  }
  for (const k of ["network", "pid", "ipc"] as const)
    if (modes[k] === "NODE")
      throw new InvalidArgumentError(
        `${USERNS_FIELD}.mode POD cannot be combined with namespace_options.${k} NODE (the node's namespace is not the pod's user namespace's)`,
      );
  return {
    path: "",
    uids: idMapOf(u.uids, `${USERNS_FIELD}.uids`),
    gids: idMapOf(u.gids, `${USERNS_FIELD}.gids`),
  };
}

function optionalIp(ip: string | null | undefined, field: string): string {
  if (ip && isIP(ip) === 0)
    throw new InvalidArgumentError(`${field} ${JSON.stringify(ip)} is not an IP address`);
  return ip ?? "";
}

/** Validates a RunPodSandbox request into a record (phase creating), changing nothing. */
export function podRecordFrom(req: runtime.v1.IRunPodSandboxRequest, id: string): PodRecord {
  const cfg = req.config;
  if (!cfg) throw new InvalidArgumentError("config must be set");
  if (!cfg.metadata) throw new InvalidArgumentError("config.metadata must be set");
  if (req.runtimeHandler)
    throw new InvalidArgumentError(
      `runtime_handler "${req.runtimeHandler}" is not configured (berth has only the default handler "")`,
    );
  const linux = cfg.linux ?? {};
  const sc = linux.securityContext ?? {};
  const ns = sc.namespaceOptions ?? {};
  const namespaceOptions = {
    network: MODES[
      requireEnum(
        ns.network,
        runtime.v1.NamespaceMode,
        "config.linux.security_context.namespace_options.network",
      )
    ] as NamespaceMode,
    pid: MODES[
      requireEnum(ns.pid, runtime.v1.NamespaceMode, "config.linux.security_context.namespace_options.pid")
    ] as NamespaceMode,
    ipc: MODES[
      requireEnum(ns.ipc, runtime.v1.NamespaceMode, "config.linux.security_context.namespace_options.ipc")
    ] as NamespaceMode,
    targetId: ns.targetId ?? "",
  };
  if (namespaceOptions.network === "CONTAINER" || namespaceOptions.network === "TARGET") {
    throw new InvalidArgumentError(
      `config.linux.security_context.namespace_options.network ${namespaceOptions.network} is not valid for a pod`,
    );
  }
  const userns = usernsOf(ns.usernsOptions, namespaceOptions);
  if (namespaceOptions.pid === "TARGET") {
    throw new InvalidArgumentError(
      "config.linux.security_context.namespace_options.pid TARGET is only valid for a container",
    );
  }
  if (namespaceOptions.ipc === "CONTAINER" || namespaceOptions.ipc === "TARGET") {
    throw new InvalidArgumentError(
      `config.linux.security_context.namespace_options.ipc ${namespaceOptions.ipc} is not valid for a pod`,
    );
  }
  const hostNetwork = namespaceOptions.network === "NODE";
  const portMappings = (cfg.portMappings ?? []).map((p, i) => ({
    protocol: PROTOCOLS[
      requireEnum(p.protocol, runtime.v1.Protocol, `config.port_mappings[${i}].protocol`)
    ] as PortMappingRecord["protocol"],
    containerPort: requirePort(p.containerPort, `config.port_mappings[${i}].container_port`, false),
    hostPort: requirePort(p.hostPort, `config.port_mappings[${i}].host_port`, true),
    hostIp: optionalIp(p.hostIp, `config.port_mappings[${i}].host_ip`),
  }));
  const hostname = checkHostname(cfg.hostname ?? "", "config.hostname");
  return {
    id,
    phase: "creating",
    name: requireName(cfg.metadata.name, "config.metadata.name"),
    namespace: optionalName(cfg.metadata.namespace, "config.metadata.namespace", MAX_NAMESPACE),
    uid: optionalName(cfg.metadata.uid, "config.metadata.uid"),
    attempt: cfg.metadata.attempt ?? 0,
    createdAt: "0",
    labels: checkLabels(cfg.labels, "config.labels"),
    annotations: checkAnnotations(cfg.annotations, "config.annotations"),
    hostname: hostNetwork
      ? hostname || hostHostname()
      : hostname || (cfg.metadata.name as string).slice(0, 63),
    logDirectory: cfg.logDirectory ? requireAbsolutePath(cfg.logDirectory, "config.log_directory") : "",
    runtimeHandler: "",
    cgroupParent: linux.cgroupParent
      ? requireAbsolutePath(linux.cgroupParent, "config.linux.cgroup_parent")
      : "",
    portMappings,
    namespaceOptions,
    ...(userns ? { userns } : {}),
    ips: [],
    files: { hostname: "", hosts: "" },
    sysctls: checkSysctls(
      checkMap(linux.sysctls, "config.linux.sysctls"),
      hostNetwork,
      namespaceOptions.ipc === "NODE",
    ),
    security: {
      ...(sc.runAsUser ? { runAsUser: Number(sc.runAsUser.value) } : {}),
      ...(sc.runAsGroup ? { runAsGroup: Number(sc.runAsGroup.value) } : {}),
      supplementalGroups: (sc.supplementalGroups ?? []).map(Number),
      privileged: sc.privileged ?? false,
      seccomp: seccompOf(sc.seccomp, "config.linux.security_context.seccomp"),
    },
  };
}

/**
 * RunPodSandbox: pins the pod's namespaces (no pause process), sets up its network through CNI and
 * writes its shared files. Every step is undone if a later one fails; a kubelet retry of a sandbox
 * that a first (timed-out) call finished is handed that sandbox.
 */
export function runPodSandbox(deps: RuntimeDeps) {
  return async (
    req: runtime.v1.IRunPodSandboxRequest,
    ctx: CallContext,
  ): Promise<runtime.v1.IRunPodSandboxResponse> => {
    const { state, network, config } = deps;
    const id = randomBytes(32).toString("hex");
    const rec = podRecordFrom(req, id);
    const key = podNameKey(rec);
    const done = state.pods.list().find((p) => p.phase !== "creating" && podNameKey(p) === key);
    if (done) {
      ctx.log.info(
        { podSandboxId: done.id, name: key },
        "RunPodSandbox retry answered with the sandbox already made",
      );
      return { podSandboxId: done.id };
    }
    // Checked here, before anything is made: written last, a bad entry used to fail the call after
    // the namespaces and network were set up, and the rollback left the pod's namespace folder.
    if (req.config?.dnsConfig) resolvConf(req.config.dnsConfig);
    checkListBudget([...state.pods.list(), ...state.containers.list()], rec, "RunPodSandbox");
    const release = state.reserve(key, id, "pod sandbox");
    try {
      return await state.locks.run(id, () =>
        new Rollback(ctx.log).run(async (rb) => {
          rec.createdAt = String(nowNs());
          const hostNetwork = rec.namespaceOptions.network === "NODE";
          // Persisted first: recovery removes a "creating" pod with everything it may have made.
          await rb.step(
            "record",
            () => state.pods.put(rec),
            () => state.pods.delete(id),
          );
          failpoint("pod-run:record");
          const dataDir = podDataDir(config, id);
          await rb.step(
            "pod folder",
            () => mkdir(dataDir, { recursive: true, mode: 0o755 }),
            () => rm(dataDir, { recursive: true, force: true }),
          );
          const nsDir = podNsDir(config, id);
          // Undone last, once every pin in it is gone.
          await rb.step(
            "namespace folder",
            async () => {},
            () => rm(nsDir, { recursive: true, force: true }),
          );
          const ownIpc = rec.namespaceOptions.ipc !== "NODE";
          const helper = deps.driver.helperBinary;
          // First the user namespace: every other namespace of the pod is made inside it.
          let userns: { helper: string; path: string } | undefined;
          if (rec.userns) {
            const support = await usernsSupport(deps.driver, config.root);
            if (!support.ok)
              throw new FailedPreconditionError(
                `${USERNS_FIELD}: this node cannot run pods with their own user namespace (${support.detail})`,
              );
            const maps = { uids: rec.userns.uids, gids: rec.userns.gids };
            rec.userns.path = await rb.step(
              "user namespace",
              () => pinPodUserns(helper, nsDir, maps),
              (pin) => unpinPodNamespaces({ user: pin }),
            );
            userns = { helper, path: rec.userns.path };
          }
          // Independent branches, run at once: the network (namespace, then CNI ADD), the IPC/UTS
          // pins, the shared PID namespace and the shared /dev/shm. Recovery finds all of them by
          // the pod's id, so the record is written once they are all there.
          const setUpNetwork = async () => {
            if (hostNetwork) return;
            const netns = await rb.step(
              "network namespace",
              () => network.createNetns(id, userns),
              () => network.removeNetns(id),
            );
            rec.netns = netns;
            const net = await rb.step(
              "CNI ADD",
              () =>
                network.setUp({
                  podId: id,
                  netnsPath: netns,
                  name: rec.name,
                  namespace: rec.namespace,
                  uid: rec.uid,
                  bandwidth: bandwidthFromAnnotations(rec.annotations),
                  portMappings: rec.portMappings
                    .map((p) => ({
                      hostPort: p.hostPort,
                      containerPort: p.containerPort,
                      protocol: p.protocol.toLowerCase() as PortProtocol,
                      ...(p.hostIp ? { hostIP: p.hostIp } : {}),
                    }))
                    .filter((p) => p.hostPort > 0),
                }),
              () => network.tearDown(id),
            );
            rec.ips = net.ips;
          };
          const pins = async () => {
            const p = await rb.step(
              "ipc/uts namespaces",
              () =>
                pinPodNamespaces(helper, nsDir, {
                  ipc: ownIpc,
                  uts: !hostNetwork,
                  hostname: rec.hostname,
                  ...(userns ? { userns } : {}),
                }),
              (made) => unpinPodNamespaces(made),
            );
            if (p.ipc) rec.ipcns = p.ipc;
            if (p.uts) rec.utsns = p.uts;
          };
          const pidns = async () => {
            if (rec.namespaceOptions.pid !== "POD") return;
            rec.pidns = await rb.step(
              "shared PID namespace",
              () => startPodInit(helper, nsDir, userns?.path),
              async (pin) => {
                await stopPodInit(nsDir);
                await unpinPodNamespaces({ pid: pin });
              },
            );
          };
          const shm = async () => {
            if (!ownIpc) return;
            rec.shm = await rb.step(
              "shared /dev/shm",
              () => mountPodShm(nsDir),
              (made) => unpinPodNamespaces({ shm: made }),
            );
          };
          failpoint("pod-run:namespaces");
          await rb.all([setUpNetwork(), pins(), pidns(), shm()]);
          failpoint("pod-run:network");
          rec.files = await writePodFiles(dataDir, {
            hostname: rec.hostname,
            dns: req.config?.dnsConfig,
            hostNetwork,
            ips: rec.ips,
          });
          rec.phase = "ready";
          await state.pods.put(rec);
          failpoint("pod-run:ready");
          ctx.log.info(
            { podSandboxId: id, name: rec.name, namespace: rec.namespace, ips: rec.ips },
            "pod sandbox ready",
          );
          return { podSandboxId: id };
        }),
      );
    } finally {
      release();
    }
  };
}
