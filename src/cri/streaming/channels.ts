// The channel.k8s.io WebSocket framing kubelet and client-go speak: each message starts with a
// channel byte (binary protocols) or an ASCII digit followed by base64 (base64 protocols).
import type { WebSocket } from "ws";

export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const ERROR = 3;
export const RESIZE = 4;
/** v5: the peer half-closes a channel (payload: the channel number). */
export const CLOSE = 255;

/** Preference order when a client offers several. */
export const REMOTE_COMMAND_PROTOCOLS = [
  "v5.channel.k8s.io",
  "v4.channel.k8s.io",
  "v4.base64.channel.k8s.io",
  "base64.channel.k8s.io",
  "channel.k8s.io",
] as const;

export const PORT_FORWARD_PROTOCOLS = ["v4.channel.k8s.io", "v4.base64.channel.k8s.io"] as const;

export function isBase64(protocol: string): boolean {
  return protocol.includes("base64.");
}

/** v4 and later report the exit on the error channel as a Status object; older ones as text. */
export function reportsStatus(protocol: string): boolean {
  return protocol.startsWith("v4.") || protocol.startsWith("v5.");
}

export function encodeMessage(protocol: string, channel: number, data: Buffer): Buffer | string {
  if (isBase64(protocol)) return String.fromCharCode(48 + channel) + data.toString("base64");
  const out = Buffer.allocUnsafe(data.length + 1);
  out[0] = channel;
  data.copy(out, 1);
  return out;
}

export function decodeMessage(
  protocol: string,
  raw: Buffer,
  isBinary: boolean,
): { channel: number; data: Buffer } | undefined {
  if (raw.length === 0) return undefined;
  if (isBase64(protocol) || !isBinary) {
    const text = raw.toString("latin1");
    return { channel: text.charCodeAt(0) - 48, data: Buffer.from(text.slice(1), "base64") };
  }
  return { channel: raw[0] as number, data: raw.subarray(1) };
}

const HIGH_WATER = 1 << 20;
const LOW_WATER = 256 << 10;

/**
 * Sends channel messages and tells the producer to pause while more than HIGH_WATER bytes are
 * queued in the socket, so a slow client never makes berthd buffer without bound.
 */
export class ChannelWriter {
  private pending = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(
    private readonly ws: WebSocket,
    private readonly protocol: string,
    private readonly onActivity: () => void = () => {},
  ) {}

  /** Resolves once the queue is below the high-water mark again (immediately if it is). */
  send(channel: number, data: Buffer): Promise<void> {
    if (this.ws.readyState !== this.ws.OPEN) return Promise.resolve();
    this.onActivity();
    const msg = encodeMessage(this.protocol, channel, data);
    this.pending += msg.length;
    this.ws.send(msg, { binary: typeof msg !== "string" }, () => {
      this.pending -= msg.length;
      if (this.pending <= LOW_WATER) for (const w of this.waiters.splice(0)) w();
    });
    if (this.pending <= HIGH_WATER) return Promise.resolve();
    return new Promise((r) => this.waiters.push(r));
  }

  /** Releases waiting producers (the socket is gone). */
  release(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
