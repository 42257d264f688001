import { readFile, stat } from "node:fs/promises";
import { errnoCode, InvalidArgumentError } from "../../errors.js";
import type { OciSeccomp, OciSeccompArg } from "../oci.js";
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

/** The actions berth-runtime, runc and crun all know (OCI runtime spec, linux.seccomp). */
const ACTIONS = new Set([
  "SCMP_ACT_KILL",
  "SCMP_ACT_KILL_PROCESS",
  "SCMP_ACT_KILL_THREAD",
  "SCMP_ACT_TRAP",
  "SCMP_ACT_ERRNO",
  "SCMP_ACT_TRACE",
  "SCMP_ACT_ALLOW",
  "SCMP_ACT_LOG",
]);
const OPS = new Set([
  "SCMP_CMP_NE",
  "SCMP_CMP_LT",
  "SCMP_CMP_LE",
  "SCMP_CMP_EQ",
  "SCMP_CMP_GE",
  "SCMP_CMP_GT",
  "SCMP_CMP_MASKED_EQ",
]);
const SYSCALL_NAME = /^[a-z0-9_]{1,64}$/;
const ARCH_NAME = /^SCMP_ARCH_[A-Z0-9_]{1,32}$/;
/** Docker's default profile is ~30 KiB; a file far larger is not a profile (or is /dev/zero). */
const MAX_PROFILE_BYTES = 1024 * 1024;

const isInt = (v: unknown, min: number, max: number) =>
  typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A profile from a file (Localhost seccomp). Accepts both the OCI shape and docker's shape
 * (`archMap` instead of `architectures`); only the OCI fields are passed on, each checked here.
 * The caller picks the path, so errors name the field and the problem and never quote the
 * file's content: a profile path must not become a way to read other files through messages.
 */
export async function loadSeccompFile(path: string, arch: string = goArch()): Promise<OciSeccomp> {
  const bad = (what: string): never => {
    throw new InvalidArgumentError(`seccomp profile "${path}": ${what}`);
  };
  let raw: unknown;
  try {
    const st = await stat(path);
    if (!st.isFile()) bad("is not a regular file");
    if (st.size > MAX_PROFILE_BYTES) bad(`is larger than ${MAX_PROFILE_BYTES} bytes`);
    const text = await readFile(path, "utf8");
    try {
      raw = JSON.parse(text);
    } catch {
      // JSON.parse's own message quotes the text around the error.
      bad("is not valid JSON");
    }
  } catch (err) {
    if (err instanceof InvalidArgumentError) throw err;
    bad(`cannot be read (${errnoCode(err) ?? "error"})`);
  }
  if (!isObject(raw)) return bad("is not a JSON object");
  if (typeof raw.defaultAction !== "string" || !ACTIONS.has(raw.defaultAction))
    bad("defaultAction is missing or not a supported action (SCMP_ACT_ALLOW, SCMP_ACT_ERRNO, ...)");
  if (raw.defaultErrnoRet !== undefined && !isInt(raw.defaultErrnoRet, 0, 4095))
    bad("defaultErrnoRet is not an errno number");
  const archList = (v: unknown, field: string): string[] => {
    if (!Array.isArray(v)) return bad(`${field} is not a list`);
    return v.map((a, i) =>
      typeof a === "string" && ARCH_NAME.test(a) ? a : bad(`${field}[${i}] is not an architecture name`),
    );
  };
  let architectures: string[] | undefined =
    raw.architectures === undefined || raw.architectures === null
      ? undefined
      : archList(raw.architectures, "architectures");
  if (!architectures && raw.archMap !== undefined && raw.archMap !== null) {
    if (!Array.isArray(raw.archMap)) bad("archMap is not a list");
    const entries = (raw.archMap as unknown[]).map((e, i) => {
      if (!isObject(e) || typeof e.architecture !== "string" || !ARCH_NAME.test(e.architecture))
        return bad(`archMap[${i}].architecture is not an architecture name`);
      const subs =
        e.subArchitectures === undefined || e.subArchitectures === null
          ? []
          : archList(e.subArchitectures, `archMap[${i}].subArchitectures`);
      return { architecture: e.architecture, subs };
    });
    const native = ARCH_MAP[arch]?.[0];
    const entry = entries.find((a) => a.architecture === native);
    architectures = entry ? [entry.architecture, ...entry.subs] : [];
  }
  const rules = raw.syscalls === undefined || raw.syscalls === null ? [] : raw.syscalls;
  if (!Array.isArray(rules)) bad("syscalls is not a list");
  const syscalls = (rules as unknown[]).map((r, i) => {
    const f = `syscalls[${i}]`;
    if (!isObject(r)) return bad(`${f} is not an object`);
    if (!Array.isArray(r.names)) return bad(`${f}.names is not a list`);
    const names = r.names.map((n, j) =>
      typeof n === "string" && SYSCALL_NAME.test(n) ? n : bad(`${f}.names[${j}] is not a syscall name`),
    );
    if (typeof r.action !== "string" || !ACTIONS.has(r.action)) bad(`${f}.action is not a supported action`);
    if (r.errnoRet !== undefined && r.errnoRet !== null && !isInt(r.errnoRet, 0, 4095))
      bad(`${f}.errnoRet is not an errno number`);
    let args: OciSeccompArg[] | undefined;
    if (r.args !== undefined && r.args !== null) {
      if (!Array.isArray(r.args) || r.args.length > 6) bad(`${f}.args is not a list of at most 6 conditions`);
      args = (r.args as unknown[]).map((a, k) => {
        const af = `${f}.args[${k}]`;
        if (!isObject(a)) return bad(`${af} is not an object`);
        if (!isInt(a.index, 0, 5)) bad(`${af}.index is not an argument index (0-5)`);
        if (!isInt(a.value, 0, Number.MAX_SAFE_INTEGER)) bad(`${af}.value is not a non-negative integer`);
        if (a.valueTwo !== undefined && !isInt(a.valueTwo, 0, Number.MAX_SAFE_INTEGER))
          bad(`${af}.valueTwo is not a non-negative integer`);
        if (typeof a.op !== "string" || !OPS.has(a.op)) bad(`${af}.op is not a supported operator`);
        return {
          index: a.index as number,
          value: a.value as number,
          ...(a.valueTwo !== undefined ? { valueTwo: a.valueTwo as number } : {}),
          op: a.op as string,
        };
      });
    }
    return {
      names,
      action: r.action as string,
      ...(r.errnoRet !== undefined && r.errnoRet !== null ? { errnoRet: r.errnoRet as number } : {}),
      ...(args ? { args } : {}),
    };
  });
  return {
    defaultAction: raw.defaultAction as string,
    ...(raw.defaultErrnoRet !== undefined ? { defaultErrnoRet: raw.defaultErrnoRet as number } : {}),
    ...(architectures ? { architectures } : {}),
    syscalls,
  };
}
