#!/usr/bin/env node
// Bundles the CLI that tsc emitted (dist/src/cli.js) into itself plus dist/src/chunks/, so that berthd
// loads a handful of files instead of ~250 ES modules. Measured on berthd idle (make bench B=memory):
// the module graph alone cost ~13 MB of RSS (loader state, a larger young generation after start-up,
// and more of node's own code touched). Commands stay split (daemon, image, controller, compose,
// doctor each load only their chunks). Identifiers are kept, so stack traces and error names read as
// in the source. @kubernetes/client-node stays a runtime dependency: only the controller and compose
// load it, and it resolves optional modules at run time.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist", "src");
// Chunks are named by content hash and never removed here: a running berthd imports some lazily (ws on
// its first WebSocket upgrade), so a rebuild or an in-place upgrade must not pull them from under it.
await build({
  entryPoints: [join(outdir, "cli.js")],
  outdir,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunks/[name]-[hash]",
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  external: ["@kubernetes/client-node"],
  // CommonJS dependencies bundled into ESM still call require() for node's built-ins.
  banner: {
    js: 'import { createRequire as __berthRequire } from "node:module"; const require = __berthRequire(import.meta.url);',
  },
  logLevel: "warning",
});
