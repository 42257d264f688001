// The object store behind the fake API server: one global resourceVersion counter (like etcd's
// revision), a bounded event history for watches (older revisions answer 410 Gone), optimistic
// concurrency, generation bumps on spec changes, the status subresource, finalizers and ownerReference
// garbage collection (asynchronous, like the real garbage collector).
import { randomBytes, randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { KubeObject, ObjectMeta, Status } from "../../../src/controller/kube/object.js";
import type { ResourceType } from "../../../src/controller/kube/resources.js";
import {
  type FieldPredicate,
  type LabelPredicate,
  parseFieldSelector,
  parseLabelSelector,
} from "./selectors.js";

export interface FakeResource extends ResourceType {
  /** PUT/PATCH on the object ignore `status`; only `/status` changes it; create drops it. */
  statusSubresource: boolean;
  /** The status an object gets on create when it has the status subresource (pods start Pending). */
  initialStatus?: () => unknown;
}

export type EventType = "ADDED" | "MODIFIED" | "DELETED";

export interface Change {
  rv: number;
  res: FakeResource;
  type: EventType;
  object: KubeObject;
  /** The object before the change (MODIFIED only), to turn selector transitions into ADDED/DELETED. */
  old?: KubeObject;
}

/** An API failure answered as a Status body. */
export class FakeApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details: Status["details"] = {},
  ) {
    super(message);
  }
  toStatus(): Status {
    return {
      kind: "Status",
      apiVersion: "v1",
      status: "Failure",
      message: this.message,
      reason: this.reason,
      code: this.code,
      details: this.details,
    };
  }
}

export interface Selectors {
  namespace?: string | undefined;
  labels: LabelPredicate;
  fields: FieldPredicate;
}

export function selectors(
  namespace?: string,
  labelSelector?: string | null,
  fieldSelector?: string | null,
): Selectors {
  try {
    return {
      namespace,
      labels: parseLabelSelector(labelSelector),
      fields: parseFieldSelector(fieldSelector),
    };
  } catch (err) {
    throw new FakeApiError(400, "BadRequest", (err as Error).message);
  }
}

export function matches(sel: Selectors, obj: KubeObject): boolean {
  if (sel.namespace && obj.metadata?.namespace !== sel.namespace) return false;
  return sel.labels(obj.metadata?.labels) && sel.fields(obj);
}

const NAME_RE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export interface StoreOptions {
  /** How many changes the watch history keeps; a watch from an older resourceVersion gets 410. */
  historyLimit?: number;
}

type Listener = (c: Change) => void;

export class FakeStore {
  private rv = 1;
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly byUid = new Map<string, { res: FakeResource; key: string }>();
  private history: Change[] = [];
  /** Every revision at or below this one has left the history. */
  private compactedRv = 0;
  private readonly historyLimit: number;
  private readonly listeners = new Set<Listener>();

  constructor(opts: StoreOptions = {}) {
    this.historyLimit = opts.historyLimit ?? 10_000;
  }

  get resourceVersion(): string {
    return String(this.rv);
  }

  /** Observes every committed change synchronously (watch streams, the simulated kubelet). */
  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Drops all history: every watch from an older resourceVersion then answers 410 Gone. */
  compact(): void {
    this.compactedRv = this.rv;
    this.history = [];
  }

  /** Changes after `rv` for a resource, or undefined when the history no longer reaches back that far. */
  changesSince(res: FakeResource, rv: number): Change[] | undefined {
    if (rv < this.compactedRv) return undefined;
    return this.history.filter((c) => c.rv > rv && c.res === res);
  }

  list(res: FakeResource, sel: Selectors): { items: KubeObject[]; resourceVersion: string } {
    const items: KubeObject[] = [];
    for (const obj of this.bucket(res).values()) if (matches(sel, obj)) items.push(structuredClone(obj));
    items.sort((a, b) => keyOf(res, a).localeCompare(keyOf(res, b)));
    return { items, resourceVersion: this.resourceVersion };
  }

  get(res: FakeResource, namespace: string | undefined, name: string): KubeObject {
    const obj = this.bucket(res).get(keyFor(res, namespace, name));
    if (!obj) throw notFound(res, name);
    return structuredClone(obj);
  }

