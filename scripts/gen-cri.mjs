#!/usr/bin/env node
// Regenerates the TypeScript side of the CRI contract from cri-api/runtime/v1/api.proto:
//   api.js / api.d.ts  static protobufjs classes (ESM), int64 fields as Long
//   services.ts        grpc-js service definitions and handler types, derived by reflection
// Usage: node scripts/gen-cri.mjs [--out <dir>]   (default: cri-api/runtime/v1)
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import protobuf from "protobufjs";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const protoRel = "cri-api/runtime/v1/api.proto";
const bin = (name) => join(repoRoot, "node_modules", ".bin", name);

function parseArgs(argv) {
  let out = join(repoRoot, "cri-api/runtime/v1");
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out" && argv[i + 1] !== undefined) {
      out = resolve(argv[++i]);
    } else {
      throw new Error(`gen-cri: unknown argument "${argv[i]}" (usage: gen-cri.mjs [--out <dir>])`);
    }
  }
  return { out };
}

// Replaces exactly one occurrence, so a changed protobufjs-cli output fails loudly instead of silently.
function replaceOnce(text, search, replacement, file) {
  const first = text.indexOf(search);
  if (first < 0 || text.indexOf(search, first + 1) >= 0) {
    throw new Error(`gen-cri: expected exactly one ${JSON.stringify(search)} in ${file}`);
  }
  return text.replace(search, () => replacement);
}

// The es6 wrapper imports "protobufjs/minimal", which Node's ESM resolver cannot find (protobufjs has no
// exports map, so the extension is required), and as a namespace import, which only exposes `default` for
// this CommonJS module. Long must also be wired in explicitly: without it int64 fields decode to numbers
// and silently lose precision above 2^53.
const apiJsHeader = `import $protobuf from "protobufjs/minimal.js";
import Long from "long";

// Decode int64 fields as Long; encoding accepts number | Long.
$protobuf.util.Long = Long;
$protobuf.configure();`;

