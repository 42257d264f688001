// berthd's local admin API, for `berth image import|prune` while berthd owns the store: HTTP on a
// unix socket under the state folder, root only (folder 0700, socket 0600). Each call answers a
// stream of JSON lines (progress, then one "done" or "error" line), so the CLI prints progress as it
// happens and an error after the headers still reaches it.
import { chmod, mkdir, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { dirname } from "node:path";
import { BerthError, errorMessage, InvalidArgumentError, NotFoundError } from "./errors.js";
import type { ImageManager, ImageRecord } from "./image/index.js";
import type { Logger } from "./log.js";

/** One line of an admin answer. */
export type AdminEvent =
  | { type: "progress"; image: string; layer: string; phase: string }
  | { type: "image"; image: Pick<ImageRecord, "id" | "repoTags" | "size"> }
  | { type: "done"; removedBlobs?: number; removedSnapshots?: number }
  | { type: "error"; code: string; message: string };

export interface AdminServer {
  path: string;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new InvalidArgumentError(`request body over ${MAX_BODY} bytes`);
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  const v: unknown = text ? JSON.parse(text) : {};
  if (!v || typeof v !== "object" || Array.isArray(v))
    throw new InvalidArgumentError("request body must be a JSON object");
  return v as Record<string, unknown>;
}

const summary = (i: ImageRecord) => ({ id: i.id, repoTags: i.repoTags, size: i.size });

export async function startAdminServer(opts: {
  path: string;
  images: ImageManager;
  log: Logger;
}): Promise<AdminServer> {
  const { path, images, log } = opts;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await chmod(dirname(path), 0o700);
  await rm(path, { force: true });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const send = (e: AdminEvent) => {
      if (!res.headersSent) res.writeHead(200, { "content-type": "application/x-ndjson" });
      res.write(`${JSON.stringify(e)}\n`);
    };
    try {
      if (req.method !== "POST") throw new NotFoundError(`${req.method} ${req.url}: only POST is served`);
      const body = await readJson(req);
      if (req.url === "/v1/images/import") {
        if (typeof body.path !== "string" || !body.path.startsWith("/"))
          throw new InvalidArgumentError("import: path must be an absolute path");
        log.info({ path: body.path }, "image import requested over the admin socket");
        const imported = await images.import(body.path, {
          onProgress: (p) => send({ type: "progress", ...p }),
        });
        for (const img of imported) send({ type: "image", image: summary(img) });
        send({ type: "done" });
      } else if (req.url === "/v1/images/prune") {
        log.info({ all: body.all === true }, "image prune requested over the admin socket");
        const r = await images.prune({ all: body.all === true });
        for (const img of r.removed) send({ type: "image", image: summary(img) });
        send({ type: "done", removedBlobs: r.removedBlobs, removedSnapshots: r.removedSnapshots });
      } else throw new NotFoundError(`${req.url}: no such admin call`);
    } catch (err) {
      const code =
        err instanceof BerthError ? err.code : err instanceof SyntaxError ? "INVALID_ARGUMENT" : "INTERNAL";
      log.warn({ url: req.url, err: errorMessage(err) }, "admin call failed");
      send({ type: "error", code, message: errorMessage(err) });
    }
    res.end();
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, () => {
      server.off("error", reject);
      resolve();
    });
  });
  await chmod(path, 0o600);
  return {
    path,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await rm(path, { force: true });
    },
  };
}
