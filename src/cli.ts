#!/usr/bin/env node
// The `berth` command: daemon | config | version (and the sub-commands of the other modules).
import { configFromArgs } from "./cli-flags.js";
import { configToYaml, DEFAULT_CONFIG_PATH, loadConfig } from "./config.js";
import { errorMessage } from "./errors.js";
import { BERTH_VERSION, CRI_API_VERSION } from "./version.js";

const USAGE = `usage: berth <command> [flags]

commands:
  daemon                 run berthd, the CRI server (kubelet: --container-runtime-endpoint=unix:///run/berth/berth.sock)
  image ...              images on this node: pull | ls | inspect | rm | import | prune (berth image --help)
  controller             run the berth.dev controller in a cluster (berth controller --help)
  compose ...            docker-compose files as berth Services: convert | up | down | ps (berth compose --help)
  doctor                 check this node for what berthd needs and say how to fix what is missing
  config defaults        print the embedded default configuration as YAML
  config show            print the effective configuration (file + flags) as YAML
  version                print the version

daemon and config flags:
  --config <file>        configuration file (default ${DEFAULT_CONFIG_PATH}; missing is fine unless given)
  --root <dir>           persistent state root
  --state <dir>          volatile state root
  --socket <path>        CRI unix socket
  --log-level <level>    trace|debug|info|warn|error
  --metrics-address <a>  host:port of /metrics and /healthz
  --set <key>=<value>    any configuration key, e.g. --set registry.concurrency=5 (repeatable)
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "daemon": {
      const { runDaemon } = await import("./daemon.js");
      return runDaemon(await configFromArgs(rest));
    }
    case "image": {
      // Image commands use the node's configuration file (and BERTH_CONFIG to point elsewhere).
      const { runImageCli } = await import("./image/cli.js");
      const path = process.env.BERTH_CONFIG;
      // While berthd owns the store, the work goes through it (src/image-client.ts).
      const remote = async (...a: Parameters<typeof import("./image-client.js").connectBerthd>) =>
        (await import("./image-client.js")).connectBerthd(...a);
      return runImageCli(rest, await loadConfig({ ...(path ? { path, explicit: true } : {}) }), process, {
        remote,
      });
    }
    case "controller": {
      const { runController } = await import("./controller/main.js");
      return runController(rest);
    }
    case "compose": {
      const { runCompose } = await import("./controller/compose/index.js");
      return runCompose(rest);
    }
    case "doctor": {
      const { runDoctor } = await import("./doctor.js");
      return runDoctor(rest);
    }
    case "config": {
      const [sub, ...flags] = rest;
      if (sub === "defaults") {
        process.stdout.write(configToYaml(await loadConfig({ path: "/nonexistent/berth-defaults" })));
        return 0;
      }
      if (sub === "show") {
        process.stdout.write(configToYaml(await configFromArgs(flags)));
        return 0;
      }
      process.stderr.write("usage: berth config defaults|show [flags]\n");
      return 2;
    }
    case "version":
    case "--version":
      process.stdout.write(`berth ${BERTH_VERSION} (CRI ${CRI_API_VERSION})\n`);
      return 0;
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`berth: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`berth: ${errorMessage(err)}\n`);
    process.exitCode = 1;
  },
);
