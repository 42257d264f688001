// The single instrumentation wrapper around every CRI handler: one structured log line per call,
// a duration histogram by method and code, and the only place where typed internal errors become
// gRPC status codes. Nothing a handler throws ever reaches the client as UNKNOWN.
import { Histogram } from "prom-client";
import {
  BerthError,
  CancelledError,
  DeadlineExceededError,
  type ErrorCode,
  errorMessage,
} from "../errors.js";
import type { Logger } from "../log.js";
import { type LongTimer, longTimeout } from "../timers.js";
import {
  type GrpcError,
  type ServerCall,
  Status,
  type StatusCode,
  type StreamHandler,
  statusName,
  type UnaryHandler,
} from "./grpc-server.js";

export interface CallContext {
  method: string;
  log: Logger;
  /** Aborted when the client cancels or its deadline passes. */
  signal: AbortSignal;
}

export type UnaryImpl<Req, Res> = (req: Req, ctx: CallContext) => Promise<Res>;
/** A server-streaming handler: `send` resolves when the message is flushed (backpressure). */
export type StreamImpl<Req, Res> = (
  req: Req,
  send: (res: Res) => Promise<void>,
  ctx: CallContext,
) => Promise<void>;

const GRPC_CODES: Record<ErrorCode, StatusCode> = {
  INVALID_ARGUMENT: Status.INVALID_ARGUMENT,
  NOT_FOUND: Status.NOT_FOUND,
  ALREADY_EXISTS: Status.ALREADY_EXISTS,
  FAILED_PRECONDITION: Status.FAILED_PRECONDITION,
  UNAVAILABLE: Status.UNAVAILABLE,
  UNIMPLEMENTED: Status.UNIMPLEMENTED,
  DEADLINE_EXCEEDED: Status.DEADLINE_EXCEEDED,
  RESOURCE_EXHAUSTED: Status.RESOURCE_EXHAUSTED,
  PERMISSION_DENIED: Status.PERMISSION_DENIED,
  UNAUTHENTICATED: Status.UNAUTHENTICATED,
  CANCELLED: Status.CANCELLED,
  INTERNAL: Status.INTERNAL,
};

/** gRPC status for a thrown value: typed errors keep their code, anything else is INTERNAL. */
export function grpcCodeOf(err: unknown): StatusCode {
  return err instanceof BerthError ? GRPC_CODES[err.code] : Status.INTERNAL;
}

let callsAnswered = 0;
/** CRI calls answered since start (the idle collector's sign of activity). */
export const answeredCalls = () => callsAnswered;

export const criDuration = new Histogram({
  name: "berth_cri_request_duration_seconds",
  help: "Duration of CRI calls by service, method and gRPC status code.",
  labelNames: ["service", "method", "code"] as const,
  buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
});

// Calls kubelet makes every few seconds: logged at debug so that info stays readable.
const QUIET_METHODS = new Set([
  "Version",
  "Status",
  "RuntimeConfig",
  "ListPodSandbox",
  "PodSandboxStatus",
  "ListContainers",
  "ContainerStatus",
  "ContainerStats",
  "ListContainerStats",
  "PodSandboxStats",
  "ListPodSandboxStats",
  "ListMetricDescriptors",
  "ListPodSandboxMetrics",
  "ImageStatus",
  "ListImages",
  "ImageFsInfo",
]);

/** Longest request value a log line carries; longer ones are cut and marked with their length. */
const MAX_LOGGED = 256;
/**
 * Longest error message a caller gets back. It travels in the grpc-message trailer: an HTTP/2 header
 * block past the peer's limit (grpc-js clients: 8 KiB of metadata) loses the answer, and the client
 * then waits out its deadline.
 */
const MAX_DETAILS = 2048;

