// Command line of `berth compose`: flags may come before or after the sub-command.
import { InvalidArgumentError } from "../../errors.js";
import { parseDuration } from "./units.js";
import { NAMED_VOLUME_MODES, type NamedVolumeMode } from "./volumes.js";

export type ComposeCommand = "convert" | "up" | "down" | "ps";

export interface ComposeArgs {
  command: ComposeCommand;
  file?: string;
  project?: string;
  namespace?: string;
  timeoutMs: number;
  /** convert, up: `--named-volumes`. */
  namedVolumes?: NamedVolumeMode;
  /** down: `-v`, `--volumes`: remove the project's PersistentVolumeClaims too. */
  removeVolumes: boolean;
}

export const USAGE = `usage: berth compose <convert|up|down|ps> [-f docker-compose.yml] [-p project] [-n namespace] [--timeout 5m]

  convert   print the berth Services and the objects they use (claims, config maps, secrets) as YAML;
            warnings go to stderr
  up        apply the objects, then the Services (server-side apply) in dependency order, and wait
            until each Service is Available
  down      delete the project's Services in reverse dependency order and wait until they are gone,
            then its ConfigMaps and Secrets; its PersistentVolumeClaims stay unless -v is given
  ps        show the project's Services and their Replicas

  -f, --file         compose file (default: compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml)
  -p, --project-name project name (default: the file's name: or its folder's name)
  -n, --namespace    namespace (default: the kubeconfig context's, else "default")
      --timeout      how long up and down wait (default 5m)
      --named-volumes pvc|emptydir
                     convert, up: named volumes become PersistentVolumeClaims (pvc, the default) or
                     emptyDirs whose data lives only as long as the pod (emptydir)
  -v, --volumes      down: remove the project's PersistentVolumeClaims, and the data in them
`;

const COMMANDS: ReadonlySet<string> = new Set(["convert", "up", "down", "ps"]);
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** Parses the arguments after `compose`; "help" when help was asked for. */
export function parseComposeArgs(argv: readonly string[]): ComposeArgs | "help" {
  let command: ComposeCommand | undefined;
  const out: Partial<ComposeArgs> = {};
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  let removeVolumes = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "-h" || arg === "--help" || arg === "help") return "help";
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new InvalidArgumentError(`flag ${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "-f":
      case "--file":
        out.file = value();
        break;
      case "-p":
      case "--project-name":
        out.project = value();
        break;
      case "-n":
      case "--namespace":
        out.namespace = value();
        break;
      case "--timeout":
        timeoutMs = parseDuration(value(), "--timeout");
        break;
      case "--named-volumes": {
        const mode = value();
        if (!(NAMED_VOLUME_MODES as readonly string[]).includes(mode))
          throw new InvalidArgumentError(
            `--named-volumes "${mode}": expected ${NAMED_VOLUME_MODES.join(" or ")}`,
          );
        out.namedVolumes = mode as NamedVolumeMode;
        break;
      }
      case "-v":
      case "--volumes":
        if (eq > 0) throw new InvalidArgumentError(`flag ${flag} takes no value`);
        removeVolumes = true;
        break;
      default:
        if (flag.startsWith("-")) throw new InvalidArgumentError(`unknown flag "${flag}"`);
        if (command !== undefined) throw new InvalidArgumentError(`unexpected argument "${arg}"`);
        if (!COMMANDS.has(arg))
          throw new InvalidArgumentError(`unknown command "${arg}" (convert, up, down, ps)`);
        command = arg as ComposeCommand;
    }
  }
  if (command === undefined) throw new InvalidArgumentError("missing command (convert, up, down, ps)");
  if (removeVolumes && command !== "down")
    throw new InvalidArgumentError("-v, --volumes applies to down only");
  if (out.namedVolumes !== undefined && command !== "convert" && command !== "up")
    throw new InvalidArgumentError("--named-volumes applies to convert and up only");
  return { ...out, command, timeoutMs, removeVolumes };
}
