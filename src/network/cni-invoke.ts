// Running one CNI plugin executable (CNI spec section 2): locating it in the bin folders, the
// CNI_* environment, the configuration on stdin, a timeout, and its result or error on stdout.
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { join } from "node:path";
import { DeadlineExceededError, errorMessage, FailedPreconditionError, InternalError } from "../errors.js";
import { run } from "./run.js";
import type { JsonObject } from "./types.js";

export type CniCommand = "ADD" | "DEL" | "CHECK" | "VERSION";

/** Well-known CNI error codes (spec section 2, "Error"); 100+ are plugin specific. */
const ERROR_CODE_NAMES: Record<number, string> = {
  1: "incompatible CNI version",
  2: "unsupported field in network configuration",
  3: "container unknown or does not exist",
  4: "invalid necessary environment variables",
  5: "I/O failure",
  6: "failed to decode content",
  7: "invalid network config",
  11: "try again later",
  50: "plugin not available",
  51: "plugin not available, limited connectivity",
};

/** A plugin that ran and reported failure: carries the CNI error code, msg and details. */
export class CniPluginError extends InternalError {
  constructor(
    readonly plugin: string,
    readonly command: CniCommand,
    readonly cniCode: number | undefined,
    readonly msg: string,
    readonly details?: string,
  ) {
    const codeText =
      cniCode === undefined
        ? ""
        : ` (CNI error ${cniCode}${ERROR_CODE_NAMES[cniCode] ? `: ${ERROR_CODE_NAMES[cniCode]}` : ""})`;
    super(`CNI plugin ${plugin} ${command} failed${codeText}: ${msg}${details ? `; ${details}` : ""}`);
  }
}

export interface InvokeParams {
  command: CniCommand;
  containerId?: string;
  /** Empty for a DEL whose namespace is already gone (plugins then release what they can). */
  netns?: string;
  ifName?: string;
  /** The CNI_ARGS string, `K=V;K=V`. */
  args?: string;
  binDirs: readonly string[];
  timeoutMs: number;
}

/** The path of plugin `type` in the first bin folder that has it as an executable file. */
export async function findPlugin(type: string, binDirs: readonly string[]): Promise<string | undefined> {
  for (const dir of binDirs) {
    const path = join(dir, type);
    try {
      await access(path, constants.X_OK);
      if ((await stat(path)).isFile()) return path;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

export function missingPluginMessage(type: string, binDirs: readonly string[]): string {
  return `no CNI plugin binary ${type} in ${binDirs.join(":")}`;
}

function parseJsonObject(text: string): JsonObject | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs plugin `type` with `config` on stdin. Resolves with its stdout JSON (undefined when it printed
 * nothing, as DEL and CHECK do); throws CniPluginError when it fails.
 */
export async function invokePlugin(
  type: string,
  config: JsonObject,
  p: InvokeParams,
): Promise<JsonObject | undefined> {
  const binary = await findPlugin(type, p.binDirs);
  if (!binary) throw new FailedPreconditionError(missingPluginMessage(type, p.binDirs));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CNI_COMMAND: p.command,
    CNI_CONTAINERID: p.containerId ?? "",
    CNI_NETNS: p.netns ?? "",
    CNI_IFNAME: p.ifName ?? "",
    CNI_ARGS: p.args ?? "",
    CNI_PATH: p.binDirs.join(":"),
  };
  let r: Awaited<ReturnType<typeof run>>;
  try {
    r = await run([binary], { env, input: JSON.stringify(config), timeoutMs: p.timeoutMs });
  } catch (e) {
    if (e instanceof DeadlineExceededError)
      throw new DeadlineExceededError(
        `CNI plugin ${type} ${p.command} did not finish within ${p.timeoutMs} ms`,
      );
    throw new InternalError(`cannot run CNI plugin ${binary}: ${errorMessage(e)}`, { cause: e });
  }
  const out = r.stdout.trim();
  if (r.code !== 0) {
    const err = parseJsonObject(out);
    if (err && (typeof err.msg === "string" || typeof err.code === "number")) {
      throw new CniPluginError(
        type,
        p.command,
        typeof err.code === "number" ? err.code : undefined,
        typeof err.msg === "string" ? err.msg : "(no message)",
        typeof err.details === "string" && err.details !== "" ? err.details : undefined,
      );
    }
    const text = (r.stderr.trim() || out || `exit code ${r.code}`).slice(0, 2000);
    throw new CniPluginError(type, p.command, undefined, text);
  }
  if (out === "") return undefined;
  const result = parseJsonObject(out);
  if (!result)
    throw new CniPluginError(
      type,
      p.command,
      undefined,
      `printed a result that is not a JSON object: ${out.slice(0, 500)}`,
    );
  return result;
}

/** The spec versions plugin `type` supports (CNI VERSION command). */
export async function pluginVersions(
  type: string,
  binDirs: readonly string[],
  timeoutMs: number,
): Promise<string[]> {
  // A plugin answers VERSION in the version it is asked in; 0.4.0 is understood by every plugin
  // that knows VERSION at all.
  const out = await invokePlugin(type, { cniVersion: "0.4.0" }, { command: "VERSION", binDirs, timeoutMs });
  const versions = out?.supportedVersions;
  if (!Array.isArray(versions) || versions.some((v) => typeof v !== "string"))
    throw new CniPluginError(type, "VERSION", undefined, `answered without a supportedVersions list`);
  return versions as string[];
}
