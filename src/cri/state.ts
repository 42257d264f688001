// The CRI layer's own state: pod and container records (persisted), name reservations, per-object
// locks and the container event feed for GetContainerEvents.
import { EventEmitter } from "node:events";
import { join } from "node:path";
import { AlreadyExistsError, NotFoundError } from "../errors.js";
import { KeyedMutex } from "../keyed-mutex.js";
import type { Logger } from "../log.js";
import type { ContainerRecord, PodRecord } from "./model.js";
import { RecordStore } from "./record-store.js";

export type ContainerEventType = "CREATED" | "STARTED" | "STOPPED" | "DELETED";

export interface ContainerEvent {
  containerId: string;
  podId: string;
  type: ContainerEventType;
  createdAt: bigint;
}

export class CriState {
  readonly locks = new KeyedMutex();
  readonly events = new EventEmitter<{ container: [ContainerEvent] }>();
  /** Names whose create is in flight → the id it will get. */
  private readonly inflight = new Map<string, string>();

  private constructor(
    readonly pods: RecordStore<PodRecord>,
    readonly containers: RecordStore<ContainerRecord>,
  ) {
    this.events.setMaxListeners(0);
  }

  static async open(root: string, log: Logger): Promise<CriState> {
    const pods = await RecordStore.open<PodRecord>(join(root, "pods"), log);
    const containers = await RecordStore.open<ContainerRecord>(join(root, "containers"), log);
    return new CriState(pods, containers);
  }

  /** The pod with this id or unique id prefix. */
  findPod(idOrPrefix: string): PodRecord | undefined {
    return findByPrefix(this.pods.list(), idOrPrefix);
  }

  requirePod(idOrPrefix: string): PodRecord {
    const p = this.findPod(idOrPrefix);
    if (!p) throw new NotFoundError(`pod sandbox "${idOrPrefix}" not found`);
    return p;
  }

  findContainer(idOrPrefix: string): ContainerRecord | undefined {
    return findByPrefix(this.containers.list(), idOrPrefix);
  }

  requireContainer(idOrPrefix: string): ContainerRecord {
    const c = this.findContainer(idOrPrefix);
    if (!c) throw new NotFoundError(`container "${idOrPrefix}" not found`);
    return c;
  }

  containersOf(podId: string): ContainerRecord[] {
    return this.containers.list().filter((c) => c.podId === podId);
  }

  /**
   * Reserves a name for a create in flight. A second create of the same name while the first runs is
   * refused naming the holder; the caller checks for a finished object of that name first.
   */
  reserve(key: string, id: string, kind: string): () => void {
    const holder = this.inflight.get(key);
    if (holder !== undefined) {
      throw new AlreadyExistsError(
        `${kind} name "${key}" is reserved by ${kind} "${holder}" being created right now`,
      );
    }
    this.inflight.set(key, id);
    return () => {
      if (this.inflight.get(key) === id) this.inflight.delete(key);
    };
  }

  emit(c: Pick<ContainerRecord, "id" | "podId">, type: ContainerEventType, at: bigint): void {
    this.events.emit("container", { containerId: c.id, podId: c.podId, type, createdAt: at });
  }
}

export function podNameKey(p: Pick<PodRecord, "name" | "namespace" | "uid" | "attempt">): string {
  return `${p.name}_${p.namespace}_${p.uid}_${p.attempt}`;
}

export function containerNameKey(c: Pick<ContainerRecord, "podId" | "name" | "attempt">): string {
  return `${c.podId}/${c.name}_${c.attempt}`;
}

function findByPrefix<T extends { id: string }>(items: T[], idOrPrefix: string): T | undefined {
  const exact = items.find((i) => i.id === idOrPrefix);
  if (exact) return exact;
  if (idOrPrefix.length < 6) return undefined;
  const matches = items.filter((i) => i.id.startsWith(idOrPrefix));
  return matches.length === 1 ? matches[0] : undefined;
}