function generateApi(out) {
  const apiJs = join(out, "api.js");
  const apiDts = join(out, "api.d.ts");
  execFileSync(
    bin("pbjs"),
    [
      "--target",
      "static-module",
      "--wrap",
      "es6",
      "--no-service",
      "--no-verify",
      "--no-delimited",
      "--no-typeurl",
      "--no-convert",
      "--out",
      apiJs,
      protoRel,
    ],
    { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"] },
  );
  const js = replaceOnce(
    readFileSync(apiJs, "utf8"),
    'import * as $protobuf from "protobufjs/minimal";',
    apiJsHeader,
    apiJs,
  );
  writeFileSync(apiJs, js);

  execFileSync(bin("pbts"), ["--out", apiDts, apiJs], {
    cwd: repoRoot,
    stdio: ["ignore", "inherit", "inherit"],
  });
  // `import x = require()` is not valid in an ES module declaration file under NodeNext.
  const dts = replaceOnce(
    readFileSync(apiDts, "utf8"),
    'import Long = require("long");',
    'import type Long from "long";',
    apiDts,
  );
  writeFileSync(apiDts, dts);
}

const handlerTypes = {
  "false,false": "handleUnaryCall",
  "false,true": "handleServerStreamingCall",
  "true,false": "handleClientStreamingCall",
  "true,true": "handleBidiStreamingCall",
};

// ".runtime.v1.VersionRequest" -> class "runtime.v1.VersionRequest", interface "runtime.v1.IVersionRequest".
function tsNames(type) {
  const parts = type.fullName.replace(/^\./, "").split(".");
  const last = parts.pop();
  return { cls: [...parts, last].join("."), iface: [...parts, `I${last}`].join(".") };
}

function collectServices(root) {
  const services = [];
  const walk = (ns) => {
    for (const obj of ns.nestedArray) {
      if (obj instanceof protobuf.Service) services.push(obj);
      if (obj instanceof protobuf.Namespace) walk(obj);
    }
  };
  walk(root);
  return services;
}

function serviceSection(service, usedHandlers) {
  const fullName = service.fullName.replace(/^\./, "");
  const prefix = service.name.replace(/Service$/, "");
  const types = `${service.name}Types`;
  const methods = service.methodsArray.map((m) => {
    const handler = handlerTypes[`${Boolean(m.requestStream)},${Boolean(m.responseStream)}`];
    usedHandlers.add(handler);
    return {
      name: m.name,
      req: tsNames(m.resolvedRequestType),
      res: tsNames(m.resolvedResponseType),
      requestStream: Boolean(m.requestStream),
      responseStream: Boolean(m.responseStream),
      handler,
    };
  });
  const lines = [];
  lines.push(`// ---- ${fullName} ----`, "");
  lines.push(`/** Request and response message interfaces of each ${fullName} method. */`);
  lines.push(`export interface ${types} {`);
  for (const m of methods) {
    lines.push(`  ${m.name}: { request: ${m.req.iface}; response: ${m.res.iface} };`);
  }
  lines.push("}", "");
  lines.push(`export type ${prefix}Method = keyof ${types};`);
  lines.push(`export type ${prefix}Request<M extends ${prefix}Method> = ${types}[M]["request"];`);
  lines.push(`export type ${prefix}Response<M extends ${prefix}Method> = ${types}[M]["response"];`, "");
  lines.push(`/** Every ${fullName} method, in the order of api.proto. */`);
  lines.push(
    `export const ${prefix.charAt(0).toLowerCase()}${prefix.slice(1)}Methods: readonly ${prefix}Method[] = [`,
  );
  for (const m of methods) lines.push(`  "${m.name}",`);
  lines.push("];", "");
  lines.push(
    `/** grpc-js handler of each method: \`server.addService(${service.name}Definition, handlers)\`. */`,
  );
  lines.push(`export type ${service.name}Handlers = {`);
  for (const m of methods) {
    lines.push(`  ${m.name}: ${m.handler}<${prefix}Request<"${m.name}">, ${prefix}Response<"${m.name}">>;`);
  }
  lines.push("};", "");
  lines.push(`export type ${prefix}Handler<M extends ${prefix}Method> = ${service.name}Handlers[M];`, "");
  lines.push(`export const ${service.name}Definition: {`);
  lines.push(
    `  readonly [M in ${prefix}Method]: MethodDefinition<${prefix}Request<M>, ${prefix}Response<M>>;`,
  );
  lines.push("} = {");
  for (const m of methods) {
    lines.push(
      `  ${m.name}: method<${prefix}Request<"${m.name}">, ${prefix}Response<"${m.name}">>(` +
        `"/${fullName}/${m.name}", ${m.requestStream}, ${m.responseStream}, ${m.req.cls}, ${m.res.cls}),`,
    );
  }
  lines.push("};", "");
  return lines.join("\n");
}

function generateServices(out) {
  const root = new protobuf.Root().loadSync(join(repoRoot, protoRel));
  root.resolveAll();
  const services = collectServices(root);
  if (services.length === 0) throw new Error(`gen-cri: no services in ${protoRel}`);
  const usedHandlers = new Set();
  const sections = services.map((s) => serviceSection(s, usedHandlers));
  const grpcImports = [...usedHandlers, "MethodDefinition"].sort((a, b) =>
    a.toLowerCase() < b.toLowerCase() ? -1 : 1,
  );
  const text = `// Generated by scripts/gen-cri.mjs from api.proto; do not edit. Regenerate with \`npm run gen\`.
import type { ${grpcImports.join(", ")} } from "@grpc/grpc-js";
import { runtime } from "./api.js";

/** The static encode/decode pair protobufjs generates on every message class. */
interface MessageCodec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
}

// protobufjs hands out Buffers under Node; wrap (without copying) whatever else it returns.
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function method<Req, Res>(
  path: string,
  requestStream: boolean,
  responseStream: boolean,
  request: MessageCodec<Req>,
  response: MessageCodec<Res>,
): MethodDefinition<Req, Res> {
  return {
    path,
    requestStream,
    responseStream,
    requestSerialize: (value) => toBuffer(request.encode(value).finish()),
    requestDeserialize: (bytes) => request.decode(bytes),
    responseSerialize: (value) => toBuffer(response.encode(value).finish()),
    responseDeserialize: (bytes) => response.decode(bytes),
  };
}

${sections.join("\n")}`;
  const target = join(out, "services.ts");
  // Format through biome's stdin with the in-repo path so the repository's settings apply wherever --out points.
  const formatted = execFileSync(
    bin("biome"),
    ["format", `--stdin-file-path=${relative(repoRoot, join(repoRoot, "cri-api/runtime/v1/services.ts"))}`],
    { cwd: repoRoot, input: text, encoding: "utf8", stdio: ["pipe", "pipe", "inherit"] },
  );
  writeFileSync(target, formatted);
}

const { out } = parseArgs(process.argv.slice(2));
mkdirSync(out, { recursive: true });
generateApi(out);
generateServices(out);
