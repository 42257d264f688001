// Single-use, expiring tokens naming one prepared stream (kubelet's request cache, in spirit).
import { randomBytes } from "node:crypto";

export interface ExecStreamRequest {
  kind: "exec";
  containerId: string;
  cmd: string[];
  tty: boolean;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
}

export interface AttachStreamRequest {
  kind: "attach";
  containerId: string;
  tty: boolean;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
}

export interface PortForwardStreamRequest {
  kind: "portforward";
  podSandboxId: string;
}

export type StreamRequest = ExecStreamRequest | AttachStreamRequest | PortForwardStreamRequest;

/** 32 random bytes, base64url: unguessable and safe in a URL path. */
const newToken = () => randomBytes(32).toString("base64url");

export class TokenStore {
  private readonly entries = new Map<string, { req: StreamRequest; timer: NodeJS.Timeout }>();

  constructor(private readonly ttlMs: number) {}

  issue(req: StreamRequest): string {
    const token = newToken();
    const timer = setTimeout(() => this.entries.delete(token), this.ttlMs);
    timer.unref();
    this.entries.set(token, { req, timer });
    return token;
  }

  /** The request behind `token`, removing it: a token is good for one stream only. */
  consume(token: string): StreamRequest | undefined {
    const e = this.entries.get(token);
    if (!e) return undefined;
    clearTimeout(e.timer);
    this.entries.delete(token);
    return e.req;
  }

  /** Whether `token` is live, without using it up. */
  has(token: string): boolean {
    return this.entries.has(token);
  }

  clear(): void {
    for (const e of this.entries.values()) clearTimeout(e.timer);
    this.entries.clear();
  }
}
