// CreateContainer's translation of the CRI container config (merged with the image config and the
// pod) into the runtime's own ContainerSpec. Pure apart from reading the image's passwd/group and
// checking host paths, so it is unit-testable.
import { existsSync, statSync } from "node:fs";
import { runtime } from "../../cri-api/runtime/v1/api.js";
import { InvalidArgumentError, UnimplementedError } from "../errors.js";
import type { ImageRecord } from "../image/index.js";
import type {
  ContainerSpec,
  DeviceSpec,
  MountSpec,
  NamespaceSpec,
  ResourceSpec,
  SeccompSpec,
} from "../runtime/spec.js";
import { type ResolvedUser, resolveUser } from "./container-user.js";
import { toNumber } from "./convert.js";
import type { IdMapRecord, MountRecord, PodRecord, ResourceRecord, SeccompChoice } from "./model.js";
import { seccompOf } from "./sandbox-run.js";
import { MODE_VALUES } from "./sandbox-status.js";
import { requireAbsolutePath, requireEnum } from "./validate.js";

const PROPAGATION: Record<number, MountRecord["propagation"]> = { 0: "private", 1: "rslave", 2: "rshared" };

/** The process arguments, as Docker merges them: command replaces the entrypoint, args the cmd. */
export function mergeArgs(cfg: runtime.v1.IContainerConfig, img: ImageRecord): string[] {
  const command = cfg.command ?? [];
  const args = cfg.args ?? [];
  let argv: string[];
  if (command.length > 0) argv = [...command, ...args];
  else if (args.length > 0) argv = [...img.config.entrypoint, ...args];
  else argv = [...img.config.entrypoint, ...img.config.cmd];
  if (argv.length === 0 || argv[0] === "") {
    throw new InvalidArgumentError("config.command: no command given and the image has no entrypoint or cmd");
  }
  return argv;
}

