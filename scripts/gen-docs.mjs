// Generates the configuration reference from the zod schema in src/config.ts, so the docs cannot
// drift from the code: docs/configuration.md and the README section between the GENERATED markers.
//
//   npm run build && node scripts/gen-docs.mjs          rewrite both files
//   npm run build && node scripts/gen-docs.mjs --check  exit 1 when either is stale
//
// test/unit/docs.test.ts renders from src/ directly and fails when the committed files are stale.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";

export const BEGIN = "<!-- BEGIN GENERATED: configuration reference (scripts/gen-docs.mjs) -->";
export const END = "<!-- END GENERATED: configuration reference -->";

/** Peels zod wrappers (default, effects, optional) and collects what they say about the key. */
function unwrap(schema) {
  let s = schema;
  let description = s.description;
  let isDuration = false;
  let refinement;
  for (;;) {
    description ??= s.description;
    const t = s._def.typeName;
    if (t === "ZodDefault" || t === "ZodOptional" || t === "ZodNullable") s = s._def.innerType;
    else if (t === "ZodEffects") {
      const eff = s._def.effect;
      // Durations are the only keys parsed by a transform (text such as "5m" into milliseconds).
      if (eff.type === "transform") isDuration = true;
      if (eff.type === "refinement") refinement ||= s;
      s = s._def.schema;
    } else break;
  }
  return { inner: s, description: description ?? "", isDuration, refinement };
}

// Validation messages read "must be an absolute path", "must be host:port, e.g. …": the noun is the type.
const noun = (message) => message.replace(/^must be (an? )?/, "").replace(/(,| such as| e\.g\.).*$/, "");

/** A string's type, from its checks' messages or, for a custom refinement, from what it says about "x". */
function stringType(s, refinement) {
  const check = (s._def.checks ?? []).find((c) => c.message);
  if (check) return noun(check.message);
  if (refinement) {
    const probe = refinement.safeParse("x");
    if (!probe.success && probe.error.issues[0]) return noun(probe.error.issues[0].message);
  }
  return "string";
}

function typeOf(schema) {
  const { inner: s, isDuration, refinement } = unwrap(schema);
  if (isDuration) return "duration (`300ms`, `30s`, `5m`, `4h`)";
  switch (s._def.typeName) {
    case "ZodString":
      return stringType(s, refinement);
    case "ZodBoolean":
      return "boolean";
    case "ZodNumber": {
      const checks = s._def.checks ?? [];
      const int = checks.some((c) => c.kind === "int");
      const min = checks.find((c) => c.kind === "min")?.value;
      const max = checks.find((c) => c.kind === "max")?.value;
      const range = min !== undefined && max !== undefined ? ` ${min}–${max}` : "";
      return `${int ? "integer" : "number"}${range}`;
    }
    case "ZodEnum":
      return `one of ${s._def.values.map((v) => `\`${v}\``).join(", ")}`;
    case "ZodArray":
      return `list of ${typeOf(s._def.type).replace(/^an? /, "")}`;
    case "ZodRecord":
      return `map: ${typeOf(s._def.keyType)} → ${typeOf(s._def.valueType)}`;
    default:
      return s._def.typeName.replace(/^Zod/, "").toLowerCase();
  }
}

function formatDefault(value) {
  if (value === undefined) return "";
  if (value === "") return '`""` (empty)';
  if (Array.isArray(value) && value.length === 0) return "`[]`";
  if (value && typeof value === "object" && Object.keys(value).length === 0) return "`{}`";
  if (typeof value === "string") return `\`${value}\``;
  return `\`${JSON.stringify(value)}\``;
}

const cell = (text) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/**
 * The rows of the reference: one per leaf key (dotted path), with its type, default and description.
 * `defaults` is the default configuration as written in a config file (durations as `10s`).
 */
export function configRows(schema, defaults) {
  const rows = [];
  const walk = (node, path, value) => {
    const { inner } = unwrap(node);
    if (inner._def.typeName === "ZodObject") {
      for (const [key, child] of Object.entries(inner.shape)) walk(child, [...path, key], value?.[key]);
      return;
    }
    rows.push({
      key: path.join("."),
      type: typeOf(node),
      default: formatDefault(value),
      description: unwrap(node).description,
    });
  };
  walk(schema, [], defaults);
  return rows;
}

/** The Markdown table (and the notes above it) for the given schema and defaults. */
export function renderConfigReference(schema, defaults) {
  const lines = [
    "Every key is optional; a key that is not set takes the default shown. Keys are nested in the",
    "YAML file (`registry.concurrency` is `concurrency:` under `registry:`). Unknown keys and bad values",
    "are refused at start with the key and the value named. Flags override the file:",
    "`--root`, `--state`, `--socket`, `--log-level`, `--metrics-address`, and `--set <key>=<value>` for any key.",
    "",
    "| key | type | default | description |",
    "|---|---|---|---|",
  ];
  for (const r of configRows(schema, defaults))
    lines.push(`| \`${r.key}\` | ${cell(r.type)} | ${cell(r.default)} | ${cell(r.description)} |`);
  return `${lines.join("\n")}\n`;
}

/** Replaces what lies between the markers in `text` with `body`; throws when the markers are missing. */
export function replaceGenerated(text, body, where) {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${where}: generated-section markers not found`);
  return `${text.slice(0, start + BEGIN.length)}\n${body}${text.slice(end)}`;
}

export const DOC_FILES = ["docs/configuration.md", "README.md"];

async function main(args) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const { configSchema, configToYaml, defaultConfig } = await import(join(root, "dist/src/config.js"));
  const defaults = parseYaml(configToYaml(defaultConfig()));
  const body = renderConfigReference(configSchema, defaults);
  let stale = 0;
  for (const rel of DOC_FILES) {
    const path = join(root, rel);
    const before = readFileSync(path, "utf8");
    const after = replaceGenerated(before, body, rel);
    if (before === after) continue;
    if (args.includes("--check")) {
      process.stderr.write(`${rel} is stale: run \`npm run build && node scripts/gen-docs.mjs\`\n`);
      stale++;
    } else {
      writeFileSync(path, after);
      process.stdout.write(`updated ${rel}\n`);
    }
  }
  return stale ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`gen-docs: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
