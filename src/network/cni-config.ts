// CNI network configuration: finding the file in the config folder, parsing and validating it (CNI
// spec section 1, versions 0.3.0–1.1.0), and the embedded default network used when there is none.
import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { errnoCode, errorMessage, FailedPreconditionError } from "../errors.js";
import type { JsonObject, JsonValue, NetworkConfList, PluginConf } from "./types.js";

/** Spec versions whose configurations and results Berth understands (0.1/0.2 had another result). */
export const SUPPORTED_CNI_VERSIONS = ["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"] as const;
export const CONFIG_EXTENSIONS = [".conflist", ".conf", ".json"];

const NETWORK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

/** Compares two `x.y.z` versions; callers validate them first. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

class ConfigProblem extends Error {}

function readBool(obj: JsonObject, key: string): boolean {
  const v = obj[key];
  if (v === undefined) return false;
  if (typeof v === "boolean") return v;
  // libcni accepts the strings "true"/"false" too; configurations in the wild rely on it.
  if (typeof v === "string" && (v.toLowerCase() === "true" || v.toLowerCase() === "false"))
    return v.toLowerCase() === "true";
  throw new ConfigProblem(`"${key}" must be a boolean, got ${JSON.stringify(v)}`);
}

// The versions a configuration offers that Berth supports, ascending: `cniVersion`, plus with CNI 1.1
// the `cniVersions` list. The highest is used unless a plugin of the list does not support it.
function offeredVersions(obj: JsonObject): string[] {
  const single = obj.cniVersion;
  const many = obj.cniVersions;
  if (single !== undefined && typeof single !== "string")
    throw new ConfigProblem(`"cniVersion" must be a string, got ${JSON.stringify(single)}`);
  const candidates: string[] = single !== undefined ? [single] : [];
  if (many !== undefined) {
    if (!Array.isArray(many) || many.some((v) => typeof v !== "string"))
      throw new ConfigProblem(`"cniVersions" must be an array of version strings`);
    candidates.push(...(many as string[]));
  }
  if (candidates.length === 0) throw new ConfigProblem(`"cniVersion" is missing`);
  for (const v of candidates)
    if (!SEMVER.test(v))
      throw new ConfigProblem(`CNI version ${JSON.stringify(v)} is not a version like 1.0.0`);
  const usable = candidates
    .filter((v) => (SUPPORTED_CNI_VERSIONS as readonly string[]).includes(v))
    .sort(compareVersions);
  if (usable.length === 0)
    throw new ConfigProblem(
      `CNI version ${candidates.map((v) => JSON.stringify(v)).join(", ")} is not supported (supported: ${SUPPORTED_CNI_VERSIONS.join(", ")})`,
    );
  return [...new Set(usable)];
}

function checkName(obj: JsonObject): string {
  const name = obj.name;
  if (name === undefined) throw new ConfigProblem(`"name" is missing`);
  if (typeof name !== "string" || !NETWORK_NAME.test(name))
    throw new ConfigProblem(
      `"name" ${JSON.stringify(name)} is invalid: must start with a letter or digit and contain only letters, digits, "_", "." and "-"`,
    );
  return name;
}

// A plugin type is an executable name looked up in the bin folders: never a path.
function checkExecutableName(v: JsonValue | undefined, where: string): string {
  if (v === undefined) throw new ConfigProblem(`${where}: "type" is missing`);
  if (typeof v !== "string" || v === "" || v === "." || v === ".." || v.includes("/") || v.includes("\0"))
    throw new ConfigProblem(`${where}: "type" ${JSON.stringify(v)} must be a plugin executable name`);
  return v;
}

function parsePlugin(raw: JsonValue | undefined, index: number): PluginConf {
  const where = `plugin ${index}`;
  if (!isObject(raw)) throw new ConfigProblem(`${where} must be an object`);
  const type = checkExecutableName(raw.type, where);
  const capabilities: Record<string, boolean> = {};
  const caps = raw.capabilities;
  if (caps !== undefined) {
    if (!isObject(caps)) throw new ConfigProblem(`${where} (${type}): "capabilities" must be an object`);
    for (const [k, v] of Object.entries(caps)) {
      if (typeof v !== "boolean")
        throw new ConfigProblem(`${where} (${type}): capability "${k}" must be true or false`);
      capabilities[k] = v;
    }
  }
  const ipam = raw.ipam;
  if (ipam !== undefined) {
    if (!isObject(ipam)) throw new ConfigProblem(`${where} (${type}): "ipam" must be an object`);
    // `"ipam": {}` is legal (an L2-only bridge); a named IPAM plugin must be an executable name.
    if (ipam.type !== undefined) checkExecutableName(ipam.type, `${where} (${type}) ipam`);
  }
  return { type, capabilities, raw };
}

/** Validates a network configuration list object; `source` names it in errors. */
export function parseConfList(value: unknown, source: string): NetworkConfList {
  try {
    if (!isObject(value)) throw new ConfigProblem("must be a JSON object");
    const name = checkName(value);
    const versions = offeredVersions(value);
    const cniVersion = versions[versions.length - 1] as string;
    const disableCheck = readBool(value, "disableCheck");
    readBool(value, "disableGC");
    const plugins = value.plugins;
    if (plugins === undefined) throw new ConfigProblem(`"plugins" is missing`);
    if (!Array.isArray(plugins)) throw new ConfigProblem(`"plugins" must be an array`);
    if (plugins.length === 0) throw new ConfigProblem(`"plugins" is empty`);
    return { name, cniVersion, versions, disableCheck, plugins: plugins.map(parsePlugin), source };
  } catch (e) {
    if (e instanceof ConfigProblem)
      throw new FailedPreconditionError(`invalid CNI configuration ${source}: ${e.message}`);
    throw e;
  }
}

