// One compose service → the pieces of one berth Service: the pod template (container, volumes,
// pod-level settings), the published ports, the deploy policies and the dependencies.
import type { V1Container, V1PodSpec, V1PodTemplateSpec } from "@kubernetes/client-node";
import type { DependencyCondition, ServiceDependency, ServicePort } from "../types.js";
import { convertDeploy, type DeployResult, labelMap } from "./deploy.js";
import { convertEnvironment, type EnvContext } from "./environment.js";
import { convertHealthcheck } from "./healthcheck.js";
import { splitLabels } from "./labels.js";
import { convertPorts } from "./ports.js";
import { ComposeError, describe, type Mapping, scalarString, toStringList } from "./reader.js";
import { convertFileMounts, type FileObject, type Section } from "./secrets.js";
import { parseDuration, splitShellWords } from "./units.js";
import { convertVolumes, type NamedUse, type VolumesContext } from "./volumes.js";

export interface ConvertedService {
  name: string;
  template: V1PodTemplateSpec;
  ports: ServicePort[];
  deploy: DeployResult;
  dependsOn: ServiceDependency[];
  namedVolumes: NamedUse[];
}

export interface ServiceContext extends EnvContext, VolumesContext {
  /** Every service name in the file, to check depends_on. */
  services: ReadonlySet<string>;
  /** The top-level `secrets` and `configs` sections. */
  fileObjects: Readonly<Record<Section, ReadonlyMap<string, FileObject>>>;
  /** Filled with the secrets and configs services mount, the ones to create. */
  usedFileObjects: Set<FileObject>;
}

function commandWords(m: Mapping, key: string): string[] | undefined {
  const raw = m.take(key);
  if (raw === undefined) return undefined;
  if (typeof raw === "string") return splitShellWords(raw, m.at(key));
  if (Array.isArray(raw)) return toStringList(raw, m.at(key));
  throw new ComposeError(m.at(key), `expected a string or a list, got ${describe(raw)}`);
}

const CONDITIONS: Record<string, DependencyCondition> = {
  service_started: "Started",
  service_healthy: "Healthy",
  service_completed_successfully: "Completed",
};

function dependencies(m: Mapping, name: string, ctx: ServiceContext): ServiceDependency[] {
  const raw = m.take("depends_on");
  if (raw === undefined) return [];
  const path = m.at("depends_on");
  const deps: ServiceDependency[] = [];
  const check = (dep: string, at: string) => {
    if (dep === name) throw new ComposeError(at, `service "${name}" depends on itself`);
    if (!ctx.services.has(dep)) throw new ComposeError(at, `depends on undefined service "${dep}"`);
  };
  if (Array.isArray(raw)) {
    for (const [i, v] of raw.entries()) {
      const dep = scalarString(v, `${path}[${i}]`);
      check(dep, `${path}[${i}]`);
      deps.push({ service: dep, condition: "Started" });
    }
    return deps;
  }
  const map = m.mapping("depends_on");
  if (!map) throw new ComposeError(path, `expected a list or a mapping, got ${describe(raw)}`);
  for (const dep of Object.keys(map.raw)) {
    check(dep, map.at(dep));
    const opts = map.mapping(dep);
    let condition: DependencyCondition = "Started";
    if (opts) {
      const c = opts.string("condition");
      if (c !== undefined) {
        const mapped = CONDITIONS[c];
        if (!mapped) {
          throw new ComposeError(
            opts.at("condition"),
            `unknown condition "${c}" (${Object.keys(CONDITIONS).join(", ")})`,
          );
        }
        condition = mapped;
      }
      if (opts.boolean("restart") === true) {
        opts.warn("restart", "restarting dependents when a dependency is updated is not supported, ignored");
      }
      if (opts.boolean("required") === false) {
        opts.warn("required", "optional dependencies not supported, treated as required");
      }
      opts.finish();
    }
    deps.push({ service: dep, condition });
  }
  map.finish();
  return deps;
}

