import { runtime } from "../../cri-api/runtime/v1/api.js";
import { ResourceExhaustedError } from "../errors.js";
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

/** Events a client may fall behind by before its stream ends (it reconnects and relists). */
export const MAX_EVENT_BACKLOG = 10_000;

/** GetContainerEvents: a stream of lifecycle events for kubelet's evented PLEG, until the client goes. */
export function containerEvents(deps: RuntimeDeps) {
  return (
    _req: runtime.v1.IGetEventsRequest,
    send: (res: runtime.v1.IContainerEventResponse) => Promise<void>,
    ctx: CallContext,
  ) =>
    new Promise<void>((resolve, reject) => {
      // Events are sent in order; a slow reader holds later ones in this queue, not in grpc's
      // buffers. The queue holds the bare events: each message is built when its turn comes, so
      // a client that stops reading costs a few bytes per event, not the pod's statuses (which
      // carry every container's labels and annotations) per event.
      let chain = Promise.resolve();
      let backlog = 0;
      const stop = () => deps.state.events.off("container", onEvent);
      const onEvent = (e: ContainerEvent) => {
        if (++backlog > MAX_EVENT_BACKLOG) {
          stop();
          reject(
            new ResourceExhaustedError(
              `the client fell behind by ${MAX_EVENT_BACKLOG} container events; reconnect and relist`,
            ),
          );
          return;
        }
        chain = chain
          .then(() => send(eventMessage(deps, e)))
          .catch(() => {})
          .finally(() => {
            backlog--;
          });
      };
      deps.state.events.on("container", onEvent);
      ctx.signal.addEventListener(
        "abort",
        () => {
          stop();
          resolve();
        },
        { once: true },
      );
    });
}

/**
 * The whole pod as it is now, as kubelet's evented PLEG takes the event for the pod's status: every
 * container of the pod (a deleted one no longer among them), not just this one.
 */
function eventMessage(deps: RuntimeDeps, e: ContainerEvent): runtime.v1.IContainerEventResponse {
  const pod = deps.state.findPod(e.podId);
  return {
    containerId: e.containerId,
    containerEventType: TYPES[e.type],
    createdAt: nsToLong(e.createdAt),
    podSandboxStatus: pod ? podSandboxStatusOf(pod) : null,
    containersStatuses: deps.state.containersOf(e.podId).map(containerStatusOf),
  };
}
