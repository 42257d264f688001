// `berth compose convert|up|down|ps`: the entry point the `berth` CLI calls.
import { KubeConfig } from "@kubernetes/client-node";
import { stringify } from "yaml";
import { BerthError, errorMessage } from "../../errors.js";
import { type ComposeArgs, parseComposeArgs, USAGE } from "./args.js";
import { type ConvertResult, checkName } from "./convert.js";
import { composeDown } from "./down.js";
import type { ComposeIO } from "./io.js";
import { type ComposeApi, KubeComposeApi } from "./kube.js";
import { findComposeFile, loadCompose } from "./load.js";
import { composePs } from "./ps.js";
import { composeUp } from "./up.js";

export { type ConvertOptions, type ConvertResult, convertCompose } from "./convert.js";
export type { ComposeObject } from "./objects.js";
export type { ComposeWarning } from "./reader.js";
export type { ComposeResource } from "./resource.js";

export interface RunComposeOptions extends Partial<ComposeIO> {
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  /** The cluster to talk to; by default the kubeconfig from KUBECONFIG or ~/.kube/config. */
  kubeConfig?: KubeConfig;
  api?: ComposeApi;
  pollMs?: number;
}

const POLL_MS = 1000;

function kubeConfigFrom(env: Readonly<Record<string, string | undefined>>): KubeConfig {
  const kc = new KubeConfig();
  const path = env.KUBECONFIG;
  if (path !== undefined && path !== "" && !path.includes(":")) kc.loadFromFile(path);
  else kc.loadFromDefault();
  return kc;
}

function printWarnings(result: ConvertResult, io: ComposeIO): void {
  for (const w of result.warnings) io.stderr.write(`warning: ${w.path}: ${w.message}\n`);
}

/** Runs `berth compose` with the arguments after "compose"; resolves to the exit code. */
export async function runCompose(argv: string[], options: RunComposeOptions = {}): Promise<number> {
  const io: ComposeIO = {
    stdout: options.stdout ?? process.stdout,
    stderr: options.stderr ?? process.stderr,
    tty: options.tty ?? (options.stdout === undefined && process.stdout.isTTY === true),
    now: options.now ?? Date.now,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
  const env = options.env ?? process.env;
  let args: ComposeArgs | "help";
  try {
    args = parseComposeArgs(argv);
  } catch (err) {
    io.stderr.write(`berth compose: ${errorMessage(err)}\n${USAGE}`);
    return 2;
  }
  if (args === "help") {
    io.stdout.write(USAGE);
    return 0;
  }
  try {
    return await run(args, options, io, env);
  } catch (err) {
    if (!(err instanceof BerthError)) throw err;
    io.stderr.write(`berth compose: ${err.message}\n`);
    return 1;
  }
}

async function run(
  args: ComposeArgs,
  options: RunComposeOptions,
  io: ComposeIO,
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const load = (warn: boolean): ConvertResult => {
    const result = loadCompose(findComposeFile(args.file, cwd), {
      env,
      ...(args.project !== undefined && { project: args.project }),
      ...(args.namespace !== undefined && { namespace: args.namespace }),
      ...(args.namedVolumes !== undefined && { namedVolumes: args.namedVolumes }),
    });
    if (warn) printWarnings(result, io);
    return result;
  };
  if (args.command === "convert") {
    const result = load(true);
    io.stdout.write([...result.objects, ...result.resources].map((r) => stringify(r)).join("---\n"));
    return 0;
  }

  let kc = options.kubeConfig;
  const cluster = (): KubeConfig => {
    kc ??= kubeConfigFrom(env);
    return kc;
  };
  const api = options.api ?? new KubeComposeApi(cluster());
  const namespace =
    args.namespace ?? contextNamespace(options.api ? options.kubeConfig : cluster()) ?? "default";
  const pollMs = options.pollMs ?? POLL_MS;
  if (args.command === "up") {
    return composeUp(api, load(true), { namespace, timeoutMs: args.timeoutMs, pollMs }, io);
  }
  // down and ps need only the project: from -p without reading the file, else from the file.
  const project =
    args.project !== undefined && args.file === undefined
      ? checkName(args.project, "project name", "-p")
      : load(false).project;
  if (args.command === "down") {
    return composeDown(
      api,
      { namespace, project, timeoutMs: args.timeoutMs, pollMs, removeVolumes: args.removeVolumes },
      io,
    );
  }
  return composePs(api, { namespace, project }, io);
}

function contextNamespace(kc: KubeConfig | undefined): string | undefined {
  if (!kc) return undefined;
  const name = kc.getCurrentContext();
  const ns = kc.getContextObject(name)?.namespace;
  return ns === undefined || ns === "" ? undefined : ns;
}
