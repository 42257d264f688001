import { readFile } from "node:fs/promises";
import { errorMessage, InvalidArgumentError } from "../../errors.js";
import type { OciSeccomp } from "../oci.js";
import { ARCH_MAP, DEFAULT_PROFILE } from "./default-profile.js";

/** Node's `process.arch` → the Go architecture names the profile's conditions use. */
export function goArch(nodeArch: string = process.arch): string {
  const map: Record<string, string> = { x64: "amd64", ia32: "x86", arm64: "arm64", arm: "arm" };
  return map[nodeArch] ?? nodeArch;
}

/**
 * The RuntimeDefault profile for a container holding `caps` on `arch`: conditional rules are kept
 * or dropped here, so the OCI runtime receives a flat, unconditional list (as containerd does).
 */
export function runtimeDefaultSeccomp(caps: readonly string[], arch: string = goArch()): OciSeccomp {
  const held = new Set(caps);
  const syscalls: NonNullable<OciSeccomp["syscalls"]> = [];
  for (const rule of DEFAULT_PROFILE.rules) {
    const inc = rule.includes;
    if (inc?.caps && !inc.caps.every((c) => held.has(c))) continue;
    if (inc?.arches && !inc.arches.includes(arch)) continue;
    const exc = rule.excludes;
    if (exc?.caps?.some((c) => held.has(c))) continue;
    if (exc?.arches?.includes(arch)) continue;
    syscalls.push({
      names: [...rule.names],
      action: rule.action,
      ...(rule.errnoRet !== undefined ? { errnoRet: rule.errnoRet } : {}),
      ...(rule.args ? { args: rule.args.map((a) => ({ ...a })) } : {}),
    });
  }
  return {
    defaultAction: DEFAULT_PROFILE.defaultAction,
    defaultErrnoRet: DEFAULT_PROFILE.defaultErrnoRet,
    architectures: [...(ARCH_MAP[arch] ?? [])],
    syscalls,
  };
}

/**
 * A profile from a file (Localhost seccomp). Accepts both the OCI shape and docker's shape
 * (`archMap` instead of `architectures`); only the OCI fields are passed on.
 */
export async function loadSeccompFile(path: string, arch: string = goArch()): Promise<OciSeccomp> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (err) {
    throw new InvalidArgumentError(`seccomp profile "${path}" cannot be read: ${errorMessage(err)}`);
  }
  if (
    !raw ||
    typeof raw !== "object" ||
    typeof (raw as { defaultAction?: unknown }).defaultAction !== "string"
  ) {
    throw new InvalidArgumentError(`seccomp profile "${path}" has no defaultAction`);
  }
  const p = raw as OciSeccomp & { archMap?: { architecture: string; subArchitectures: string[] | null }[] };
  let architectures = p.architectures;
  if (!architectures && p.archMap) {
    const native = ARCH_MAP[arch]?.[0];
    const entry = p.archMap.find((a) => a.architecture === native);
    architectures = entry ? [entry.architecture, ...(entry.subArchitectures ?? [])] : [];
  }
  return {
    defaultAction: p.defaultAction,
    ...(p.defaultErrnoRet !== undefined ? { defaultErrnoRet: p.defaultErrnoRet } : {}),
    ...(architectures ? { architectures } : {}),
    syscalls: (p.syscalls ?? []).map((s) => ({
      names: s.names,
      action: s.action,
      ...(s.errnoRet !== undefined ? { errnoRet: s.errnoRet } : {}),
      ...(s.args ? { args: s.args } : {}),
    })),
  };
}