function securityContext(m: Mapping, container: V1Container): void {
  const sc: NonNullable<V1Container["securityContext"]> = {};
  const user = m.string("user");
  if (user !== undefined) {
    const num = /^(\d+)(?::(\d+))?$/.exec(user);
    if (num) {
      sc.runAsUser = Number(num[1]);
      if (num[2] !== undefined) sc.runAsGroup = Number(num[2]);
    } else if (user === "root") {
      sc.runAsUser = 0;
    } else {
      m.warn("user", `user "${user}" is not numeric (uid[:gid]); Kubernetes needs numbers, ignored`);
    }
  }
  const privileged = m.boolean("privileged");
  if (privileged !== undefined) sc.privileged = privileged;
  const readOnly = m.boolean("read_only");
  if (readOnly !== undefined) sc.readOnlyRootFilesystem = readOnly;
  const add = m.take("cap_add");
  const drop = m.take("cap_drop");
  if (add !== undefined || drop !== undefined) {
    const caps = (v: unknown, key: string) =>
      toStringList(v, m.at(key)).map((c) => c.replace(/^CAP_/i, "").toUpperCase());
    sc.capabilities = {};
    if (add !== undefined) sc.capabilities.add = caps(add, "cap_add");
    if (drop !== undefined) sc.capabilities.drop = caps(drop, "cap_drop");
  }
  if (Object.keys(sc).length > 0) container.securityContext = sc;
}

/** docker compose's stop_grace_period when the file gives none. */
export const DEFAULT_STOP_GRACE_SECONDS = 10;

function podSettings(m: Mapping, pod: V1PodSpec): void {
  const hostname = m.string("hostname");
  if (hostname !== undefined) {
    if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(hostname)) {
      throw new ComposeError(m.at("hostname"), `"${hostname}" is not a valid DNS label`);
    }
    pod.hostname = hostname;
  }
  // Compose waits 10 s between SIGTERM and SIGKILL where Kubernetes waits 30 s: keep compose's.
  const grace = m.take("stop_grace_period");
  pod.terminationGracePeriodSeconds =
    grace === undefined
      ? DEFAULT_STOP_GRACE_SECONDS
      : Math.ceil(parseDuration(grace, m.at("stop_grace_period")) / 1000);
  for (const [key, field] of [
    ["network_mode", "hostNetwork"],
    ["pid", "hostPID"],
    ["ipc", "hostIPC"],
  ] as const) {
    const v = m.string(key);
    if (v === "host") pod[field] = true;
    else if (v !== undefined) m.warn(key, `"${v}" not supported (only "host"), ignored`);
  }
  const hosts = m.take("extra_hosts");
  if (hosts !== undefined) {
    const entries: Array<[string, string]> = Array.isArray(hosts)
      ? toStringList(hosts, m.at("extra_hosts")).map((h) => {
          const sep = h.includes("=") ? h.indexOf("=") : h.indexOf(":");
          if (sep < 0) throw new ComposeError(m.at("extra_hosts"), `invalid host entry "${h}" (host:ip)`);
          return [h.slice(0, sep), h.slice(sep + 1)];
        })
      : Object.entries(labelMap(hosts, m.at("extra_hosts")));
    const byIp = new Map<string, string[]>();
    for (const [host, ip] of entries) byIp.set(ip, [...(byIp.get(ip) ?? []), host]);
    pod.hostAliases = [...byIp].map(([ip, hostnames]) => ({ ip, hostnames }));
  }
  const dns = m.take("dns");
  const search = m.take("dns_search");
  const opt = m.take("dns_opt");
  if (dns !== undefined || search !== undefined || opt !== undefined) {
    pod.dnsConfig = {};
    if (dns !== undefined) {
      // Kubernetes only uses custom nameservers exclusively with dnsPolicy None.
      pod.dnsPolicy = "None";
      pod.dnsConfig.nameservers = toStringList(dns, m.at("dns"));
    }
    if (search !== undefined) pod.dnsConfig.searches = toStringList(search, m.at("dns_search"));
    if (opt !== undefined) {
      pod.dnsConfig.options = toStringList(opt, m.at("dns_opt")).map((o) => {
        const [name, value] = o.split(":", 2);
        return value === undefined ? { name } : { name, value };
      });
    }
  }
  const sysctls = m.take("sysctls");
  if (sysctls !== undefined) {
    pod.securityContext = {
      sysctls: [...labelMap(sysctls, m.at("sysctls"))].map(([name, value]) => ({ name, value })),
    };
  }
}

