// Compose labels are free text; Kubernetes labels are not. Valid ones stay labels (selectable),
// the rest become annotations, and keys under berth's own prefix are refused.
import { keyPath, type WarningSink } from "./reader.js";

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function isLabelKey(key: string): boolean {
  const slash = key.indexOf("/");
  if (slash < 0) return NAME.test(key);
  const prefix = key.slice(0, slash);
  return prefix.length <= 253 && PREFIX.test(prefix) && NAME.test(key.slice(slash + 1));
}

export function isLabelValue(value: string): boolean {
  return value === "" || NAME.test(value);
}

export const RESERVED_PREFIX = "berth.dev/";

export interface Metadata {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export function splitLabels(source: Map<string, string>, path: string, sink: WarningSink): Metadata {
  const out: Metadata = { labels: {}, annotations: {} };
  for (const [key, value] of source) {
    const at = keyPath(path, key);
    if (key.startsWith(RESERVED_PREFIX)) {
      sink.add(at, `the "${RESERVED_PREFIX}" prefix is reserved for berth, ignored`);
    } else if (isLabelKey(key) && isLabelValue(value)) {
      out.labels[key] = value;
    } else if (isLabelKey(key)) {
      sink.add(at, "not a valid Kubernetes label, kept as an annotation");
      out.annotations[key] = value;
    } else {
      sink.add(at, "not a valid Kubernetes label or annotation key, ignored");
    }
  }
  return out;
}
