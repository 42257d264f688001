// OCI distribution client: endpoint selection (mirrors in order, then the upstream), auth
// challenges, retries with backoff on transient failures, manifests and blobs.
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import {
  errorMessage,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  UnauthenticatedError,
  UnavailableError,
} from "../../errors.js";
import { type Descriptor, MANIFEST_ACCEPT, sha256 } from "../oci.js";
import type { ParsedReference } from "../reference.js";
import { type AuthConfig, basicCredentials, bearerToken, parseChallenges, TokenCache } from "./auth.js";
import { type HttpResponse, readBody, registryErrorText, send, TransientError } from "./http.js";

export interface RegistryOptions {
  /** Registry host → endpoint URLs tried in order before the upstream. */
  mirrors: Record<string, string[]>;
  /** Hosts reached over plain HTTP. */
  insecure: string[];
  retries: number;
  /** Milliseconds without progress after which a request fails. */
  stallTimeout: number;
  log?: Logger | undefined;
}

export interface Endpoint {
  /** Base URL ending in "/v2/". */
  base: URL;
  mirror: boolean;
}

const MANIFEST_LIMIT = 4 << 20;

function isLoopback(host: string): boolean {
  const h = host.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h);
}

export class RegistryClient {
  readonly tokens = new TokenCache();

  constructor(readonly opts: RegistryOptions) {}

  /** Where to fetch a reference from: its mirrors in order, then the registry itself. */
  endpoints(ref: ParsedReference): Endpoint[] {
    const out: Endpoint[] = [];
    for (const m of this.opts.mirrors[ref.domain] ?? []) {
      const u = new URL(m);
      const path = u.pathname.replace(/\/+$/, "");
      out.push({ base: new URL(`${u.origin}${path.endsWith("/v2") ? path : `${path}/v2`}/`), mirror: true });
    }
    const host = ref.domain === "docker.io" ? "registry-1.docker.io" : ref.domain;
    const plain = this.opts.insecure.includes(ref.domain) || isLoopback(host);
    out.push({ base: new URL(`${plain ? "http" : "https"}://${host}/v2/`), mirror: false });
    return out;
  }

  repository(ref: ParsedReference, auth?: AuthConfig, signal?: AbortSignal): Repository {
    if (auth) basicCredentials(auth); // malformed `auth` fails before any network traffic
    return new Repository(this, ref, this.endpoints(ref), auth, signal);
  }
}

export interface FetchedManifest {
  body: Buffer;
  digest: string;
  mediaType: string | undefined;
}

/** One repository seen through its endpoints, with per-endpoint auth state. */
export class Repository {
  private readonly authHeaders = new Map<string, string>();
  /** Index of the endpoint that served the manifest; blobs are tried there first. */
  private preferred = 0;

  constructor(
    private readonly client: RegistryClient,
    readonly ref: ParsedReference,
    readonly endpoints: Endpoint[],
    private readonly auth: AuthConfig | undefined,
    /** Aborted when the caller gives up; every request of this repository carries it. */
    readonly signal: AbortSignal | undefined,
  ) {}

  private get opts(): RegistryOptions {
    return this.client.opts;
  }

  private async authorize(ep: Endpoint, res: HttpResponse): Promise<boolean> {
    const challenges = parseChallenges(res.headers["www-authenticate"]);
    // Credentials belong to the upstream registry only; mirrors get anonymous access.
    const auth = ep.mirror ? undefined : this.auth;
    const bearer = challenges.find((c) => c.scheme === "bearer");
    const host = ep.base.host;
    if (bearer) {
      const token = await bearerToken(bearer, `repository:${this.ref.path}:pull`, auth, this.client.tokens, {
        stallTimeout: this.opts.stallTimeout,
        signal: this.signal,
        host,
      });
      this.authHeaders.set(host, `Bearer ${token}`);
      return true;
    }
    const basic = challenges.find((c) => c.scheme === "basic");
    const creds = basicCredentials(auth);
    if (basic && creds) {
      this.authHeaders.set(
        host,
        `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}`,
      );
      return true;
    }
    if (basic && auth?.registryToken) {
      this.authHeaders.set(host, `Bearer ${auth.registryToken}`);
      return true;
    }
    return false;
  }

