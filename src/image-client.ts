// `berth image …` through a running berthd: pull, ls, inspect and rm over the CRI ImageService on
// its socket (as crictl would), import and prune over its admin socket (src/admin-server.ts). The
// CLI never opens the store while berthd owns it.
import { request } from "node:http";
import {
  credentials,
  Metadata,
  makeGenericClientConstructor,
  type ServiceError,
  status,
} from "@grpc/grpc-js";
import type { runtime } from "../cri-api/runtime/v1/api.js";
import {
  type ImageMethod,
  type ImageRequest,
  type ImageResponse,
  ImageServiceDefinition,
} from "../cri-api/runtime/v1/services.js";
import type { AdminEvent } from "./admin-server.js";
import type { Config } from "./config.js";
import {
  AlreadyExistsError,
  type BerthError,
  CancelledError,
  DeadlineExceededError,
  type ErrorCode,
  FailedPreconditionError,
  InternalError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  ResourceExhaustedError,
  UnauthenticatedError,
  UnavailableError,
  UnimplementedError,
} from "./errors.js";
import type { ImageBackend, ImageSummary } from "./image/index.js";
import { adminSocketPath, type LockHolder } from "./store-lock.js";

const ERRORS: Record<ErrorCode, new (message: string) => BerthError> = {
  INVALID_ARGUMENT: InvalidArgumentError,
  NOT_FOUND: NotFoundError,
  ALREADY_EXISTS: AlreadyExistsError,
  FAILED_PRECONDITION: FailedPreconditionError,
  UNAVAILABLE: UnavailableError,
  UNIMPLEMENTED: UnimplementedError,
  DEADLINE_EXCEEDED: DeadlineExceededError,
  RESOURCE_EXHAUSTED: ResourceExhaustedError,
  PERMISSION_DENIED: PermissionDeniedError,
  UNAUTHENTICATED: UnauthenticatedError,
  CANCELLED: CancelledError,
  INTERNAL: InternalError,
};

/** berthd's error as the typed error it was, so the CLI prints the same message and code. */
function remoteError(code: string, message: string): BerthError {
  const E = ERRORS[code as ErrorCode];
  if (E) return new E(message);
  // gRPC codes berth itself never throws (DATA_LOSS, UNKNOWN, …) keep their name in the message.
  return new InternalError(`${message} (${code})`);
}

function fromGrpc(err: ServiceError, socket: string): BerthError {
  if (err.code === status.UNAVAILABLE && /connect|No connection/i.test(err.details))
    return new UnavailableError(`berthd does not answer on ${socket}: ${err.details}`);
  return remoteError(status[err.code] ?? "INTERNAL", err.details || err.message);
}

type Unary = (
  req: unknown,
  md: Metadata,
  opts: object,
  cb: (err: ServiceError | null, res: unknown) => void,
) => void;

function num(v: number | { toNumber(): number } | null | undefined): number {
  if (v === null || v === undefined) return 0;
  return typeof v === "number" ? v : v.toNumber();
}

function summaryOf(img: runtime.v1.IImage): ImageSummary {
  return { id: img.id ?? "", repoTags: img.repoTags ?? [], size: num(img.size as never) };
}

/** Runs one admin call and hands each progress line to `onEvent`; throws berthd's error line. */
function adminCall(
  path: string,
  url: string,
  body: object,
  onEvent: (e: AdminEvent) => void,
): Promise<AdminEvent> {
  return new Promise((resolve, reject) => {
    const req = request(
      { socketPath: path, method: "POST", path: url, headers: { "content-type": "application/json" } },
      (res) => {
        let buf = "";
        let last: AdminEvent | undefined;
        res.setEncoding("utf8");
        res.on("data", (d: string) => {
          buf += d;
          for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
            const line = buf.slice(0, i);
            buf = buf.slice(i + 1);
            if (!line.trim()) continue;
            const e = JSON.parse(line) as AdminEvent;
            last = e;
            if (e.type !== "done" && e.type !== "error") onEvent(e);
          }
        });
        res.on("end", () => {
          if (last?.type === "error") reject(remoteError(last.code, last.message));
          else if (last?.type === "done") resolve(last);
          else
            reject(
              new UnavailableError(`berthd's admin socket ${path} closed the answer before it was done`),
            );
        });
        res.on("error", reject);
      },
    );
    req.on("error", (err) =>
      reject(new UnavailableError(`berthd does not answer on its admin socket ${path}: ${err.message}`)),
    );
    req.end(JSON.stringify(body));
  });
}