/**
 * Parses the text of a configuration file. A list has `plugins`; a single-plugin configuration (the
 * `.conf` form, removed from the spec in 1.0 but still common) is wrapped into a one-plugin list.
 */
export function parseConfigText(text: string, source: string): NetworkConfList {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new FailedPreconditionError(
      `invalid CNI configuration ${source}: not valid JSON: ${errorMessage(e)}`,
    );
  }
  if (isObject(value) && value.plugins === undefined && value.type !== undefined) {
    const { name, cniVersion, cniVersions, ...plugin } = value;
    const list: JsonObject = { plugins: [plugin] };
    if (name !== undefined) list.name = name;
    if (cniVersion !== undefined) list.cniVersion = cniVersion;
    if (cniVersions !== undefined) list.cniVersions = cniVersions;
    return parseConfList(list, source);
  }
  if (isObject(value) && value.plugins === undefined)
    throw new FailedPreconditionError(
      `invalid CNI configuration ${source}: has neither "plugins" (a list) nor "type" (a single plugin)`,
    );
  return parseConfList(value, source);
}

/** The configuration files of `confDir` in load order (sorted by name); none when it is absent. */
export async function listConfigFiles(confDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(confDir);
  } catch (e) {
    if (errnoCode(e) === "ENOENT" || errnoCode(e) === "ENOTDIR") return [];
    throw new FailedPreconditionError(`cannot read CNI config folder ${confDir}: ${errorMessage(e)}`);
  }
  const files: string[] = [];
  for (const name of names.filter((n) => CONFIG_EXTENSIONS.includes(extname(n))).sort()) {
    // Symlinks to files count (configuration managers install them so); folders do not.
    const st = await stat(join(confDir, name)).catch(() => undefined);
    if (st?.isFile()) files.push(join(confDir, name));
  }
  return files;
}

/** Loads the first configuration of `confDir`, or undefined when it holds none. */
export async function loadConfDir(confDir: string): Promise<NetworkConfList | undefined> {
  const [first] = await listConfigFiles(confDir);
  if (!first) return undefined;
  let text: string;
  try {
    text = await readFile(first, "utf8");
  } catch (e) {
    throw new FailedPreconditionError(`cannot read CNI configuration ${first}: ${errorMessage(e)}`);
  }
  return parseConfigText(text, first);
}

export interface DefaultNetworkOptions {
  subnet: string;
  bridge: string;
  /** host-local's allocation folder: under Berth's root, not the shared /var/lib/cni. */
  ipamDataDir: string;
}

export const DEFAULT_NETWORK_NAME = "berth";
export const DEFAULT_NETWORK_SOURCE = "embedded default";

/** The embedded default network: loopback, a bridge with host-local IPAM, portmap and bandwidth. */
export function defaultNetwork(o: DefaultNetworkOptions): NetworkConfList {
  const plugins: JsonObject[] = [
    { type: "loopback" },
    {
      type: "bridge",
      bridge: o.bridge,
      isGateway: true,
      ipMasq: true,
      hairpinMode: true,
      // The subnet follows the pod CIDR kubelet sends, which may arrive after the bridge got the
      // default subnet's gateway: without this the bridge plugin refuses the new address.
      forceAddress: true,
      ipam: {
        type: "host-local",
        ranges: [[{ subnet: o.subnet }]],
        routes: [{ dst: "0.0.0.0/0" }],
        dataDir: o.ipamDataDir,
      },
    },
    { type: "portmap", capabilities: { portMappings: true }, snat: true },
    { type: "bandwidth", capabilities: { bandwidth: true } },
  ];
  return parseConfList(
    { cniVersion: "1.0.0", name: DEFAULT_NETWORK_NAME, plugins },
    DEFAULT_NETWORK_SOURCE,
  ) satisfies NetworkConfList;
}

/** The executables a configuration needs: every plugin type and every named IPAM type. */
export function requiredBinaries(list: NetworkConfList): string[] {
  const names: string[] = [];
  for (const p of list.plugins) {
    names.push(p.type);
    const ipam = p.raw.ipam;
    if (isObject(ipam) && typeof ipam.type === "string") names.push(ipam.type);
  }
  return [...new Set(names)];
}
