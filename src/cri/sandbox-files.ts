// The files every container of a pod shares: /etc/hostname, /etc/hosts, /etc/resolv.conf.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { runtime } from "../../cri-api/runtime/v1/api.js";
import { InvalidArgumentError } from "../errors.js";
import { writeFileAtomic } from "../fsutil.js";

export function resolvConf(dns: runtime.v1.IDNSConfig): string {
  const lines: string[] = [];
  if (dns.searches?.length) lines.push(`search ${dns.searches.join(" ")}`);
  for (const s of dns.servers ?? []) lines.push(`nameserver ${s}`);
  if (dns.options?.length) lines.push(`options ${dns.options.join(" ")}`);
  for (const v of [...(dns.searches ?? []), ...(dns.servers ?? []), ...(dns.options ?? [])]) {
    if (/[\s\0]/.test(v))
      throw new InvalidArgumentError(`config.dns_config entry ${JSON.stringify(v)} contains whitespace`);
  }
  return `${lines.join("\n")}\n`;
}

export function hostsFile(hostname: string, ips: string[]): string {
  const lines = [
    "127.0.0.1\tlocalhost",
    "::1\tlocalhost ip6-localhost ip6-loopback",
    "fe00::0\tip6-localnet",
    "fe00::1\tip6-allnodes",
    "fe00::2\tip6-allrouters",
  ];
  if (hostname) {
    if (ips.length === 0) lines.push(`127.0.1.1\t${hostname}`);
    for (const ip of ips) lines.push(`${ip}\t${hostname}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Writes the pod's shared files; hosts is rewritten once the pod's IPs are known. */
export async function writePodFiles(
  dir: string,
  opts: {
    hostname: string;
    dns: runtime.v1.IDNSConfig | null | undefined;
    hostNetwork: boolean;
    ips: string[];
  },
): Promise<{ hostname: string; hosts: string; resolvConf: string }> {
  const files = {
    hostname: join(dir, "hostname"),
    hosts: join(dir, "hosts"),
    resolvConf: join(dir, "resolv.conf"),
  };
  await writeFileAtomic(files.hostname, `${opts.hostname}\n`);
  if (opts.hostNetwork) {
    // Host-network pods see the node's names, like docker --network host.
    const hosts = await readFile("/etc/hosts", "utf8").catch(() => hostsFile(opts.hostname, []));
    await writeFileAtomic(files.hosts, hosts);
  } else {
    await writeFileAtomic(files.hosts, hostsFile(opts.hostname, opts.ips));
  }
  const dnsGiven =
    opts.dns &&
    ((opts.dns.servers?.length ?? 0) > 0 ||
      (opts.dns.searches?.length ?? 0) > 0 ||
      (opts.dns.options?.length ?? 0) > 0);
  const resolv = dnsGiven
    ? resolvConf(opts.dns as runtime.v1.IDNSConfig)
    : await readFile("/etc/resolv.conf", "utf8").catch(() => "");
  await writeFileAtomic(files.resolvConf, resolv);
  return files;
}
