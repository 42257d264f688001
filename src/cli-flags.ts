// Flags shared by `berth daemon` and `berth config show`: a file plus overrides over the defaults.
import { parseArgs } from "node:util";
import { type Config, loadConfig, parseFlagValue } from "./config.js";

const FLAG_KEYS: Record<string, string> = {
  root: "root",
  state: "state",
  socket: "socket",
  "log-level": "logLevel",
  "metrics-address": "metrics.address",
};

/** Reads the daemon/config flags into a configuration (file + overrides over defaults). */
export async function configFromArgs(args: string[]): Promise<Config> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: "string" },
      root: { type: "string" },
      state: { type: "string" },
      socket: { type: "string" },
      "log-level": { type: "string" },
      "metrics-address": { type: "string" },
      set: { type: "string", multiple: true },
    },
    strict: true,
    allowPositionals: false,
  });
  const overrides: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(FLAG_KEYS)) {
    const v = values[flag as keyof typeof values];
    if (typeof v === "string") overrides[key] = v;
  }
  for (const kv of values.set ?? []) {
    const eq = kv.indexOf("=");
    if (eq <= 0) throw new Error(`--set expects key=value, got "${kv}"`);
    overrides[kv.slice(0, eq)] = parseFlagValue(kv.slice(eq + 1));
  }
  return loadConfig({ path: values.config, explicit: values.config !== undefined, overrides });
}
