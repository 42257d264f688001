// A parsed compose document → berth Services. Pure apart from reading env files through
// `readFile`; every key that has no equivalent comes back as a warning with its path.
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { basename } from "node:path";
import { interpolateDocument, type Lookup } from "./interpolate.js";
import { splitLabels } from "./labels.js";
import { CycleError, dependencyOrder } from "./order.js";
import { ComposeError, type ComposeWarning, Mapping, WarningSink } from "./reader.js";
import { type ComposeResource, toResource } from "./resource.js";
import { type ConvertedService, convertService } from "./service.js";

export interface ConvertOptions {
  /** Folder of the compose file: env files, `.env` and relative bind mounts resolve against it. */
  baseDir: string;
  /** `-p`: wins over the file's `name:` and the folder name. */
  project?: string;
  /** `-n`: written into each resource's metadata when given. */
  namespace?: string;
  /** Variables for interpolation and valueless environment entries (process env over `.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  readFile?: (path: string) => string;
  home?: string;
}

export interface ConvertResult {
  project: string;
  /** Berth Services in dependency order (dependencies first). */
  resources: ComposeResource[];
  warnings: ComposeWarning[];
}

const DNS_1035 = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_RULE =
  "lowercase letters, digits and '-', starting with a letter, ending with a letter or digit, at most 63 characters";

export function checkName(name: string, what: string, path: string): string {
  if (!DNS_1035.test(name))
    throw new ComposeError(path, `${what} "${name}" is not a valid DNS label (${DNS_RULE})`);
  return name;
}

/** Compose's default project name: the folder name, lowercased, other characters dropped. */
export function projectFromFolder(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^[^a-z]+|-+$/g, "");
  return name === "" ? "default" : name.slice(0, 63).replace(/-+$/, "");
}

function topLevelVolumes(top: Mapping): Set<string> {
  const declared = new Set<string>();
  const volumes = top.mapping("volumes");
  if (!volumes) return declared;
  for (const name of Object.keys(volumes.raw)) {
    declared.add(name);
    const def = volumes.mapping(name);
    if (!def) continue;
    def.ignore("driver", "volume drivers not supported, the volume becomes an emptyDir");
    def.ignore("driver_opts", "volume driver options not supported, ignored");
    def.ignore("external", "external volumes not supported, the volume becomes an emptyDir");
    def.ignore("labels", "volume labels not supported, ignored");
    def.ignore("name", "volume names not supported, ignored");
    def.finish();
  }
  volumes.finish();
  return declared;
}

export function convertCompose(doc: unknown, opts: ConvertOptions): ConvertResult {
  const sink = new WarningSink();
  const env = opts.env ?? process.env;
  const lookup: Lookup = (name) => env[name];
  const top = Mapping.of(interpolateDocument(doc ?? {}, lookup, sink), "", sink);

  const fileName = top.string("name");
  const project =
    opts.project !== undefined
      ? checkName(opts.project, "project name", "-p")
      : fileName !== undefined
        ? checkName(fileName, "project name", "name")
        : projectFromFolder(opts.baseDir);
  if (top.has("version")) top.ignore("version", "obsolete, ignored");
  for (const key of ["networks", "configs", "secrets"])
    top.ignore(key, `top-level ${key} not supported, ignored`);
  top.ignore("include", "include not supported, ignored (merge the files first)");

  const declared = topLevelVolumes(top);
  const services = top.mapping("services");
  if (!services || Object.keys(services.raw).length === 0) {
    throw new ComposeError("services", "required: the file defines no services");
  }
  const names = Object.keys(services.raw);
  for (const name of names) checkName(name, "service name", services.at(name));

  const ctx = {
    baseDir: opts.baseDir,
    lookup,
    readFile: opts.readFile ?? ((p: string) => readFileSync(p, "utf8")),
    declared,
    home: opts.home ?? homedir(),
    services: new Set(names),
  };
  const converted = new Map<string, ConvertedService>();
  for (const name of names) {
    const m = services.mapping(name) ?? Mapping.of({}, services.at(name), sink);
    converted.set(name, convertService(m, name, ctx));
  }
  services.finish();
  top.finish();

  let order: string[];
  try {
    order = dependencyOrder(names, (n) => converted.get(n)?.dependsOn.map((d) => d.service) ?? []);
  } catch (err) {
    if (err instanceof CycleError) {
      const first = err.cycle.split(" -> ")[0] as string;
      throw new ComposeError(`services.${first}.depends_on`, err.message);
    }
    throw err;
  }

  const users = new Map<string, string[]>();
  for (const s of converted.values())
    for (const v of s.namedVolumes) users.set(v, [...(users.get(v) ?? []), s.name]);
  for (const [volume, by] of users) {
    if (by.length > 1) {
      sink.add(
        `volumes.${volume}`,
        `used by ${by.join(", ")}: each pod gets its own emptyDir, nothing is shared`,
      );
    }
  }

  const resources = order.map((name) => {
    const s = converted.get(name) as ConvertedService;
    const meta = s.deploy.labels
      ? splitLabels(s.deploy.labels, s.deploy.labelsPath ?? "", sink)
      : { labels: {}, annotations: {} };
    return toResource(s, {
      project,
      namespace: opts.namespace,
      labels: meta.labels,
      annotations: meta.annotations,
    });
  });
  return { project, resources, warnings: sink.list };
}
