// Compose `ports` (short "[ip:][published:]target[/proto]" and long syntax) and `expose`. Every
// target becomes a container port and a port of the service's ClusterIP Service; ports published
// on the host can only be reached through that Service (or the node, for long-syntax mode: host).
import type { PortProtocol, ServicePort } from "../types.js";
import {
  ComposeError,
  describe,
  indexPath,
  isRecord,
  Mapping,
  scalarString,
  type WarningSink,
} from "./reader.js";

export interface ContainerPortSpec {
  name: string;
  containerPort: number;
  protocol: PortProtocol;
  hostPort?: number;
}

export interface PortsResult {
  servicePorts: ServicePort[];
  containerPorts: ContainerPortSpec[];
}

function protocolOf(value: string, path: string): PortProtocol {
  const p = value.toUpperCase();
  if (p === "TCP" || p === "UDP" || p === "SCTP") return p;
  throw new ComposeError(path, `unknown protocol "${value}" (tcp, udp or sctp)`);
}

function portNumber(s: string, path: string): number {
  if (!/^\d+$/.test(s)) throw new ComposeError(path, `invalid port "${s}"`);
  const n = Number(s);
  if (n < 1 || n > 65535) throw new ComposeError(path, `port ${n} is outside 1-65535`);
  return n;
}