  create(res: FakeResource, namespace: string | undefined, body: KubeObject): KubeObject {
    const obj = structuredClone(body) as KubeObject & { status?: unknown };
    const meta: ObjectMeta = { ...(obj.metadata ?? {}) };
    if (res.namespaced) {
      if (meta.namespace && namespace && meta.namespace !== namespace) {
        throw new FakeApiError(
          400,
          "BadRequest",
          "the namespace of the provided object does not match the namespace sent on the request",
        );
      }
      meta.namespace = namespace ?? meta.namespace;
      if (!meta.namespace) throw new FakeApiError(400, "BadRequest", "a namespace is required");
    } else {
      delete meta.namespace;
    }
    if (!meta.name && meta.generateName)
      meta.name = meta.generateName + randomBytes(3).toString("hex").slice(0, 5);
    validateName(res, meta.name);
    const bucket = this.bucket(res);
    const key = keyFor(res, meta.namespace, meta.name as string);
    if (bucket.has(key)) {
      throw new FakeApiError(409, "AlreadyExists", `${describe(res)} "${meta.name}" already exists`, {
        name: meta.name,
        group: res.group,
        kind: res.plural,
      });
    }
    meta.uid = randomUUID();
    meta.creationTimestamp = now();
    meta.generation = 1;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    meta.resourceVersion = String(++this.rv);
    obj.metadata = meta;
    obj.apiVersion = apiVersion(res);
    obj.kind = res.kind;
    if (res.statusSubresource) {
      if (res.initialStatus) obj.status = res.initialStatus();
      else delete obj.status;
    }
    bucket.set(key, obj);
    this.byUid.set(meta.uid, { res, key });
    this.emit({ rv: this.rv, res, type: "ADDED", object: obj });
    this.collectOrphansLater(res, key);
    return structuredClone(obj);
  }

