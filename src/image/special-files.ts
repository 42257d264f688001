// Node cannot mknod or set extended attributes. The rare entries that need them (overlay
// whiteouts, device nodes, fifos, xattrs such as trusted.overlay.opaque) are batched per layer
// into one `mknod` loop in sh and one `setfattr --restore`.
import { spawn } from "node:child_process";
import { InternalError } from "../errors.js";

export interface SpecialNode {
  path: string;
  kind: "c" | "b" | "p";
  major: number;
  minor: number;
}

function run(cmd: string, args: string[], input?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: [input === undefined ? "ignore" : "pipe", "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (d: string) => {
      if (stderr.length < 4096) stderr += d;
    });
    child.on("error", (err) =>
      reject(new InternalError(`cannot run ${cmd} (Debian packages coreutils/attr): ${err.message}`)),
    );
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new InternalError(`${cmd} failed (exit ${code}): ${stderr.trim()}`)),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

const MKNOD_LOOP =
  'while [ $# -gt 0 ]; do if [ "$2" = p ]; then mknod -- "$1" p || exit 1; shift 2; ' +
  'else mknod -- "$1" "$2" "$3" "$4" || exit 1; shift 4; fi; done';

/** Creates device nodes and fifos (paths absolute); owner and mode are set by the caller. */
export async function makeNodes(nodes: SpecialNode[]): Promise<void> {
  if (nodes.length === 0) return;
  const args: string[] = [];
  for (const n of nodes) {
    if (n.kind === "p") args.push(n.path, "p");
    else args.push(n.path, n.kind, String(n.major), String(n.minor));
  }
  // Chunked to stay far below ARG_MAX.
  for (let i = 0; i < args.length; ) {
    let j = i;
    let bytes = 0;
    while (j < args.length && bytes < 64 * 1024) {
      const step = args[j + 1] === "p" ? 2 : 4;
      for (let k = 0; k < step; k++) bytes += (args[j + k] as string).length + 1;
      j += step;
    }
    await run("sh", ["-c", MKNOD_LOOP, "berth-mknod", ...args.slice(i, j)]);
    i = j;
  }
}

// getfattr's quoting: octal escapes for bytes that are not printable, for "\" and for "=".
function quotePath(path: string): string {
  let out = "";
  for (const byte of Buffer.from(path, "utf8")) {
    if (byte < 33 || byte > 126 || byte === 92 || byte === 61)
      out += `\\${byte.toString(8).padStart(3, "0")}`;
    else out += String.fromCharCode(byte);
  }
  return out;
}

/** Sets extended attributes on many paths (not following symlinks) in one setfattr run. */
export async function setXattrs(entries: Map<string, Map<string, Buffer>>): Promise<void> {
  if (entries.size === 0) return;
  let dump = "";
  for (const [path, attrs] of entries) {
    dump += `# file: ${quotePath(path)}\n`;
    for (const [name, value] of attrs)
      dump += `${name}=${value.length ? `0x${value.toString("hex")}` : '""'}\n`;
    dump += "\n";
  }
  await run("setfattr", ["-h", "--restore=-"], dump);
}
