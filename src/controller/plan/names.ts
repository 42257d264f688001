// Names, hashes, labels and owner references shared by the planners. Names are deterministic so a
// create retried after a lost answer meets AlreadyExists instead of making a twin.
import { createHash } from "node:crypto";
import type { V1ObjectMeta, V1OwnerReference } from "@kubernetes/client-node";
import { API_VERSION, LABEL_SERVICE, SERVICE_KIND } from "../types.js";
import type { ObjectRef } from "./actions.js";

/** JSON with object keys sorted and undefined members dropped, so equal values hash equally. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? "null" : stableStringify(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
}

// Consonants and digits only, as Kubernetes' SafeEncodeString, so a hash never spells a word.
const SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** A short lowercase hash of any JSON value, valid in names and label values. */
export function shortHash(value: unknown, length = 10): string {
  const digest = createHash("sha256").update(stableStringify(value)).digest();
  let n = BigInt(`0x${digest.toString("hex")}`);
  const base = BigInt(SAFE_ALPHABET.length);
  let out = "";
  while (out.length < length) {
    out += SAFE_ALPHABET[Number(n % base)];
    n /= base;
  }
  return out;
}

export const MAX_NAME = 253;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/** `<service>-<revision>`: the ControllerRevision holding a revision's pod template. */
export function revisionName(service: string, revision: string): string {
  return `${service}-${revision}`;
}

/** Replica of a Replicated service: `<service>-<slot>`. */
export function slotReplicaName(service: string, slot: number): string {
  return `${service}-${slot}`;
}

/** Replica of a Global service: `<service>-<node>`, or a hash of the node when that is no valid name. */
export function nodeReplicaName(service: string, nodeName: string): string {
  const plain = `${service}-${nodeName}`;
  return plain.length <= MAX_NAME - 6 && DNS_SUBDOMAIN.test(plain)
    ? plain
    : `${service}-n${shortHash(nodeName)}`;
}

/** `<replica>-<5 chars>`: unique per revision and restart attempt, so a replacement never collides. */
export function podName(replica: string, revision: string, attempt: number): string {
  const suffix = shortHash({ revision, attempt }, 5);
  return `${replica.slice(0, MAX_NAME - 6)}-${suffix}`;
}

/** The scale subresource's selector: every Pod of the Service. */
export function podSelector(service: string): string {
  return `${LABEL_SERVICE}=${service}`;
}

interface Owned {
  apiVersion?: string;
  kind?: string;
  metadata?: V1ObjectMeta;
}

/** A controller owner reference to `owner` (GC deletes the dependant with it). */
export function controllerRef(owner: Owned, apiVersion: string, kind: string): V1OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata?.name ?? "",
    uid: owner.metadata?.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function serviceOwnerRef(owner: Owned): V1OwnerReference {
  return controllerRef(owner, API_VERSION, SERVICE_KIND);
}

/** True when `obj` names `owner` as its controller (by uid when both have one, else by name). */
export function isControlledBy(obj: Owned, owner: Owned, kind: string): boolean {
  const ref = obj.metadata?.ownerReferences?.find((r) => r.controller === true);
  if (!ref || ref.kind !== kind) return false;
  const uid = owner.metadata?.uid;
  return uid ? ref.uid === uid : ref.name === owner.metadata?.name;
}

export function refOf(obj: Owned, apiVersion: string, kind: string): ObjectRef {
  const ref: ObjectRef = {
    apiVersion,
    kind,
    namespace: obj.metadata?.namespace ?? "",
    name: obj.metadata?.name ?? "",
  };
  if (obj.metadata?.uid) ref.uid = obj.metadata.uid;
  return ref;
}

export function iso(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Milliseconds since the epoch of an API time (string or Date), or undefined. */
export function timeMs(value: string | Date | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
