// Registry authentication: Basic, and the Bearer token flow of the distribution spec
// (WWW-Authenticate realm/service/scope → token endpoint → token cached per scope until expiry).
import { errorMessage, InvalidArgumentError, UnauthenticatedError } from "../../errors.js";
import { readBody, registryErrorText, send } from "./http.js";

/** Credentials as the CRI AuthConfig carries them. */
export interface AuthConfig {
  username?: string;
  password?: string;
  /** base64("username:password") */
  auth?: string;
  serverAddress?: string;
  /** OAuth2 refresh token, exchanged at the token endpoint. */
  identityToken?: string;
  /** A ready bearer token for the registry. */
  registryToken?: string;
}

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses `Bearer realm="…",service="…",scope="…"` (quoted or bare values, several challenges). */
export function parseChallenges(header: string | string[] | undefined): Challenge[] {
  const text = Array.isArray(header) ? header.join(", ") : (header ?? "");
  const out: Challenge[] = [];
  const re = /\s*([A-Za-z][\w-]*)(?:\s+|$)((?:[\w-]+\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^,\s]*)\s*,?\s*)*)/gy;
  let m: RegExpExecArray | null = re.exec(text);
  while (m && m[0].length > 0) {
    const params: Record<string, string> = {};
    const pre = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
    for (let p = pre.exec(m[2] ?? ""); p; p = pre.exec(m[2] ?? ""))
      params[(p[1] as string).toLowerCase()] =
        p[2] !== undefined ? p[2].replace(/\\(.)/g, "$1") : (p[3] ?? "");
    out.push({ scheme: (m[1] as string).toLowerCase(), params });
    m = re.exec(text);
  }
  return out;
}

export function basicCredentials(
  auth: AuthConfig | undefined,
): { username: string; password: string } | undefined {
  if (!auth) return undefined;
  if (auth.username) return { username: auth.username, password: auth.password ?? "" };
  if (auth.auth) {
    const decoded = Buffer.from(auth.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) throw new InvalidArgumentError('auth config: "auth" is not base64 of username:password');
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  return undefined;
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Tokens by realm + service + scope + credential identity, shared by all pulls of the process. */
export class TokenCache {
  private readonly tokens = new Map<string, CachedToken>();

  get(key: string): string | undefined {
    const t = this.tokens.get(key);
    if (!t) return undefined;
    if (t.expiresAt <= Date.now()) {
      this.tokens.delete(key);
      return undefined;
    }
    return t.token;
  }

  set(key: string, token: string, ttlSeconds: number): void {
    // Refresh a little before the registry would refuse it.
    this.tokens.set(key, { token, expiresAt: Date.now() + Math.max(1, ttlSeconds - 5) * 1000 });
  }
}

function credentialKey(auth: AuthConfig | undefined): string {
  const basic = basicCredentials(auth);
  if (auth?.registryToken) return `rt:${auth.registryToken}`;
  if (auth?.identityToken) return `it:${auth.identityToken}`;
  if (basic) return `u:${basic.username}:${basic.password}`;
  return "anonymous";
}

/** Fetches (or reuses) a bearer token for `scope` from the challenge's realm. */
export async function bearerToken(
  challenge: Challenge,
  scope: string,
  auth: AuthConfig | undefined,
  cache: TokenCache,
  opts: { stallTimeout: number; signal?: AbortSignal | undefined; host: string },
): Promise<string> {
  if (auth?.registryToken) return auth.registryToken;
  const realm = challenge.params.realm;
  if (!realm) throw new UnauthenticatedError(`registry ${opts.host}: Bearer challenge without realm`);
  const service = challenge.params.service ?? "";
  const scopes = [scope];
  if (challenge.params.scope && challenge.params.scope !== scope) scopes.push(challenge.params.scope);
  const key = `${realm}|${service}|${scopes.join(" ")}|${credentialKey(auth)}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    throw new UnauthenticatedError(`registry ${opts.host}: token realm "${realm}" is not a URL`);
  }
  const basic = basicCredentials(auth);
  const headers: Record<string, string> = { accept: "application/json" };
  let res: Awaited<ReturnType<typeof send>>;
  try {
    if (auth?.identityToken) {
      const form = new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: auth.identityToken,
        service,
        client_id: "berth",
      });
      form.set("scope", scopes.join(" "));
      headers["content-type"] = "application/x-www-form-urlencoded";
      res = await send({ method: "POST", url, headers, body: Buffer.from(form.toString()), ...opts });
    } else {
      if (service) url.searchParams.set("service", service);
      for (const s of scopes) url.searchParams.append("scope", s);
      if (basic)
        headers.authorization = `Basic ${Buffer.from(`${basic.username}:${basic.password}`).toString("base64")}`;
      res = await send({ method: "GET", url, headers, ...opts });
    }
  } catch (err) {
    throw new UnauthenticatedError(
      `registry ${opts.host}: token endpoint ${url.origin}${url.pathname}: ${errorMessage(err)}`,
      { cause: err },
    );
  }
  const body = await readBody(res, 1 << 20, opts.stallTimeout);
  if (res.status === 401 || res.status === 403)
    throw new UnauthenticatedError(
      `registry ${opts.host}: token endpoint refused the credentials (${res.status}): ${registryErrorText(body)}`,
    );
  if (res.status !== 200)
    throw new UnauthenticatedError(
      `registry ${opts.host}: token endpoint answered ${res.status}: ${registryErrorText(body)}`,
    );
  let doc: { token?: string; access_token?: string; expires_in?: number };
  try {
    doc = JSON.parse(body.toString("utf8"));
  } catch {
    throw new UnauthenticatedError(`registry ${opts.host}: token endpoint answered no JSON`);
  }
  const token = doc.token ?? doc.access_token;
  if (!token) throw new UnauthenticatedError(`registry ${opts.host}: token endpoint answered no token`);
  cache.set(key, token, typeof doc.expires_in === "number" && doc.expires_in > 0 ? doc.expires_in : 60);
  return token;
}
