// Reading a CNI ADD result (0.3.0 to 1.1.0 share this shape; 0.3/0.4 add an ignored `version` per IP).
import { isIP } from "node:net";
import { InternalError } from "../errors.js";
import type { CniDns, CniInterface, CniIpConfig, JsonObject, JsonValue, PodNetwork } from "./types.js";

function str(v: JsonValue | undefined): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

function strList(v: JsonValue | undefined): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined;
}

function obj(v: JsonValue | undefined): JsonObject | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? v : undefined;
}

/**
 * The pod's view of a final ADD result. Pod IPs are those on the interface named `ifName` inside the
 * sandbox (or, when the result does not say which interface, every listed IP); IPv4 first, because
 * kubelet takes the first as the pod's primary IP.
 */
export function podNetworkFromResult(result: JsonObject, ifName: string, plugin: string): PodNetwork {
  const interfaces: CniInterface[] = [];
  for (const raw of Array.isArray(result.interfaces) ? result.interfaces : []) {
    const o = obj(raw);
    const name = str(o?.name);
    if (!o || !name) continue;
    const iface: CniInterface = { name };
    const mac = str(o.mac);
    const sandbox = str(o.sandbox);
    if (mac) iface.mac = mac;
    if (sandbox) iface.sandbox = sandbox;
    interfaces.push(iface);
  }
  const ipConfigs: CniIpConfig[] = [];
  for (const raw of Array.isArray(result.ips) ? result.ips : []) {
    const o = obj(raw);
    const address = str(o?.address);
    if (!o || !address) continue;
    const ip: CniIpConfig = { address };
    const gateway = str(o.gateway);
    if (gateway) ip.gateway = gateway;
    if (typeof o.interface === "number") ip.interface = o.interface;
    ipConfigs.push(ip);
  }
  const onPodInterface = (c: CniIpConfig): boolean => {
    if (c.interface === undefined) return true;
    const iface = interfaces[c.interface];
    return iface !== undefined && iface.sandbox !== undefined && iface.name === ifName;
  };
  const ips: string[] = [];
  for (const c of ipConfigs.filter(onPodInterface)) {
    const addr = c.address.split("/")[0] ?? "";
    if (isIP(addr) && !ips.includes(addr)) ips.push(addr);
  }
  ips.sort((a, b) => isIP(a) - isIP(b));
  if (ips.length === 0)
    throw new InternalError(
      `CNI network (last plugin ${plugin}) gave the pod no IP address on ${ifName}: ${JSON.stringify(result).slice(0, 500)}`,
    );
  const net: PodNetwork = { ips, interfaces, ipConfigs, result };
  const d = obj(result.dns);
  if (d) {
    const dns: CniDns = {};
    const nameservers = strList(d.nameservers);
    const search = strList(d.search);
    const options = strList(d.options);
    const domain = str(d.domain);
    if (nameservers?.length) dns.nameservers = nameservers;
    if (search?.length) dns.search = search;
    if (options?.length) dns.options = options;
    if (domain) dns.domain = domain;
    if (Object.keys(dns).length > 0) net.dns = dns;
  }
  return net;
}
