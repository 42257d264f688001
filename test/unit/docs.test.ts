// The docs cannot drift from the code: the configuration reference is regenerated from the schema
// and compared, the metrics table is compared with the metrics registered in src/, and the kind
// guide must document every setting hack/kind/run.sh reads.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { BEGIN, DOC_FILES, END, renderConfigReference, replaceGenerated } from "../../scripts/gen-docs.mjs";
import { configSchema, configToYaml, defaultConfig } from "../../src/config.js";

const REPO = resolve(import.meta.dirname, "../..");
const read = (rel: string) => readFileSync(join(REPO, rel), "utf8");

function reference(): string {
  return renderConfigReference(configSchema, parseYaml(configToYaml(defaultConfig())));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(dir, f));
}

describe("generated configuration reference", () => {
  it.each(DOC_FILES)(
    "%s holds the reference generated from src/config.ts (run `npm run build && node scripts/gen-docs.mjs`)",
    (rel) => {
      const text = read(rel);
      expect(replaceGenerated(text, reference(), rel)).toBe(text);
    },
  );

  it("lists every leaf key of the schema with its default", () => {
    const table = reference();
    const flatten = (v: unknown, path: string[]): string[] =>
      v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length
        ? Object.entries(v).flatMap(([k, c]) => flatten(c, [...path, k]))
        : [path.join(".")];
    // registry.mirrors defaults to {}: a leaf, like the scalars.
    for (const key of flatten(parseYaml(configToYaml(defaultConfig())), []))
      expect(table, key).toContain(`| \`${key}\` |`);
    expect(table).toContain("| `registry.stallTimeout` | duration");
    expect(table).toContain('| `cni.binDirs` | list of absolute path | `["/opt/cni/bin","/usr/lib/cni"]` |');
  });

  it("a changed description makes the committed reference stale", () => {
    const changed = configSchema.extend({ root: configSchema.shape.root.describe("Something else.") });
    const body = renderConfigReference(changed, parseYaml(configToYaml(defaultConfig())));
    const text = read("docs/configuration.md");
    expect(replaceGenerated(text, body, "docs/configuration.md")).not.toBe(text);
  });

  it("refuses a file without the generated-section markers", () => {
    expect(() => replaceGenerated("no markers", "x", "f.md")).toThrow(/markers not found/);
    expect(BEGIN).not.toBe(END);
  });
});

describe("README", () => {
  const readme = read("README.md");

  it("keeps the two-command quick start", () => {
    expect(readme).toContain(
      [
        "```sh",
        "make run    # installs what is missing, builds, starts berthd on /run/berth/berth.sock",
        "make test   # installs what is missing, builds, runs every test suite",
        "```",
      ].join("\n"),
    );
  });

  it("has the sections issue 8 asks for, with a Mermaid diagram", () => {
    for (const heading of [
      "## Quick start",
      "### crictl",
      "### kubelet",
      "## Architecture",
      "## Configuration reference",
      "## Metrics reference",
      "## Compatibility",
      "## Troubleshooting",
      "## Development",
    ])
      expect(readme, heading).toContain(`\n${heading}`);
    expect(readme).toMatch(/```mermaid\nflowchart/);
    expect(readme).toContain("--container-runtime-endpoint=unix:///run/berth/berth.sock");
  });

  it("documents exactly the metrics registered in src/", () => {
    const registered = new Set<string>();
    for (const f of sourceFiles("src"))
      for (const m of read(f).matchAll(/name:\s*"((?:berth|workqueue)_[a-z_]+)"/g))
        registered.add(m[1] as string);
    const section = readme.slice(readme.indexOf("## Metrics reference"), readme.indexOf("## Compatibility"));
    const documented = new Set([...section.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1] as string));
    expect(registered.size).toBeGreaterThan(10);
    expect([...documented].sort()).toEqual([...registered].sort());
  });

  it("links docs that exist", () => {
    for (const m of readme.matchAll(/\]\((docs\/[^)]+)\)/g))
      expect(() => read(m[1] as string), m[1]).not.toThrow();
  });
});

describe("docs/kind.md", () => {
  it("documents every setting hack/kind/run.sh reads from the environment", () => {
    const script = read("hack/kind/run.sh");
    const guide = read("docs/kind.md");
    const settings = [...script.matchAll(/\$\{([A-Z_]+):-/g)].map((m) => m[1] as string);
    expect(settings.length).toBeGreaterThan(5);
    for (const s of settings) expect(guide, s).toContain(`| \`${s}\` |`);
  });
});