/** Image env first, CRI envs override by name. */
export function mergeEnv(cfg: runtime.v1.IContainerConfig, img: ImageRecord): string[] {
  const env = new Map<string, string>();
  for (const e of img.config.env) {
    const i = e.indexOf("=");
    env.set(i < 0 ? e : e.slice(0, i), e);
  }
  for (const [i, kv] of (cfg.envs ?? []).entries()) {
    if (!kv.key) throw new InvalidArgumentError(`config.envs[${i}].key must not be empty`);
    if (kv.key.includes("=") || kv.key.includes("\0") || (kv.value ?? "").includes("\0")) {
      throw new InvalidArgumentError(`config.envs[${i}] ${JSON.stringify(kv.key)} is not a valid variable`);
    }
    env.set(kv.key, `${kv.key}=${kv.value ?? ""}`);
  }
  if (![...env.keys()].includes("PATH"))
    env.set("PATH", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
  return [...env.values()];
}

function idMapsOf(maps: runtime.v1.IIDMapping[], field: string): IdMapRecord[] {
  return maps.map((m, k) => {
    const containerID = m.containerId ?? 0;
    const hostID = m.hostId ?? 0;
    const size = m.length ?? 0;
    if (size <= 0) throw new InvalidArgumentError(`${field}[${k}].length must be positive`);
    if (hostID + size > 0xffffffff || containerID + size > 0xffffffff)
      throw new InvalidArgumentError(`${field}[${k}] overflows 32-bit ids`);
    return { containerID, hostID, size };
  });
}

/** The CRI mounts of a container; id-mapped ones only where the pod has its own user namespace. */
export function mountsOf(cfg: runtime.v1.IContainerConfig, podUserns = false): MountRecord[] {
  return (cfg.mounts ?? []).map((m, i) => {
    const field = `config.mounts[${i}]`;
    if (m.image?.image)
      throw new UnimplementedError(`${field}.image: image volumes are not supported by berth yet`);
    const uids = m.uidMappings ?? [];
    const gids = m.gidMappings ?? [];
    let idmap: MountRecord["idmap"];
    if (uids.length > 0 || gids.length > 0) {
      if (!podUserns)
        throw new InvalidArgumentError(
          `${field}: uidMappings/gidMappings need a pod with its own user namespace (userns_options mode POD)`,
        );
      if (uids.length === 0 || gids.length === 0)
        throw new InvalidArgumentError(`${field}: an id-mapped mount needs both uidMappings and gidMappings`);
      idmap = { uids: idMapsOf(uids, `${field}.uidMappings`), gids: idMapsOf(gids, `${field}.gidMappings`) };
    }
    const propagation = PROPAGATION[
      requireEnum(m.propagation, runtime.v1.MountPropagation, `${field}.propagation`)
    ] as MountRecord["propagation"];
    if (m.recursiveReadOnly) {
      if (!m.readonly) throw new InvalidArgumentError(`${field}: recursive_read_only needs readonly`);
      if (propagation !== "private") {
        throw new InvalidArgumentError(
          `${field}: recursive_read_only needs private propagation, not ${propagation}`,
        );
      }
    }
    return {
      containerPath: requireAbsolutePath(m.containerPath, `${field}.container_path`),
      hostPath: requireAbsolutePath(m.hostPath, `${field}.host_path`),
      readonly: m.readonly ?? false,
      recursiveReadOnly: m.recursiveReadOnly ?? false,
      propagation,
      selinuxRelabel: m.selinuxRelabel ?? false,
      ...(idmap ? { idmap } : {}),
    };
  });
}

export function resourcesOf(r: runtime.v1.ILinuxContainerResources | null | undefined): ResourceRecord {
  const res: ResourceRecord = {
    cpuPeriod: toNumber(r?.cpuPeriod),
    cpuQuota: toNumber(r?.cpuQuota),
    cpuShares: toNumber(r?.cpuShares),
    memoryLimitInBytes: toNumber(r?.memoryLimitInBytes),
    oomScoreAdj: toNumber(r?.oomScoreAdj),
    cpusetCpus: r?.cpusetCpus ?? "",
    cpusetMems: r?.cpusetMems ?? "",
    memorySwapLimitInBytes: toNumber(r?.memorySwapLimitInBytes),
    unified: { ...(r?.unified ?? {}) },
    hugepageLimits: (r?.hugepageLimits ?? []).map((h) => ({
      pageSize: h.pageSize ?? "",
      limit: toNumber(h.limit),
    })),
  };
  for (const k of ["cpuPeriod", "cpuShares", "memoryLimitInBytes", "memorySwapLimitInBytes"] as const) {
    if (res[k] < 0) throw new InvalidArgumentError(`linux.resources.${k} ${res[k]} must not be negative`);
  }
  if (res.cpuQuota < -1)
    throw new InvalidArgumentError(`linux.resources.cpu_quota ${res.cpuQuota} is not valid`);
  if (res.oomScoreAdj < -1000 || res.oomScoreAdj > 1000) {
    throw new InvalidArgumentError(`linux.resources.oom_score_adj ${res.oomScoreAdj} is outside -1000..1000`);
  }
  for (const [k, v] of [
    ["cpuset_cpus", res.cpusetCpus],
    ["cpuset_mems", res.cpusetMems],
  ] as const) {
    if (v !== "" && !/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(v))
      throw new InvalidArgumentError(`linux.resources.${k} "${v}" is not a cpu list`);
  }
  return res;
}

export function runtimeResources(r: ResourceRecord): ResourceSpec {
  const out: ResourceSpec = {};
  if (r.cpuPeriod) out.cpuPeriod = r.cpuPeriod;
  if (r.cpuQuota) out.cpuQuota = r.cpuQuota;
  if (r.cpuShares) out.cpuShares = r.cpuShares;
  if (r.memoryLimitInBytes) out.memoryLimit = r.memoryLimitInBytes;
  if (r.memorySwapLimitInBytes) out.memorySwap = r.memorySwapLimitInBytes;
  if (r.cpusetCpus) out.cpusetCpus = r.cpusetCpus;
  if (r.cpusetMems) out.cpusetMems = r.cpusetMems;
  if (r.hugepageLimits.length) out.hugepageLimits = r.hugepageLimits;
  if (r.oomScoreAdj) out.oomScoreAdj = r.oomScoreAdj;
  return out;
}

function devicesOf(cfg: runtime.v1.IContainerConfig): DeviceSpec[] {
  return (cfg.devices ?? []).map((d, i) => {
    const field = `config.devices[${i}]`;
    const host = requireAbsolutePath(d.hostPath, `${field}.host_path`);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(host);
    } catch {
      throw new InvalidArgumentError(`${field}.host_path "${host}" does not exist`);
    }
    if (!st.isCharacterDevice() && !st.isBlockDevice())
      throw new InvalidArgumentError(`${field}.host_path "${host}" is not a device`);
    const perms = d.permissions || "rwm";
    if (!/^[rwm]{1,3}$/.test(perms))
      throw new InvalidArgumentError(`${field}.permissions "${perms}" is not a subset of rwm`);
    const rdev = Number(st.rdev);
    return {
      path: requireAbsolutePath(d.containerPath || host, `${field}.container_path`),
      type: st.isCharacterDevice() ? "c" : "b",
      major: (rdev >> 8) & 0xfff,
      minor: (rdev & 0xff) | ((rdev >> 12) & 0xfff00),
      fileMode: st.mode & 0o777,
      uid: 0,
      gid: 0,
      permissions: perms,
    };
  });
}

