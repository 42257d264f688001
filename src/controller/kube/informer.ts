// A shared informer: list, then watch from the list's resourceVersion; an indexed cache and event
// handlers. Unlike client-node's informer it never stalls: a 410 Gone (as an HTTP status or an ERROR
// event) relists at once, any other failure or dropped connection re-watches with exponential backoff,
// and a watch that goes silent past its timeout is abandoned by a watchdog.
import type { Logger } from "pino";
import { errorMessage } from "../../errors.js";
import { childLogger } from "../../log.js";
import { ApiError, isGone, type KubeClient } from "./client.js";
import { type AnyObject, objectKey, type Status, type WatchEvent } from "./object.js";
import { describeResource, type ResourceType } from "./resources.js";

export interface EventHandlers<T extends AnyObject> {
  onAdd?(obj: T): void;
  onUpdate?(oldObj: T, newObj: T): void;
  onDelete?(obj: T): void;
}

/** Maps an object to the index values it is filed under. */
export type IndexFunc<T> = (obj: T) => string[];

export interface InformerOptions {
  /** Watch one namespace; all namespaces when absent. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Server-side watch timeout; the watch is renewed from the last resourceVersion afterwards. */
  watchTimeoutSeconds?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  log?: Logger;
}

export class Informer<T extends AnyObject> {
  readonly resource: ResourceType;
  private readonly client: KubeClient;
  private readonly opts: InformerOptions;
  private readonly cache = new Map<string, T>();
  private readonly indexFuncs = new Map<string, IndexFunc<T>>();
  private readonly indices = new Map<string, Map<string, Set<string>>>();
  private readonly handlers: EventHandlers<T>[] = [];
  private readonly log: Logger;
  private synced = false;
  private syncWaiters: (() => void)[] = [];
  private stopped = true;
  private loop: Promise<void> | undefined;
  private current: { abort(): void } | undefined;
  private wake: (() => void) | undefined;
  private rv = "";
  /** Counts of lists and watches started, for tests and debugging. */
  readonly stats = { lists: 0, watches: 0, relistsOnGone: 0, watchErrors: 0 };

  constructor(client: KubeClient, resource: ResourceType, opts: InformerOptions = {}) {
    this.client = client;
    this.resource = resource;
    this.opts = opts;
    this.log = (opts.log ?? childLogger("informer")).child({ resource: describeResource(resource) });
  }

  addEventHandler(h: EventHandlers<T>): void {
    this.handlers.push(h);
    if (this.synced) for (const obj of this.cache.values()) this.call(h, "onAdd", obj);
  }

  addIndex(name: string, fn: IndexFunc<T>): void {
    this.indexFuncs.set(name, fn);
    const idx = new Map<string, Set<string>>();
    this.indices.set(name, idx);
    for (const [key, obj] of this.cache) for (const v of fn(obj)) addTo(idx, v, key);
  }

  /** The cached object (shared, never mutate it). */
  get(key: string): T | undefined {
    return this.cache.get(key);
  }

  list(): T[] {
    return [...this.cache.values()];
  }

