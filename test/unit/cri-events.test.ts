// GetContainerEvents' backlog: a client that stops reading ends its stream instead of growing it.
import { EventEmitter } from "node:events";
import { expect, it } from "vitest";
import { containerEvents, MAX_EVENT_BACKLOG } from "../../src/cri/container-events.js";
import type { CallContext } from "../../src/cri/instrument.js";
import type { RuntimeDeps } from "../../src/cri/runtime-deps.js";
import { ResourceExhaustedError } from "../../src/errors.js";
import { configureLogger } from "../../src/log.js";

it("ends the stream with RESOURCE_EXHAUSTED once the client falls behind by the limit", async () => {
  const events = new EventEmitter();
  // Only what the handler touches: the event bus and the pod's current statuses.
  const deps = {
    state: { events, findPod: () => undefined, containersOf: () => [] },
  } as unknown as RuntimeDeps;
  const ctx: CallContext = {
    method: "GetContainerEvents",
    log: configureLogger("silent"),
    signal: new AbortController().signal,
  };
  let sent = 0;
  // A client that never reads: the first send never completes.
  const stream = containerEvents(deps)(
    {},
    () => {
      sent++;
      return new Promise<void>(() => {});
    },
    ctx,
  );
  const event = { type: "CREATED", containerId: "c", podId: "p", createdAt: "1" };
  for (let i = 0; i < MAX_EVENT_BACKLOG; i++) events.emit("container", event);
  expect(events.listenerCount("container")).toBe(1);
  events.emit("container", event);
  await expect(stream).rejects.toBeInstanceOf(ResourceExhaustedError);
  expect(events.listenerCount("container")).toBe(0);
  // Messages are built when their turn comes: only the first was.
  expect(sent).toBe(1);
});
