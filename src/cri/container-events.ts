import { runtime } from "../../cri-api/runtime/v1/api.js";
import { containerStatusOf } from "./container-status.js";
import { nsToLong } from "./convert.js";
import type { CallContext } from "./instrument.js";
import type { RuntimeDeps } from "./runtime-deps.js";
import { podSandboxStatusOf } from "./sandbox-status.js";
import type { ContainerEvent } from "./state.js";

const TYPES: Record<ContainerEvent["type"], runtime.v1.ContainerEventType> = {
  CREATED: runtime.v1.ContainerEventType.CONTAINER_CREATED_EVENT,
  STARTED: runtime.v1.ContainerEventType.CONTAINER_STARTED_EVENT,
  STOPPED: runtime.v1.ContainerEventType.CONTAINER_STOPPED_EVENT,
  DELETED: runtime.v1.ContainerEventType.CONTAINER_DELETED_EVENT,
};

/** GetContainerEvents: a stream of lifecycle events for kubelet's evented PLEG, until the client goes. */
export function containerEvents(deps: RuntimeDeps) {
  return (
    _req: runtime.v1.IGetEventsRequest,
    send: (res: runtime.v1.IContainerEventResponse) => Promise<void>,
    ctx: CallContext,
  ) =>
    new Promise<void>((resolve) => {
      // Events are sent in order; a slow reader holds later ones in this queue, not in grpc's buffers.
      let chain = Promise.resolve();
      const onEvent = (e: ContainerEvent) => {
        // The whole pod as it is now, as kubelet's evented PLEG takes the event for the pod's status:
        // every container of the pod (a deleted one no longer among them), not just this one.
        const pod = deps.state.findPod(e.podId);
        const msg: runtime.v1.IContainerEventResponse = {
          containerId: e.containerId,
          containerEventType: TYPES[e.type],
          createdAt: nsToLong(e.createdAt),
          podSandboxStatus: pod ? podSandboxStatusOf(pod) : null,
          containersStatuses: deps.state.containersOf(e.podId).map(containerStatusOf),
        };
        chain = chain.then(() => send(msg)).catch(() => {});
      };
      deps.state.events.on("container", onEvent);
      ctx.signal.addEventListener(
        "abort",
        () => {
          deps.state.events.off("container", onEvent);
          resolve();
        },
        { once: true },
      );
    });
}