  byIndex(name: string, value: string): T[] {
    const keys = this.indices.get(name)?.get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const k of keys) {
      const obj = this.cache.get(k);
      if (obj) out.push(obj);
    }
    return out;
  }

  hasSynced(): boolean {
    return this.synced;
  }

  get lastResourceVersion(): string {
    return this.rv;
  }

  /** Resolves after the first successful list, or when the informer is stopped. */
  waitForSync(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.current?.abort();
    this.wake?.();
    await this.loop;
    for (const w of this.syncWaiters.splice(0)) w();
  }

  private async run(): Promise<void> {
    let needList = true;
    let failures = 0;
    while (!this.stopped) {
      try {
        if (needList) {
          await this.relist();
          needList = false;
        }
        const outcome = await this.watchOnce();
        if (outcome === "gone") {
          this.stats.relistsOnGone++;
          this.log.info({ resourceVersion: this.rv }, "watch resourceVersion expired; relisting");
          needList = true;
        }
        failures = outcome === "progress" || outcome === "gone" ? 0 : failures;
        if (outcome === "closed-early") failures++;
      } catch (err) {
        if (this.stopped) break;
        if (isGone(err)) {
          needList = true;
          this.stats.relistsOnGone++;
          continue;
        }
        failures++;
        this.stats.watchErrors++;
        this.log.warn({ err: errorMessage(err), failures }, "list/watch failed; retrying with backoff");
      }
      if (failures > 0 && !this.stopped) await this.sleep(this.backoff(failures));
    }
  }

  private async relist(): Promise<void> {
    this.stats.lists++;
    const list = await this.client.list<T>(this.resource, {
      namespace: this.opts.namespace,
      labelSelector: this.opts.labelSelector,
      fieldSelector: this.opts.fieldSelector,
    });
    if (this.stopped) return;
    const seen = new Set<string>();
    for (const obj of list.items) {
      const key = objectKey(obj);
      seen.add(key);
      const old = this.cache.get(key);
      if (!old) this.put(key, obj, undefined);
      else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion) this.put(key, obj, old);
    }
    for (const [key, old] of [...this.cache]) {
      if (!seen.has(key)) this.remove(key, old);
    }
    this.rv = list.metadata?.resourceVersion ?? "";
    if (!this.synced) {
      this.synced = true;
      for (const w of this.syncWaiters.splice(0)) w();
    }
  }

  /**
   * One watch from the current resourceVersion. "progress": it ended after delivering events or by
   * its server timeout; "gone": the resourceVersion expired; "closed-early": ended without either.
   */
  private watchOnce(): Promise<"progress" | "gone" | "closed-early"> {
    this.stats.watches++;
    const timeoutSeconds = this.opts.watchTimeoutSeconds ?? 300 + Math.floor(Math.random() * 300);
    const started = Date.now();
    return new Promise((resolve, reject) => {
      let progressed = false;
      let gone = false;
      let failed: Error | undefined;
      // A watch the server forgot to end (half-open connection) is abandoned after its timeout.
      const watchdog = setTimeout(
        () => {
          failed = new Error(`watch ${describeResource(this.resource)} silent past its timeout`);
          handle.abort();
        },
        (timeoutSeconds + 30) * 1000,
      );
      const handle = this.client.watch<T>(
        this.resource,
        {
          namespace: this.opts.namespace,
          labelSelector: this.opts.labelSelector,
          fieldSelector: this.opts.fieldSelector,
          resourceVersion: this.rv,
          allowWatchBookmarks: true,
          timeoutSeconds,
        },
        (ev) => {
          if (gone || failed) return;
          const result = this.apply(ev);
          if (result === "gone") {
            gone = true;
            handle.abort();
          } else if (result instanceof Error) {
            failed = result;
            handle.abort();
          } else {
            progressed = true;
          }
        },
        (err) => {
          clearTimeout(watchdog);
          this.current = undefined;
          if (gone) resolve("gone");
          else if (failed) reject(failed);
          else if (err) reject(err);
          else if (progressed || Date.now() - started >= timeoutSeconds * 1000 - 1000) resolve("progress");
          else resolve("closed-early");
        },
      );
      this.current = handle;
      if (this.stopped) handle.abort();
    });
  }

  private apply(ev: WatchEvent<T>): "ok" | "gone" | Error {
    const obj = ev.object;
    switch (ev.type) {
      case "ADDED":
      case "MODIFIED": {
        const key = objectKey(obj);
        this.put(key, obj, this.cache.get(key));
        break;
      }
      case "DELETED": {
        const key = objectKey(obj);
        const old = this.cache.get(key);
        if (old) this.remove(key, obj);
        break;
      }
      case "BOOKMARK":
        break;
      case "ERROR": {
        const status = obj as unknown as Status;
        if (status.code === 410) return "gone";
        return new ApiError(
          status.code ?? 500,
          `watch ${describeResource(this.resource)}: ${status.message ?? "error event"}`,
          status,
        );
      }
      default:
        return new Error(`watch ${describeResource(this.resource)}: unknown event type ${String(ev.type)}`);
    }
    const rv = obj.metadata?.resourceVersion;
    if (rv) this.rv = rv;
    return "ok";
  }

  private put(key: string, obj: T, old: T | undefined): void {
    // managedFields is often the largest part of an object and nothing here reads it; the object was
    // just parsed from the wire, so trimming it in place is safe.
    const meta = obj.metadata as { managedFields?: unknown } | undefined;
    if (meta?.managedFields !== undefined) delete meta.managedFields;
    if (old) this.unindex(key, old);
    this.cache.set(key, obj);
    for (const [name, fn] of this.indexFuncs) {
      const idx = this.indices.get(name);
      if (idx) for (const v of fn(obj)) addTo(idx, v, key);
    }
    for (const h of this.handlers) {
      if (old) this.call(h, "onUpdate", old, obj);
      else this.call(h, "onAdd", obj);
    }
  }

  private remove(key: string, last: T): void {
    const old = this.cache.get(key);
    if (old) this.unindex(key, old);
    this.cache.delete(key);
    for (const h of this.handlers) this.call(h, "onDelete", last);
  }

  private unindex(key: string, obj: T): void {
    for (const [name, fn] of this.indexFuncs) {
      const idx = this.indices.get(name);
      if (!idx) continue;
      for (const v of fn(obj)) {
        const set = idx.get(v);
        set?.delete(key);
        if (set && set.size === 0) idx.delete(v);
      }
    }
  }

  private call(h: EventHandlers<T>, which: "onAdd" | "onDelete", obj: T): void;
  private call(h: EventHandlers<T>, which: "onUpdate", old: T, obj: T): void;
  private call(h: EventHandlers<T>, which: keyof EventHandlers<T>, a: T, b?: T): void {
    try {
      if (which === "onUpdate") h.onUpdate?.(a, b as T);
      else h[which]?.(a);
    } catch (err) {
      this.log.error({ err: errorMessage(err) }, "informer event handler threw");
    }
  }

  private backoff(failures: number): number {
    const initial = this.opts.backoffInitialMs ?? 200;
    const max = this.opts.backoffMaxMs ?? 30_000;
    const ms = Math.min(max, initial * 2 ** Math.min(failures - 1, 20));
    return ms / 2 + Math.random() * (ms / 2);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(t);
        this.wake = undefined;
        resolve();
      };
    });
  }
}

function addTo(idx: Map<string, Set<string>>, value: string, key: string): void {
  let set = idx.get(value);
  if (!set) {
    set = new Set();
    idx.set(value, set);
  }
  set.add(key);
}