const PULL_POLICIES: Record<string, "Always" | "IfNotPresent" | "Never"> = {
  always: "Always",
  never: "Never",
  missing: "IfNotPresent",
  if_not_present: "IfNotPresent",
};

const UNSUPPORTED: Record<string, string> = {
  build: "building images not supported, the image must already be in a registry",
  container_name: "not supported, the berth Service is named after the compose service",
  networks: "not supported, every service shares the cluster network and is reachable by its name",
  links: "not supported, services reach each other by name through their ClusterIP Services",
  profiles: "not supported, the service is always included",
};

export function convertService(m: Mapping, name: string, ctx: ServiceContext): ConvertedService {
  const image = m.string("image");
  if (image === undefined || image === "") {
    throw new ComposeError(m.at("image"), m.has("build") ? "required (build is not supported)" : "required");
  }
  const container: V1Container = { name, image };
  const command = commandWords(m, "entrypoint");
  if (command !== undefined) container.command = command;
  const args = commandWords(m, "command");
  if (args !== undefined) container.args = args;
  const env = convertEnvironment(m.take("env_file"), m.take("environment"), m.path, ctx, m.sink);
  if (env.size > 0) container.env = [...env].map(([k, value]) => ({ name: k, value }));
  const workingDir = m.string("working_dir");
  if (workingDir !== undefined) container.workingDir = workingDir;
  const tty = m.boolean("tty");
  if (tty !== undefined) container.tty = tty;
  const stdin = m.boolean("stdin_open");
  if (stdin !== undefined) container.stdin = stdin;
  const pull = m.string("pull_policy");
  if (pull !== undefined) {
    const mapped = PULL_POLICIES[pull];
    if (mapped) container.imagePullPolicy = mapped;
    else m.warn("pull_policy", `"${pull}" not supported, the cluster default applies`);
  }
  securityContext(m, container);

  const ports = convertPorts(name, m.list("ports"), m.list("expose"), m.path, m.sink);
  if (ports.containerPorts.length > 0) container.ports = ports.containerPorts;

  const health = m.mapping("healthcheck");
  if (health) Object.assign(container, convertHealthcheck(health));

  const deploy = convertDeploy(m, m.mapping("deploy"));
  if (deploy.resources) container.resources = deploy.resources;

  const vols = convertVolumes(m.list("volumes"), m.take("tmpfs"), m.path, ctx, m.sink);
  for (const section of ["secrets", "configs"] as const) {
    const files = convertFileMounts(
      section,
      m.list(section),
      m.path,
      ctx.fileObjects[section],
      ctx.usedFileObjects,
      m.sink,
    );
    for (const [i, mount] of files.mounts.entries()) {
      if (vols.mounts.some((x) => x.mountPath === mount.mountPath))
        throw new ComposeError(`${m.at(section)}[${i}]`, `mount path "${mount.mountPath}" is used twice`);
      vols.mounts.push(mount);
    }
    vols.volumes.push(...files.volumes);
  }
  if (vols.mounts.length > 0) container.volumeMounts = vols.mounts;

  const pod: V1PodSpec = { containers: [container] };
  if (vols.volumes.length > 0) pod.volumes = vols.volumes;
  podSettings(m, pod);

  const template: V1PodTemplateSpec = { metadata: {}, spec: pod };
  const podLabels = m.take("labels");
  const podAnnotations = m.take("annotations");
  const meta = splitLabels(
    podLabels === undefined ? new Map() : labelMap(podLabels, m.at("labels")),
    m.at("labels"),
    m.sink,
  );
  if (podAnnotations !== undefined) {
    for (const [k, v] of labelMap(podAnnotations, m.at("annotations"))) meta.annotations[k] = v;
  }
  template.metadata = { labels: meta.labels };
  if (Object.keys(meta.annotations).length > 0) template.metadata.annotations = meta.annotations;

  const dependsOn = dependencies(m, name, ctx);
  for (const [key, reason] of Object.entries(UNSUPPORTED)) m.ignore(key, reason);
  m.finish();
  return { name, template, ports: ports.servicePorts, deploy, dependsOn, namedVolumes: vols.named };
}