/** `s` cut to `max` characters, saying how long it was. */
export function capText(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length} characters)`;
}

/** The ids a request names, for log lines: pod, container, image; each capped. */
function requestIds(req: unknown): Record<string, string> {
  const ids: Record<string, string> = {};
  if (!req || typeof req !== "object") return ids;
  const r = req as Record<string, unknown>;
  for (const key of ["podSandboxId", "containerId"]) {
    const v = r[key];
    if (typeof v === "string" && v !== "") ids[key] = capText(v, MAX_LOGGED);
  }
  const image = r.image;
  if (image && typeof image === "object" && typeof (image as { image?: unknown }).image === "string") {
    const ref = (image as { image: string }).image;
    if (ref) ids.image = capText(ref, MAX_LOGGED);
  }
  const config = r.config;
  const meta = config && typeof config === "object" ? (config as { metadata?: unknown }).metadata : undefined;
  if (meta && typeof meta === "object" && typeof (meta as { name?: unknown }).name === "string") {
    const name = (meta as { name: string }).name;
    if (name) ids.name = capText(name, MAX_LOGGED);
  }
  return ids;
}

function callSignal(call: ServerCall<unknown>) {
  const ac = new AbortController();
  let finished = false;
  // A cancellation after the answer went out must not tear down what the handler left behind that
  // shares the signal (pooled registry sockets), so only before.
  const onCancel = () => {
    if (!finished) ac.abort(new CancelledError(`call cancelled by the client`));
  };
  call.cancelled.addEventListener("abort", onCancel, { once: true });
  let timer: LongTimer | undefined;
  if (Number.isFinite(call.deadline)) {
    timer = longTimeout(
      () => ac.abort(new DeadlineExceededError("the call's deadline passed")),
      call.deadline - Date.now(),
      { unref: true },
    );
  }
  return {
    signal: ac.signal,
    done: () => {
      finished = true;
      timer?.clear();
      call.cancelled.removeEventListener("abort", onCancel);
    },
  };
}

function finish(
  log: Logger,
  service: string,
  method: string,
  ids: Record<string, string>,
  start: bigint,
  err: unknown,
): StatusCode {
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const code = err === undefined ? Status.OK : grpcCodeOf(err);
  const codeName = statusName(code);
  criDuration.observe({ service, method, code: codeName }, seconds);
  callsAnswered++;
  const fields = { method, ...ids, durationMs: Math.round(seconds * 1e6) / 1e3, code: codeName };
  if (err === undefined) {
    if (QUIET_METHODS.has(method)) log.debug(fields, "cri call");
    else log.info(fields, "cri call");
  } else if (code === Status.INTERNAL || code === Status.UNKNOWN) {
    const stack = err instanceof Error && err.stack ? capText(err.stack, 4 * MAX_DETAILS) : undefined;
    log.error({ ...fields, error: details(err), ...(stack ? { stack } : {}) }, "cri call failed");
  } else if (code === Status.UNIMPLEMENTED || code === Status.NOT_FOUND) {
    log.debug({ ...fields, error: details(err) }, "cri call failed");
  } else {
    log.warn({ ...fields, error: details(err) }, "cri call failed");
  }
  return code;
}

/** The message a failed call answers (and logs) with, capped. */
function details(err: unknown): string {
  return capText(errorMessage(err), MAX_DETAILS);
}

/** Wraps a unary implementation into a server handler that rejects only with a GrpcError. */
export function wrapUnary<Req, Res>(
  service: string,
  method: string,
  log: Logger,
  impl: UnaryImpl<Req, Res>,
): UnaryHandler {
  return async (call) => {
    const request = call.request as Req;
    const start = process.hrtime.bigint();
    const ids = requestIds(request);
    const { signal, done } = callSignal(call);
    try {
      const res = await impl(request, { method, log, signal });
      done();
      finish(log, service, method, ids, start, undefined);
      return res;
    } catch (thrown) {
      done();
      // Whatever a handler throws once its call was cancelled or ran out of time (an AbortError
      // from a socket, say) is that cancellation, not an internal failure.
      const err = signal.aborted ? signal.reason : thrown;
      const code = finish(log, service, method, ids, start, err);
      throw { code, details: details(err) } satisfies GrpcError;
    }
  };
}

/** Wraps a server-streaming implementation into a server handler. */
export function wrapServerStream<Req, Res>(
  service: string,
  method: string,
  log: Logger,
  impl: StreamImpl<Req, Res>,
): StreamHandler {
  return async (call, send) => {
    const request = call.request as Req;
    const start = process.hrtime.bigint();
    const ids = requestIds(request);
    const { signal, done } = callSignal(call);
    try {
      await impl(request, (res: Res) => (signal.aborted ? Promise.reject(signal.reason) : send(res)), {
        method,
        log,
        signal,
      });
      done();
      finish(log, service, method, ids, start, undefined);
    } catch (err) {
      done();
      // The client went away: nothing to answer.
      if (signal.aborted) {
        finish(log, service, method, ids, start, undefined);
        return;
      }
      const code = finish(log, service, method, ids, start, err);
      throw { code, details: details(err) } satisfies GrpcError;
    }
  };
}