const SECCOMP_FIELD = "config.linux.security_context.seccomp";

/** The deprecated seccomp_profile_path: "", "unconfined", "runtime/default", "localhost/<path>". */
function seccompOfPath(path: string): SeccompChoice | undefined {
  if (path === "") return undefined;
  if (path === "unconfined") return { kind: "Unconfined" };
  if (path === "runtime/default" || path === "docker/default") return { kind: "RuntimeDefault" };
  if (path.startsWith("localhost/"))
    return {
      kind: "Localhost",
      path: requireAbsolutePath(path.slice("localhost/".length), `${SECCOMP_FIELD}_profile_path`),
    };
  throw new InvalidArgumentError(`${SECCOMP_FIELD}_profile_path "${path}" is not a known profile`);
}

/**
 * The container's seccomp choice: `seccomp` wins over the deprecated `seccomp_profile_path`, then
 * the pod's. None at all is unconfined, as CRI defines it: kubelet sends RuntimeDefault when it
 * wants the default profile (and containerd and CRI-O run a container without one unconfined).
 */
function seccompSpec(
  sc: runtime.v1.ILinuxContainerSecurityContext,
  pod: PodRecord,
  privileged: boolean,
): SeccompSpec {
  const choice =
    seccompOf(sc.seccomp, SECCOMP_FIELD) ??
    seccompOfPath(sc.seccompProfilePath ?? "") ??
    pod.security.seccomp;
  // Privileged containers run unconfined whatever they ask for (containerd and runc do the same).
  if (!choice || privileged) return { type: "Unconfined" };
  if (choice.kind === "Localhost") {
    if (!existsSync(choice.path))
      throw new InvalidArgumentError(`seccomp profile "${choice.path}" does not exist`);
    return { type: "Localhost", path: choice.path };
  }
  return { type: choice.kind };
}

const PID_FIELD = "config.linux.security_context.namespace_options.pid";

/** The container's PID namespace: the node's, its own, the pod's shared one, or a target's. */
function pidNamespace(
  opts: runtime.v1.INamespaceOption | null | undefined,
  pod: PodRecord,
  targetPidNs: string | undefined,
): NamespaceSpec[] {
  // Without options of its own the container takes the pod's mode (kubelet sends both alike).
  const mode = opts
    ? requireEnum(opts.pid, runtime.v1.NamespaceMode, PID_FIELD)
    : MODE_VALUES[pod.namespaceOptions.pid];
  switch (mode) {
    case runtime.v1.NamespaceMode.NODE:
      return [];
    case runtime.v1.NamespaceMode.POD:
      if (!pod.pidns)
        throw new InvalidArgumentError(
          `${PID_FIELD} is POD but pod sandbox "${pod.id}" was not created with a shared PID namespace`,
        );
      return [{ type: "pid", path: pod.pidns }];
    case runtime.v1.NamespaceMode.TARGET:
      if (!targetPidNs) throw new InvalidArgumentError(`${PID_FIELD} is TARGET but no target_id is resolved`);
      return [{ type: "pid", path: targetPidNs }];
    default:
      return [{ type: "pid" }];
  }
}

export interface BuiltContainer {
  spec: Omit<ContainerSpec, "rootfs">;
  mounts: MountRecord[];
  resources: ResourceRecord;
  user: ResolvedUser;
}