  /** GET/HEAD on an endpoint with auth and retries; returns the final (non-401, non-5xx) response. */
  async request(
    ep: Endpoint,
    method: "GET" | "HEAD",
    path: string,
    headers: Record<string, string>,
  ): Promise<HttpResponse> {
    const url = new URL(path, ep.base);
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.requestOnce(ep, method, url, headers);
      } catch (err) {
        if (!(err instanceof TransientError) || attempt >= this.opts.retries || this.signal?.aborted)
          throw err;
        const delay = Math.min(5000, 200 * 2 ** attempt) * (0.75 + Math.random() / 2);
        this.opts.log?.debug(
          { url: url.href, attempt, err: errorMessage(err) },
          "registry request failed; retrying",
        );
        await sleep(delay, undefined, this.signal ? { signal: this.signal } : undefined);
      }
    }
  }

  private async requestOnce(
    ep: Endpoint,
    method: "GET" | "HEAD",
    url: URL,
    headers: Record<string, string>,
  ): Promise<HttpResponse> {
    const host = ep.base.host;
    let authorized = false;
    for (;;) {
      const h: Record<string, string> = { ...headers, "user-agent": "berth" };
      const authz = this.authHeaders.get(host);
      if (authz) h.authorization = authz;
      const res = await send({
        method,
        url,
        headers: h,
        signal: this.signal,
        stallTimeout: this.opts.stallTimeout,
      });
      if (res.status === 401 && !authorized) {
        res.body.resume();
        authorized = await this.authorize(ep, res);
        if (authorized) continue;
      }
      if (res.status >= 500 || res.status === 429) {
        const text = registryErrorText(
          await readBody(res, 1 << 16, this.opts.stallTimeout).catch(() => Buffer.alloc(0)),
        );
        throw new TransientError(
          `registry ${host}: ${method} ${url.pathname} answered ${res.status}${text ? `: ${text}` : ""}`,
        );
      }
      if (res.status === 401 || res.status === 403) {
        const text = registryErrorText(
          await readBody(res, 1 << 16, this.opts.stallTimeout).catch(() => Buffer.alloc(0)),
        );
        const who = ep.mirror
          ? "anonymously"
          : this.auth
            ? "with the given credentials"
            : "without credentials";
        const msg = `registry ${host}: access to ${this.ref.path} denied ${who} (${res.status})${text ? `: ${text}` : ""}`;
        throw res.status === 401 ? new UnauthenticatedError(msg) : new PermissionDeniedError(msg);
      }
      return res;
    }
  }

  /** Tries each endpoint in order; the error of the last one (the upstream) is reported. */
  private async firstEndpoint<T>(order: number[], fn: (ep: Endpoint, i: number) => Promise<T>): Promise<T> {
    let lastErr: unknown;
    for (const i of order) {
      const ep = this.endpoints[i] as Endpoint;
      try {
        return await fn(ep, i);
      } catch (err) {
        if (this.signal?.aborted) throw err;
        lastErr = err;
        if (i !== order[order.length - 1])
          this.opts.log?.info(
            { endpoint: ep.base.origin, err: errorMessage(err) },
            "endpoint failed; trying next",
          );
      }
    }
    throw lastErr;
  }

  /** Fetches a manifest or index by tag or digest; the digest is computed from the body. */
  async fetchManifest(reference: string): Promise<FetchedManifest> {
    const order = this.endpoints.map((_, i) => i);
    return this.firstEndpoint(order, async (ep, i) => {
      const res = await this.request(ep, "GET", `${this.ref.path}/manifests/${reference}`, {
        accept: MANIFEST_ACCEPT,
      });
      if (res.status === 404) {
        res.body.resume();
        throw new NotFoundError(
          `image "${this.ref.full}": manifest ${reference} not found at ${ep.base.origin}`,
        );
      }
      if (res.status !== 200) {
        const text = registryErrorText(await readBody(res, 1 << 16, this.opts.stallTimeout));
        throw new UnavailableError(
          `registry ${ep.base.host}: manifest ${reference} answered ${res.status}: ${text}`,
        );
      }
      const body = await readBody(res, MANIFEST_LIMIT, this.opts.stallTimeout);
      const digest = sha256(body);
      if (reference.startsWith("sha256:") && digest !== reference)
        throw new InvalidArgumentError(
          `image "${this.ref.full}": manifest ${reference} has digest ${digest} (digest mismatch)`,
        );
      this.preferred = i;
      const ct = res.headers["content-type"];
      return { body, digest, mediaType: ct?.split(";")[0]?.trim() };
    });
  }

  /** Opens a blob for streaming (status 200). Retries live in the caller, which restarts the whole layer. */
  async openBlob(desc: Descriptor): Promise<HttpResponse> {
    const order = [this.preferred, ...this.endpoints.map((_, i) => i).filter((i) => i !== this.preferred)];
    return this.firstEndpoint(order, async (ep) => {
      const res = await this.request(ep, "GET", `${this.ref.path}/blobs/${desc.digest}`, {});
      if (res.status === 404) {
        res.body.resume();
        throw new NotFoundError(
          `image "${this.ref.full}": blob ${desc.digest} not found at ${ep.base.origin}`,
        );
      }
      if (res.status !== 200) {
        res.body.resume();
        throw new UnavailableError(`registry ${ep.base.host}: blob ${desc.digest} answered ${res.status}`);
      }
      return res;
    });
  }

  /** A small blob (an image config) read whole and checked against its digest. */
  async fetchSmallBlob(desc: Descriptor): Promise<Buffer> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await this.openBlob(desc);
        const body = await readBody(res, Math.max(desc.size, 1) + 1, this.opts.stallTimeout);
        const digest = sha256(body);
        if (body.byteLength !== desc.size || digest !== desc.digest)
          throw new InvalidArgumentError(
            `image "${this.ref.full}": blob ${desc.digest} has digest ${digest} and ${body.byteLength} bytes (digest mismatch)`,
          );
        return body;
      } catch (err) {
        if (!(err instanceof TransientError) || attempt >= this.opts.retries) throw err;
        await sleep(Math.min(5000, 200 * 2 ** attempt));
      }
    }
  }
}
