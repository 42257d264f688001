// A real docker-registry configured with `auth: token`, plus the token server it trusts: a small
// HTTP service on 127.0.0.1 that checks Basic credentials (or a refresh token) and issues RS256
// JWTs carrying the x5c certificate the registry's rootcertbundle holds.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createSign, randomBytes, X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const TOKEN_USER = "berth";
export const TOKEN_PASSWORD = "token-secret";
export const REFRESH_TOKEN = "berth-refresh-token";
const ISSUER = "berth-test-issuer";
const SERVICE = "berth-test-registry";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

export class TokenRegistry {
  /** host:port of the registry */
  registry = "";
  /** URL of the token endpoint */
  realm = "";
  tokenRequests = 0;
  private dir = "";
  private key = "";
  private certDer = "";
  private server?: http.Server;
  private proc?: ChildProcess;

  async start(): Promise<this> {
    this.dir = mkdtempSync(join(tmpdir(), "berth-token-registry-"));
    const keyPath = join(this.dir, "key.pem");
    const certPath = join(this.dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        keyPath,
        "-out",
        certPath,
        "-days",
        "2",
        "-subj",
        "/CN=berth-test-token",
      ],
      { stdio: "ignore" },
    );
    this.key = readFileSync(keyPath, "utf8");
    this.certDer = new X509Certificate(readFileSync(certPath)).raw.toString("base64");
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server?.listen(0, "127.0.0.1", r));
    this.realm = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/token`;
    const port = await freePort();
    this.registry = `127.0.0.1:${port}`;
    const config = [
      "version: 0.1",
      "log: {level: warn, accesslog: {disabled: true}}",
      `storage: {filesystem: {rootdirectory: ${join(this.dir, "data")}}, delete: {enabled: true}}`,
      `http: {addr: ${this.registry}}`,
      `auth: {token: {realm: "${this.realm}", service: ${SERVICE}, issuer: ${ISSUER}, rootcertbundle: ${certPath}}}`,
    ].join("\n");
    writeFileSync(join(this.dir, "config.yml"), `${config}\n`);
    this.proc = spawn("docker-registry", ["serve", join(this.dir, "config.yml")], { stdio: "ignore" });
    for (let i = 0; i < 100; i++) {
      const ok = await new Promise<boolean>((resolve) => {
        const s = net.connect(port, "127.0.0.1", () => {
          s.destroy();
          resolve(true);
        });
        s.on("error", () => resolve(false));
      });
      if (ok) return this;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("token-auth registry did not start");
  }

  async stop(): Promise<void> {
    this.proc?.kill();
    if (this.server) {
      this.server.closeAllConnections();
      await new Promise<void>((r) => this.server?.close(() => r()));
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A token as the token endpoint would issue it (for the registry_token form of AuthConfig). */
  issue(subject: string, scopes: string[]): string {
    const access = scopes.map((s) => {
      const [type, name, actions] = s.split(":");
      return { type, name, actions: (actions ?? "").split(",").filter(Boolean) };
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: "RS256", typ: "JWT", x5c: [this.certDer] };
    const claims = {
      iss: ISSUER,
      sub: subject,
      aud: SERVICE,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomBytes(8).toString("hex"),
      access,
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const sig = createSign("RSA-SHA256").update(input).sign(this.key);
    return `${input}.${b64url(sig)}`;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      this.tokenRequests++;
      const url = new URL(req.url ?? "/", this.realm);
      let params = url.searchParams;
      let user: string | undefined;
      if (req.method === "POST") {
        params = new URLSearchParams(Buffer.concat(chunks).toString());
        if (params.get("grant_type") === "refresh_token" && params.get("refresh_token") === REFRESH_TOKEN)
          user = TOKEN_USER;
      } else {
        const authz = req.headers.authorization ?? "";
        const [u, p] = Buffer.from(authz.replace(/^Basic /, ""), "base64")
          .toString()
          .split(":");
        if (authz.startsWith("Basic ") && u === TOKEN_USER && p === TOKEN_PASSWORD) user = u;
      }
      if (!user) {
        res.writeHead(401, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ code: "UNAUTHORIZED", message: "bad credentials" }] }));
        return;
      }
      const scopes = params
        .getAll("scope")
        .flatMap((s) => s.split(" "))
        .filter(Boolean);
      const token = this.issue(user, scopes);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() }),
      );
    });
  }
}