/** The backend of `berth image` while berthd (the lock holder) owns the store. */
export async function connectBerthd(holder: LockHolder, cfg: Config): Promise<ImageBackend> {
  const socket = holder.socket ?? cfg.socket;
  const admin = holder.adminSocket ?? adminSocketPath(cfg.state);
  const ImageClient = makeGenericClientConstructor(ImageServiceDefinition, "ImageService");
  const client = new ImageClient(`unix://${socket}`, credentials.createInsecure(), {
    "grpc.max_receive_message_length": 16 * 1024 * 1024,
  });
  const call = <M extends ImageMethod>(method: M, req: ImageRequest<M>, timeoutMs: number) =>
    new Promise<ImageResponse<M>>((resolve, reject) => {
      const fn = (client as unknown as Record<string, Unary>)[method] as Unary;
      // waitForReady: berthd holds the lock a moment before its socket listens.
      fn.call(
        client,
        req,
        new Metadata(),
        { deadline: Date.now() + timeoutMs, waitForReady: true },
        (err, res) => (err ? reject(fromGrpc(err, socket)) : resolve(res as ImageResponse<M>)),
      );
    });
  const status_ = async (ref: string) =>
    await call("ImageStatus", { image: { image: ref }, verbose: true }, 30_000);
  return {
    async pull(ref, opts) {
      opts.onNote?.(`pulling ${ref} through berthd (pid ${holder.pid}, unix://${socket})`);
      const auth = opts.auth;
      const res = await call(
        "PullImage",
        {
          image: { image: ref },
          ...(auth
            ? {
                auth: {
                  username: auth.username ?? "",
                  password: auth.password ?? "",
                  auth: auth.auth ?? "",
                  serverAddress: auth.serverAddress ?? "",
                  identityToken: auth.identityToken ?? "",
                  registryToken: auth.registryToken ?? "",
                },
              }
            : {}),
        },
        6 * 3600_000,
      );
      opts.onNote?.(`${ref}: done`);
      return { id: res.imageRef ?? "" };
    },
    async list(ref) {
      const res = await call("ListImages", ref ? { filter: { image: { image: ref } } } : {}, 60_000);
      return (res.images ?? []).map(summaryOf);
    },
    async inspect(ref) {
      const res = await status_(ref);
      if (!res.image) return undefined;
      const info = res.info?.info ? (JSON.parse(res.info.info) as Record<string, unknown>) : {};
      return {
        id: res.image.id,
        repoTags: res.image.repoTags ?? [],
        repoDigests: res.image.repoDigests ?? [],
        size: num(res.image.size as never),
        pinned: res.image.pinned ?? false,
        ...info,
      };
    },
    async remove(ref) {
      const res = await status_(ref);
      if (!res.image) return undefined;
      await call("RemoveImage", { image: { image: res.image.id ?? ref } }, 300_000);
      return summaryOf(res.image);
    },
    async import(path, onProgress) {
      const images: ImageSummary[] = [];
      await adminCall(admin, "/v1/images/import", { path }, (e) => {
        if (e.type === "progress") onProgress({ image: e.image, layer: e.layer, phase: e.phase as never });
        else if (e.type === "image") images.push(e.image);
      });
      return images;
    },
    async prune(all) {
      const removed: ImageSummary[] = [];
      const done = await adminCall(admin, "/v1/images/prune", { all }, (e) => {
        if (e.type === "image") removed.push(e.image);
      });
      const d = done as Extract<AdminEvent, { type: "done" }>;
      return { removed, removedBlobs: d.removedBlobs ?? 0, removedSnapshots: d.removedSnapshots ?? 0 };
    },
    async close() {
      client.close();
    },
  };
}