function portRange(s: string, path: string): number[] {
  const dash = s.indexOf("-");
  if (dash < 0) return [portNumber(s, path)];
  const lo = portNumber(s.slice(0, dash), path);
  const hi = portNumber(s.slice(dash + 1), path);
  if (hi < lo) throw new ComposeError(path, `invalid port range "${s}"`);
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

interface PortEntry {
  target: number;
  published?: number;
  protocol: PortProtocol;
  hostIp?: string;
  hostMode?: boolean;
  name?: string;
}

function parseShortPort(raw: string, path: string, sink: WarningSink): PortEntry[] {
  let spec = raw.trim();
  let protocol: PortProtocol = "TCP";
  const slash = spec.lastIndexOf("/");
  if (slash >= 0) {
    protocol = protocolOf(spec.slice(slash + 1), path);
    spec = spec.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (spec.startsWith("[")) {
    const close = spec.indexOf("]");
    if (close < 0 || spec[close + 1] !== ":") throw new ComposeError(path, `invalid port "${raw}"`);
    hostIp = spec.slice(1, close);
    spec = spec.slice(close + 2);
  }
  const parts = spec.split(":");
  if (parts.length > 3 || (hostIp !== undefined && parts.length > 2)) {
    throw new ComposeError(path, `invalid port "${raw}"`);
  }
  if (parts.length === 3) hostIp = parts.shift();
  const targets = portRange(parts.at(-1) as string, path);
  const publishedText = parts.length === 2 ? (parts[0] as string) : "";
  const published = publishedText === "" ? [] : portRange(publishedText, path);
  if (hostIp !== undefined && hostIp !== "" && hostIp !== "0.0.0.0" && hostIp !== "::") {
    sink.add(path, `host IP "${hostIp}" not supported, ignored`);
  }
  if (published.length > 1 && targets.length === 1) {
    // Docker picks any free port of the range; a Service needs one, so take the first.
    sink.add(path, `published range "${publishedText}" for one target port: using ${published[0]}`);
    return [{ target: targets[0] as number, published: published[0] as number, protocol }];
  }
  if (published.length > 0 && published.length !== targets.length) {
    throw new ComposeError(path, `published range "${publishedText}" and target range differ in size`);
  }
  return targets.map((target, i) => ({ target, published: published[i], protocol }));
}

function parseLongPort(m: Mapping): PortEntry {
  const target = m.integer("target", 1);
  if (target === undefined) throw new ComposeError(m.at("target"), "required");
  portNumber(String(target), m.at("target"));
  const protocol = protocolOf(m.string("protocol") ?? "tcp", m.at("protocol"));
  const publishedRaw = m.string("published");
  let published: number | undefined;
  if (publishedRaw !== undefined && publishedRaw !== "") {
    const range = portRange(publishedRaw, m.at("published"));
    if (range.length > 1)
      m.warn("published", `range "${publishedRaw}" for one target port: using ${range[0]}`);
    published = range[0];
  }
  const hostIp = m.string("host_ip");
  if (hostIp !== undefined && hostIp !== "0.0.0.0" && hostIp !== "::") {
    m.warn("host_ip", `host IP "${hostIp}" not supported, ignored`);
  }
  const mode = m.string("mode") ?? "ingress";
  if (mode !== "ingress" && mode !== "host") {
    throw new ComposeError(m.at("mode"), `unknown mode "${mode}" (ingress or host)`);
  }
  const entry: PortEntry = { target, published, protocol, hostMode: mode === "host" };
  const name = m.string("name");
  if (name !== undefined) {
    if (/^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/.test(name) && /[a-z]/.test(name)) entry.name = name;
    else
      m.warn(
        "name",
        `"${name}" is not a valid port name (at most 15 lowercase letters, digits, '-'), generated one`,
      );
  }
  m.ignore("app_protocol", "not supported, ignored");
  m.finish();
  return entry;
}

/** Converts `ports` and `expose` of one service. */
export function convertPorts(
  service: string,
  ports: unknown[] | undefined,
  expose: unknown[] | undefined,
  basePath: string,
  sink: WarningSink,
): PortsResult {
  const entries: Array<{ entry: PortEntry; path: string }> = [];
  for (const [i, raw] of (ports ?? []).entries()) {
    const path = indexPath(`${basePath}.ports`, i);
    if (isRecord(raw)) {
      entries.push({ entry: parseLongPort(new Mapping(path, raw, sink)), path });
    } else if (typeof raw === "string" || typeof raw === "number") {
      for (const entry of parseShortPort(String(raw), path, sink)) entries.push({ entry, path });
    } else {
      throw new ComposeError(path, `expected a port string or mapping, got ${describe(raw)}`);
    }
  }
  for (const [i, raw] of (expose ?? []).entries()) {
    const path = indexPath(`${basePath}.expose`, i);
    const text = scalarString(raw, path);
    const [range, proto] = text.split("/");
    const protocol = proto === undefined ? "TCP" : protocolOf(proto, path);
    for (const target of portRange(range ?? "", path)) entries.push({ entry: { target, protocol }, path });
  }

  const result: PortsResult = { servicePorts: [], containerPorts: [] };
  const servicePortKeys = new Set<string>();
  const containerPortKeys = new Set<string>();
  const usedNames = new Set<string>();
  for (const { entry, path } of entries) {
    const port = entry.published ?? entry.target;
    const serviceKey = `${port}/${entry.protocol}`;
    if (servicePortKeys.has(serviceKey)) {
      if (entry.published !== undefined) {
        sink.add(path, `port ${serviceKey} is already published by an earlier entry, ignored`);
      }
      continue;
    }
    servicePortKeys.add(serviceKey);
    let name = entry.name ?? `${entry.protocol.toLowerCase()}-${port}`;
    if (usedNames.has(name)) name = `${entry.protocol.toLowerCase()}-${port}`;
    usedNames.add(name);
    const sp: ServicePort = { name, port, targetPort: entry.target, protocol: entry.protocol };
    result.servicePorts.push(sp);
    if (entry.published !== undefined && !entry.hostMode) {
      sink.add(
        path,
        `published port ${entry.published} is not bound on the host; it is port ${entry.published} of the ClusterIP Service "${service}"`,
      );
    }
    const containerKey = `${entry.target}/${entry.protocol}`;
    if (!containerPortKeys.has(containerKey)) {
      containerPortKeys.add(containerKey);
      const cp: ContainerPortSpec = {
        name: `${entry.protocol.toLowerCase()}-${entry.target}`,
        containerPort: entry.target,
        protocol: entry.protocol,
      };
      if (entry.hostMode && entry.published !== undefined) cp.hostPort = entry.published;
      result.containerPorts.push(cp);
    }
  }
  return result;
}
