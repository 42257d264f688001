// Image references normalised the way Docker and containerd do it:
//   busybox            → docker.io/library/busybox:latest
//   host:5000/ns/x     → host:5000/ns/x:latest
//   x@sha256:…         → docker.io/library/x@sha256:…
//   x:tag@sha256:…     → the digest wins for fetching; the tag is kept for naming.
import { InvalidArgumentError } from "../errors.js";

export const DOCKER_HUB = "docker.io";

export interface ParsedReference {
  /** Registry host[:port], "docker.io" for Docker Hub. */
  domain: string;
  /** Repository path inside the registry, e.g. "library/busybox". */
  path: string;
  /** domain/path */
  name: string;
  tag?: string;
  digest?: string;
  /** name:tag, name@digest or name:tag@digest; a bare name gets ":latest". */
  full: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

function fail(ref: string, why: string): never {
  throw new InvalidArgumentError(`invalid image reference "${ref}": ${why}`);
}

function validDomain(domain: string): boolean {
  let host = domain;
  const ipv6 = /^\[[0-9a-fA-F:]+\](?::(\d{1,5}))?$/.exec(domain);
  if (ipv6) return true;
  const colon = domain.lastIndexOf(":");
  if (colon >= 0) {
    const port = domain.slice(colon + 1);
    if (!/^\d{1,5}$/.test(port)) return false;
    host = domain.slice(0, colon);
  }
  return host.split(".").every((c) => DOMAIN_COMPONENT.test(c));
}

/** True for a 64-hex sha256 digest with its algorithm prefix. */
export function isDigest(value: string): boolean {
  return DIGEST.test(value);
}

/** Parses and normalises an image reference; throws InvalidArgumentError naming it. */
export function normalizeReference(ref: string): ParsedReference {
  if (typeof ref !== "string" || ref.length === 0) fail(String(ref), "empty reference");
  if (ref !== ref.trim() || /\s/.test(ref)) fail(ref, "contains whitespace");
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) fail(ref, `bad digest "${digest}" (want sha256:<64 hex>)`);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf("/");
  const lastColon = rest.lastIndexOf(":");
  if (lastColon > lastSlash) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) fail(ref, `bad tag "${tag}"`);
  }
  if (rest.length === 0) fail(ref, "missing repository name");
  let domain = DOCKER_HUB;
  let path = rest;
  const slash = rest.indexOf("/");
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes(".") || first.includes(":") || first === "localhost" || first.startsWith("[")) {
      domain = first;
      path = rest.slice(slash + 1);
    }
  }
  if (!validDomain(domain)) fail(ref, `bad registry host "${domain}"`);
  if (domain === "index.docker.io" || domain === "registry-1.docker.io") domain = DOCKER_HUB;
  if (domain === DOCKER_HUB && !path.includes("/")) path = `library/${path}`;
  if (path.length === 0) fail(ref, "missing repository name");
  for (const c of path.split("/")) {
    if (c !== c.toLowerCase()) fail(ref, "repository name must be lowercase");
    if (!COMPONENT.test(c)) fail(ref, `bad repository path component "${c}"`);
  }
  const name = `${domain}/${path}`;
  if (name.length > 255) fail(ref, "repository name longer than 255 characters");
  if (!tag && !digest) tag = "latest";
  let full = name;
  if (tag) full += `:${tag}`;
  if (digest) full += `@${digest}`;
  const parsed: ParsedReference = { domain, path, name, full };
  if (tag) parsed.tag = tag;
  if (digest) parsed.digest = digest;
  return parsed;
}

/** "docker.io/library/busybox:latest" → "busybox:latest", as people write it. */
export function familiarName(ref: string): string {
  if (ref.startsWith("docker.io/library/")) return ref.slice("docker.io/library/".length);
  if (ref.startsWith("docker.io/")) return ref.slice("docker.io/".length);
  return ref;
}