  /** PUT on the object (`subresource` undefined) or on its status. */
  update(
    res: FakeResource,
    namespace: string | undefined,
    name: string,
    body: KubeObject,
    subresource?: "status",
  ): KubeObject {
    const cur = this.bucket(res).get(keyFor(res, namespace, name));
    if (!cur) throw notFound(res, name);
    if (body.metadata?.name !== undefined && body.metadata.name !== name) {
      throw new FakeApiError(
        400,
        "BadRequest",
        `the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    const want = body.metadata?.resourceVersion;
    if (want !== undefined && want !== "" && want !== cur.metadata?.resourceVersion)
      throw conflict(res, name);
    return this.commit(res, cur, structuredClone(body), subresource);
  }

  /** Read-modify-write applied atomically (PATCH): `mutate` gets a copy of the current object. */
  modify(
    res: FakeResource,
    namespace: string | undefined,
    name: string,
    mutate: (cur: KubeObject) => KubeObject,
    subresource?: "status",
  ): KubeObject {
    const cur = this.bucket(res).get(keyFor(res, namespace, name));
    if (!cur) throw notFound(res, name);
    const next = mutate(structuredClone(cur));
    const want = next.metadata?.resourceVersion;
    if (want !== undefined && want !== cur.metadata?.resourceVersion) throw conflict(res, name);
    return this.commit(res, cur, next, subresource);
  }

  delete(
    res: FakeResource,
    namespace: string | undefined,
    name: string,
    opts: { uid?: string; resourceVersion?: string; propagationPolicy?: string } = {},
  ): KubeObject {
    const key = keyFor(res, namespace, name);
    const cur = this.bucket(res).get(key);
    if (!cur) throw notFound(res, name);
    if (opts.uid && opts.uid !== cur.metadata?.uid) {
      throw new FakeApiError(
        409,
        "Conflict",
        `Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${cur.metadata?.uid}`,
      );
    }
    if (opts.resourceVersion && opts.resourceVersion !== cur.metadata?.resourceVersion)
      throw conflict(res, name);
    if ((cur.metadata?.finalizers?.length ?? 0) > 0) {
      if (cur.metadata?.deletionTimestamp) return structuredClone(cur);
      const next = structuredClone(cur);
      (next.metadata as ObjectMeta).deletionTimestamp = now();
      (next.metadata as ObjectMeta).deletionGracePeriodSeconds = 0;
      return this.write(res, key, cur, next);
    }
    return this.remove(res, key, cur, opts.propagationPolicy);
  }

  private commit(res: FakeResource, cur: KubeObject, body: KubeObject, subresource?: "status"): KubeObject {
    const key = keyOf(res, cur);
    let next: KubeObject & { status?: unknown };
    if (subresource === "status") {
      next = structuredClone(cur);
      const status = (body as { status?: unknown }).status;
      if (status === undefined) delete next.status;
      else next.status = status;
    } else {
      next = body;
      const curStatus = (cur as { status?: unknown }).status;
      if (res.statusSubresource) {
        if (curStatus === undefined) delete next.status;
        else next.status = structuredClone(curStatus);
      }
      const m = { ...(next.metadata ?? {}) };
      const c = cur.metadata as ObjectMeta;
      m.name = c.name;
      if (c.namespace) m.namespace = c.namespace;
      m.uid = c.uid;
      m.creationTimestamp = c.creationTimestamp;
      m.generation = c.generation;
      if (c.deletionTimestamp) m.deletionTimestamp = c.deletionTimestamp;
      else delete m.deletionTimestamp;
      if (c.deletionGracePeriodSeconds !== undefined)
        m.deletionGracePeriodSeconds = c.deletionGracePeriodSeconds;
      else delete m.deletionGracePeriodSeconds;
      next.metadata = m;
      next.apiVersion = cur.apiVersion;
      next.kind = cur.kind;
      if (c.deletionTimestamp) {
        const added = (m.finalizers ?? []).filter((f) => !(c.finalizers ?? []).includes(f));
        if (added.length > 0) {
          throw new FakeApiError(
            422,
            "Invalid",
            `${describe(res)} "${c.name}": no new finalizers can be added if the object is being deleted`,
          );
        }
      }
      if (!isDeepStrictEqual(specOf(cur), specOf(next))) m.generation = (c.generation ?? 1) + 1;
    }
    (next.metadata as ObjectMeta).resourceVersion = cur.metadata?.resourceVersion;
    // A write that changes nothing does not bump the resourceVersion, as with the real API server.
    if (isDeepStrictEqual(next, cur)) return structuredClone(cur);
    if (next.metadata?.deletionTimestamp && (next.metadata.finalizers?.length ?? 0) === 0) {
      return this.remove(res, key, cur, undefined);
    }
    return this.write(res, key, cur, next);
  }

  private write(res: FakeResource, key: string, cur: KubeObject, next: KubeObject): KubeObject {
    (next.metadata as ObjectMeta).resourceVersion = String(++this.rv);
    this.bucket(res).set(key, next);
    this.emit({ rv: this.rv, res, type: "MODIFIED", object: next, old: cur });
    return structuredClone(next);
  }

  private remove(
    res: FakeResource,
    key: string,
    cur: KubeObject,
    propagation: string | undefined,
  ): KubeObject {
    const gone = structuredClone(cur);
    (gone.metadata as ObjectMeta).resourceVersion = String(++this.rv);
    this.bucket(res).delete(key);
    const uid = cur.metadata?.uid;
    if (uid) this.byUid.delete(uid);
    this.emit({ rv: this.rv, res, type: "DELETED", object: gone });
    if (uid) setImmediate(() => this.collectDependents(uid, propagation === "Orphan"));
    return structuredClone(gone);
  }

  /** The garbage collector: dependents whose owners are all gone are deleted (or orphaned). */
  private collectDependents(ownerUid: string, orphan: boolean): void {
    for (const [, bucket] of this.objects) {
      for (const [key, obj] of [...bucket]) {
        const refs = obj.metadata?.ownerReferences ?? [];
        if (!refs.some((r) => r.uid === ownerUid)) continue;
        const res = this.byUid.get(obj.metadata?.uid ?? "")?.res;
        if (!res) continue;
        const live = refs.filter((r) => r.uid !== ownerUid && this.byUid.has(r.uid));
        if (orphan || live.length > 0) {
          const next = structuredClone(obj);
          (next.metadata as ObjectMeta).ownerReferences = refs.filter((r) => r.uid !== ownerUid);
          this.write(res, key, obj, next);
        } else {
          this.delete(res, obj.metadata?.namespace, obj.metadata?.name ?? "");
        }
      }
    }
  }

  /** An object created with owner references none of which exist is collected, as the real GC does. */
  private collectOrphansLater(res: FakeResource, key: string): void {
    setImmediate(() => {
      const obj = this.bucket(res).get(key);
      const refs = obj?.metadata?.ownerReferences ?? [];
      if (!obj || refs.length === 0 || refs.some((r) => this.byUid.has(r.uid))) return;
      this.delete(res, obj.metadata?.namespace, obj.metadata?.name ?? "");
    });
  }

  private emit(c: Change): void {
    this.history.push(c);
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.splice(0, this.history.length - this.historyLimit);
      this.compactedRv = dropped[dropped.length - 1]?.rv ?? this.compactedRv;
    }
    for (const l of this.listeners) l(c);
  }

  private bucket(res: FakeResource): Map<string, KubeObject> {
    const id = `${res.group}/${res.plural}`;
    let b = this.objects.get(id);
    if (!b) {
      b = new Map();
      this.objects.set(id, b);
    }
    return b;
  }
}

function specOf(obj: KubeObject): unknown {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj as Record<string, unknown>;
  return rest;
}

function keyFor(res: FakeResource, namespace: string | undefined, name: string): string {
  return res.namespaced ? `${namespace ?? ""}/${name}` : name;
}

function keyOf(res: FakeResource, obj: KubeObject): string {
  return keyFor(res, obj.metadata?.namespace, obj.metadata?.name ?? "");
}

function apiVersion(res: FakeResource): string {
  return res.group === "" ? res.version : `${res.group}/${res.version}`;
}

function describe(res: FakeResource): string {
  return res.group === "" ? res.plural : `${res.plural}.${res.group}`;
}

function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

function validateName(res: FakeResource, name: string | undefined): void {
  if (!name)
    throw new FakeApiError(
      422,
      "Invalid",
      `${describe(res)}: metadata.name: Required value: name or generateName is required`,
    );
  if (name.length > 253 || !NAME_RE.test(name)) {
    throw new FakeApiError(
      422,
      "Invalid",
      `${describe(res)} "${name}" is invalid: metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'`,
    );
  }
}

function notFound(res: FakeResource, name: string): FakeApiError {
  return new FakeApiError(404, "NotFound", `${describe(res)} "${name}" not found`, {
    name,
    group: res.group,
    kind: res.plural,
  });
}

function conflict(res: FakeResource, name: string): FakeApiError {
  return new FakeApiError(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${describe(res)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group: res.group, kind: res.plural },
  );
}
