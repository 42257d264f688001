// The core objects compose creates beside the berth Services: a PersistentVolumeClaim per named
// volume, a Secret per secret (and per service whose environment carries secret values), a
// ConfigMap per config. Each carries the project label, so `down` finds them again.
import type { V1PersistentVolumeClaimSpec } from "@kubernetes/client-node";
import { LABEL_PROJECT } from "../types.js";
import { ComposeError } from "./reader.js";

export type ObjectKind = "PersistentVolumeClaim" | "Secret" | "ConfigMap";

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

export type ComposeObject =
  | {
      apiVersion: "v1";
      kind: "PersistentVolumeClaim";
      metadata: ObjectMeta;
      spec: V1PersistentVolumeClaimSpec;
    }
  | { apiVersion: "v1"; kind: "Secret"; metadata: ObjectMeta; type: "Opaque"; data: Record<string, string> }
  | {
      apiVersion: "v1";
      kind: "ConfigMap";
      metadata: ObjectMeta;
      data?: Record<string, string>;
      binaryData?: Record<string, string>;
    };

/** Kinds in the order `up` applies them (and `down` lists them). */
export const OBJECT_KINDS: readonly ObjectKind[] = ["PersistentVolumeClaim", "ConfigMap", "Secret"];

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/**
 * An object name (DNS subdomain) from compose names, which may hold capitals and "_":
 * lowercased, other characters replaced by "-".
 */
export function objectName(text: string, path: string): string {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, "-")
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "")
    .slice(0, 253)
    .replace(/[^a-z0-9]+$/, "");
  if (!DNS_SUBDOMAIN.test(name))
    throw new ComposeError(path, `"${text}" cannot be made a Kubernetes object name`);
  return name;
}

/** An existing object's name, used as given: it must already be valid. */
export function existingName(name: string, path: string): string {
  if (!DNS_SUBDOMAIN.test(name))
    throw new ComposeError(path, `"${name}" is not a valid Kubernetes object name (DNS subdomain)`);
  return name;
}

const DATA_KEY = /^[-._a-zA-Z0-9]+$/;

/** A key of a Secret's or ConfigMap's data: compose names mostly are; others get "_". */
export function dataKey(name: string): string {
  return DATA_KEY.test(name) ? name : name.replace(/[^-._a-zA-Z0-9]/g, "_");
}

export function projectMeta(name: string, project: string, labels: Record<string, string> = {}): ObjectMeta {
  return { name, labels: { ...labels, [LABEL_PROJECT]: project } };
}

/** Guards against two compose names that become the same object name. */
export class ObjectNames {
  private readonly seen = new Map<string, string>();
  claim(kind: ObjectKind, name: string, by: string): void {
    const key = `${kind}/${name}`;
    const other = this.seen.get(key);
    if (other !== undefined && other !== by) {
      throw new ComposeError(by, `becomes ${kind} "${name}", which ${other} already becomes`);
    }
    this.seen.set(key, by);
  }
}
