// Pod traffic shaping requested the Kubernetes way: the `kubernetes.io/ingress-bandwidth` and
// `kubernetes.io/egress-bandwidth` pod annotations (resource quantities in bit/s), turned into the
// CNI `bandwidth` capability as containerd does.
import { InvalidArgumentError } from "../errors.js";
import type { Bandwidth } from "./types.js";

export const INGRESS_BANDWIDTH_ANNOTATION = "kubernetes.io/ingress-bandwidth";
export const EGRESS_BANDWIDTH_ANNOTATION = "kubernetes.io/egress-bandwidth";

// kubelet's bounds for these annotations (1k to 1P bit/s).
const MIN_RATE = 1_000;
const MAX_RATE = 1e15;
// containerd passes the largest 32-bit burst: the annotations carry no burst, and a burst below
// one MTU's worth of bits would stall the tbf qdisc.
const BURST = 4_294_967_295;

const MULTIPLIERS: Record<string, number> = {
  "": 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A Kubernetes resource quantity ("10M", "1.5Gi", "1e6") as a whole number, rounded up. */
export function parseQuantity(text: string): number {
  const m = /^([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE]([+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/.exec(
    text.trim(),
  );
  if (!m) throw new InvalidArgumentError(`${JSON.stringify(text)} is not a quantity like 10M or 1Gi`);
  const factor = m[2] !== undefined ? 10 ** Number(m[2]) : (MULTIPLIERS[m[3] ?? ""] ?? 1);
  return Math.ceil(Number(m[1]) * factor);
}

function rate(annotations: Record<string, string>, key: string): number | undefined {
  const v = annotations[key];
  if (v === undefined) return undefined;
  let n: number;
  try {
    n = parseQuantity(v);
  } catch (e) {
    throw new InvalidArgumentError(`annotation ${key}: ${(e as Error).message}`);
  }
  if (n < MIN_RATE || n > MAX_RATE)
    throw new InvalidArgumentError(`annotation ${key}=${v} must be between 1k and 1P bits per second`);
  return n;
}

/** The bandwidth limits a pod's annotations ask for, or undefined when they ask for none. */
export function bandwidthFromAnnotations(annotations: Record<string, string>): Bandwidth | undefined {
  const ingress = rate(annotations, INGRESS_BANDWIDTH_ANNOTATION);
  const egress = rate(annotations, EGRESS_BANDWIDTH_ANNOTATION);
  if (ingress === undefined && egress === undefined) return undefined;
  const bw: Bandwidth = {};
  if (ingress !== undefined) Object.assign(bw, { ingressRate: ingress, ingressBurst: BURST });
  if (egress !== undefined) Object.assign(bw, { egressRate: egress, egressBurst: BURST });
  return bw;
}
