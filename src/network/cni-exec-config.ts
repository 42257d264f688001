// What Berth sends a plugin (CNI spec section 3, "Deriving execution configuration"): the plugin's
// object with the list's name and cniVersion, `capabilities` removed, `runtimeConfig` holding the
// runtime inputs the plugin declared a capability for, and `prevResult` when chaining.
import type { JsonObject, JsonValue, NetworkConfList, PluginConf, RuntimeInputs } from "./types.js";
import { validateCniArgValue } from "./validate.js";

export interface PodIdentity {
  podId: string;
  name: string;
  namespace: string;
  uid: string;
}

/** CNI_ARGS as kubelet-era runtimes pass them; IgnoreUnknown keeps strict plugins from failing. */
export function buildCniArgs(p: PodIdentity): string {
  const pairs: [string, string][] = [
    ["IgnoreUnknown", "1"],
    ["K8S_POD_NAMESPACE", p.namespace],
    ["K8S_POD_NAME", p.name],
    ["K8S_POD_INFRA_CONTAINER_ID", p.podId],
    ["K8S_POD_UID", p.uid],
  ];
  for (const [k, v] of pairs) validateCniArgValue(k, v);
  return pairs.map(([k, v]) => `${k}=${v}`).join(";");
}

function toJson(value: unknown): JsonValue {
  // Drops undefined fields so plugins see only what was set.
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/** The `runtimeConfig` for one plugin: only declared capabilities, only inputs that are set. */
export function runtimeConfigFor(plugin: PluginConf, inputs: RuntimeInputs): JsonObject | undefined {
  const rc: JsonObject = {};
  if (plugin.capabilities.portMappings && inputs.portMappings && inputs.portMappings.length > 0)
    rc.portMappings = toJson(inputs.portMappings);
  if (plugin.capabilities.bandwidth && inputs.bandwidth) rc.bandwidth = toJson(inputs.bandwidth);
  if (plugin.capabilities.ipRanges && inputs.ipRanges && inputs.ipRanges.length > 0)
    rc.ipRanges = toJson(inputs.ipRanges);
  return Object.keys(rc).length > 0 ? rc : undefined;
}

/** The JSON written to the plugin's stdin. */
export function pluginExecConfig(
  list: NetworkConfList,
  plugin: PluginConf,
  inputs: RuntimeInputs,
  prevResult?: JsonObject,
): JsonObject {
  const { capabilities: _capabilities, runtimeConfig: _written, prevResult: _prev, ...rest } = plugin.raw;
  const conf: JsonObject = { ...rest, name: list.name, cniVersion: list.cniVersion };
  const rc = runtimeConfigFor(plugin, inputs);
  if (rc) conf.runtimeConfig = rc;
  if (prevResult) conf.prevResult = prevResult;
  return conf;
}