/** Builds the runtime spec of a container of `pod` from its CRI config and image. */
export async function buildContainerSpec(p: {
  id: string;
  cfg: runtime.v1.IContainerConfig;
  pod: PodRecord;
  image: ImageRecord;
  layers: readonly string[];
  cgroupsPath: string;
  apparmorAvailable: boolean;
  /** /proc/<pid>/ns/pid of the running container a TARGET pid mode names. */
  targetPidNs?: string;
}): Promise<BuiltContainer> {
  const { cfg, pod, image } = p;
  const linux = cfg.linux ?? {};
  const sc = linux.securityContext ?? {};
  const privileged = sc.privileged ?? false;
  if (privileged && !pod.security.privileged) {
    throw new InvalidArgumentError(
      "config.linux.security_context.privileged: the pod sandbox is not privileged",
    );
  }
  const apparmor = sc.apparmor;
  if (
    apparmor &&
    apparmor.profileType === runtime.v1.SecurityProfile.ProfileType.Localhost &&
    !p.apparmorAvailable
  ) {
    throw new InvalidArgumentError(
      "config.linux.security_context.apparmor: AppArmor is not enabled on this host",
    );
  }
  // A group alone would pair with whatever user the image names: kubelet never sends that, and
  // containerd and CRI-O refuse it too.
  if (sc.runAsGroup && !sc.runAsUser && !sc.runAsUsername) {
    throw new InvalidArgumentError(
      "config.linux.security_context.run_as_group is set without run_as_user or run_as_username",
    );
  }
  const mounts = mountsOf(cfg, pod.userns !== undefined);
  const resources = resourcesOf(linux.resources);
  const policy =
    sc.supplementalGroupsPolicy === runtime.v1.SupplementalGroupsPolicy.Strict ? "Strict" : "Merge";
  const user = await resolveUser(p.layers, {
    ...(sc.runAsUser ? { uid: toNumber(sc.runAsUser.value) } : {}),
    ...(sc.runAsUsername ? { username: sc.runAsUsername } : {}),
    ...(sc.runAsGroup ? { gid: toNumber(sc.runAsGroup.value) } : {}),
    supplementalGroups: (sc.supplementalGroups ?? []).map((g) => toNumber(g)),
    policy,
    imageUser: image.config.user,
  });

  // A pod with its own user namespace: containers join it (the pod's other namespaces belong to
  // it), their root is mounted with id-mapped layers and the pod's files are id-mapped binds, so
  // the namespace's root owns them as the node's root would without one.
  const userns = pod.userns ? { uids: pod.userns.uids, gids: pod.userns.gids } : undefined;
  const namespaces: NamespaceSpec[] = [{ type: "mount" }];
  if (pod.userns) namespaces.unshift({ type: "user", path: pod.userns.path });
  if (pod.netns) namespaces.push({ type: "network", path: pod.netns });
  if (pod.ipcns) namespaces.push({ type: "ipc", path: pod.ipcns });
  if (pod.utsns) namespaces.push({ type: "uts", path: pod.utsns });
  namespaces.push(...pidNamespace(sc.namespaceOptions, pod, p.targetPidNs));

  const mountSpecs: MountSpec[] = [];
  const taken = new Set(mounts.map((m) => m.containerPath));
  // The pod's shared /dev/shm, or the node's for a hostIPC pod (as containerd does).
  const shm = pod.shm ?? (pod.namespaceOptions.ipc === "NODE" ? "/dev/shm" : undefined);
  for (const [dest, src] of [
    ["/etc/hostname", pod.files.hostname],
    ["/etc/hosts", pod.files.hosts],
    ["/etc/resolv.conf", pod.files.resolvConf],
    ["/dev/shm", shm],
  ] as const) {
    if (src && !taken.has(dest))
      mountSpecs.push({
        destination: dest,
        source: src,
        type: "bind",
        options: ["rbind", "rprivate"],
        readonly: false,
        // The node's /dev/shm of a hostIPC pod is never id-mapped (userns pods cannot be hostIPC).
        ...(userns ? { idmap: userns } : {}),
      });
  }
  for (const m of mounts) {
    // rro: the helper makes every submount read-only too (mount_setattr with AT_RECURSIVE).
    const options = m.recursiveReadOnly ? ["rbind", "rro"] : ["rbind"];
    mountSpecs.push({
      destination: m.containerPath,
      source: m.hostPath,
      type: "bind",
      options,
      readonly: m.readonly,
      propagation: m.propagation,
      ...(m.idmap ? { idmap: m.idmap } : {}),
    });
  }

  const caps = sc.capabilities;
  const spec: Omit<ContainerSpec, "rootfs"> = {
    id: p.id,
    args: mergeArgs(cfg, image),
    env: mergeEnv(cfg, image),
    cwd: cfg.workingDir || image.config.workingDir || "/",
    user: { uid: user.uid, gid: user.gid, additionalGids: user.groups.slice(1) },
    terminal: cfg.tty ?? false,
    // The pod's UTS namespace got its hostname when it was pinned; host-network pods keep the node's.
    namespaces,
    ...(userns ? { userns } : {}),
    mounts: mountSpecs,
    devices: devicesOf(cfg),
    cgroupsPath: p.cgroupsPath,
    resources: runtimeResources(resources),
    privileged,
    noNewPrivileges: sc.noNewPrivs ?? false,
    readonlyRootfs: sc.readonlyRootfs ?? false,
    seccomp: seccompSpec(sc, pod, privileged),
    sysctls: pod.sysctls,
    annotations: {
      "io.kubernetes.cri.container-name": cfg.metadata?.name ?? "",
      "io.kubernetes.cri.sandbox-id": pod.id,
    },
  };
  if (caps) spec.capabilities = { add: caps.addCapabilities ?? [], drop: caps.dropCapabilities ?? [] };
  // kubelet sends the masked/readonly paths it wants (empty for privileged or ProcMount Unmasked).
  if (sc.maskedPaths?.length || sc.readonlyPaths?.length) {
    spec.maskedPaths = sc.maskedPaths ?? [];
    spec.readonlyPaths = sc.readonlyPaths ?? [];
  }
  return { spec, mounts, resources, user };
}
