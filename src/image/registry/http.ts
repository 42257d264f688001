// One HTTP exchange with a registry on Node's http/https: redirects followed without carrying the
// Authorization header to another host, a stall timer, and errors classed as transient or not.
import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import { DeadlineExceededError, errnoCode, errorMessage, UnavailableError } from "../../errors.js";

/** A failure worth retrying: 5xx, 429, a dropped connection. */
export class TransientError extends UnavailableError {}

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

const TRANSIENT_ERRNO = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ECONNABORTED",
  "EHOSTUNREACH",
]);
const MAX_REDIRECTS = 5;

export interface HttpRequest {
  method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH";
  url: URL;
  headers?: Record<string, string>;
  body?: Buffer;
  signal?: AbortSignal | undefined;
  stallTimeout: number;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
  /** The URL that answered, after redirects. */
  url: URL;
}

function sameHost(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.host === b.host;
}

function once(req: HttpRequest, url: URL, headers: Record<string, string>): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const mod = url.protocol === "https:" ? https : http;
    const r = mod.request(url, {
      method: req.method,
      headers,
      agent: url.protocol === "https:" ? httpsAgent : httpAgent,
      signal: req.signal,
    });
    const timer = setTimeout(() => {
      r.destroy(new DeadlineExceededError(`${req.method} ${url.href}: no answer for ${req.stallTimeout} ms`));
    }, req.stallTimeout);
    r.on("response", (res) => {
      clearTimeout(timer);
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res, url });
    });
    r.on("error", (err) => {
      clearTimeout(timer);
      if (err instanceof DeadlineExceededError || err instanceof UnavailableError) return reject(err);
      if (err.name === "AbortError") return reject(err);
      const code = errnoCode(err);
      const msg = `${req.method} ${url.origin}${url.pathname}: ${errorMessage(err)}`;
      if ((code && TRANSIENT_ERRNO.has(code)) || /socket hang up/.test(err.message))
        reject(new TransientError(msg, { cause: err }));
      else reject(new UnavailableError(msg, { cause: err }));
    });
    r.end(req.body);
  });
}

/** Sends a request, following redirects; Authorization goes only to the host it was meant for. */
export async function send(req: HttpRequest): Promise<HttpResponse> {
  let url = req.url;
  const headers = { ...(req.headers ?? {}) };
  if (req.body) headers["content-length"] = String(req.body.byteLength);
  for (let hop = 0; ; hop++) {
    const res = await once(req, url, headers);
    const loc = res.headers.location;
    if (
      ![301, 302, 303, 307, 308].includes(res.status) ||
      !loc ||
      req.method === "PUT" ||
      req.method === "POST"
    )
      return res;
    res.body.resume();
    if (hop >= MAX_REDIRECTS) throw new UnavailableError(`${req.method} ${req.url.href}: too many redirects`);
    const next = new URL(loc, url);
    if (!sameHost(next, req.url)) delete headers.authorization;
    url = next;
  }
}

/** Reads a whole (small) body, refusing more than `limit` bytes. */
export async function readBody(res: HttpResponse, limit: number, stallTimeout: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const stall = watchStall(res.body, stallTimeout, res.url.href);
  try {
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      stall.touch();
      total += chunk.byteLength;
      if (total > limit) {
        res.body.destroy();
        throw new UnavailableError(`${res.url.href}: body larger than ${limit} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    throw classifyStreamError(err, res.url);
  } finally {
    stall.stop();
  }
  return Buffer.concat(chunks);
}

/** A dropped connection mid-body is transient; our own typed errors pass through. */
export function classifyStreamError(err: unknown, url: URL): unknown {
  if (err instanceof UnavailableError || err instanceof DeadlineExceededError) return err;
  if (err instanceof Error && err.name === "AbortError") return err;
  const code = errnoCode(err);
  if (
    code === "ECONNRESET" ||
    code === "ERR_STREAM_PREMATURE_CLOSE" ||
    /aborted|hang up/.test(errorMessage(err))
  )
    return new TransientError(`${url.origin}${url.pathname}: connection dropped: ${errorMessage(err)}`, {
      cause: err,
    });
  return err;
}

/** Destroys a stream whose consumer reports no data for `ms`: call touch() per chunk, stop() at the end. */
export function watchStall(stream: Readable, ms: number, what: string): { touch(): void; stop(): void } {
  let last = Date.now();
  const timer = setInterval(
    () => {
      if (Date.now() - last >= ms)
        stream.destroy(new DeadlineExceededError(`${what}: no data for ${ms} ms (stalled)`));
    },
    Math.max(10, Math.min(1000, ms / 4)),
  );
  timer.unref();
  return {
    touch: () => {
      last = Date.now();
    },
    stop: () => clearInterval(timer),
  };
}

/** Error text of a registry error body ({"errors":[{code,message}]}), for messages. */
export function registryErrorText(body: Buffer): string {
  try {
    const doc = JSON.parse(body.toString("utf8")) as { errors?: { code?: string; message?: string }[] };
    if (Array.isArray(doc.errors) && doc.errors.length > 0)
      return doc.errors.map((e) => [e.code, e.message].filter(Boolean).join(": ")).join("; ");
  } catch {
    // not JSON
  }
  return body.toString("utf8").slice(0, 200).trim();
}
