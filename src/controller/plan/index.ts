// Pure planning for the berth controller: observed objects in, concrete writes + status out.
// No I/O and no clock: `now` comes in with the input, so a plan is a function of its input.
export type {
  ObjectRef,
  Plan,
  PlanAction,
  PlannedEvent,
  PlannedObject,
  ReplicaPlan,
  ServicePlan,
} from "./actions.js";
export type { DependencyView, ReplicaPlanInput, ServicePlanInput } from "./inputs.js";

import type { ReplicaPlan, ServicePlan } from "./actions.js";
import type { ReplicaPlanInput, ServicePlanInput } from "./inputs.js";

/**
 * Plans one berth Service: ControllerRevisions, Replica objects (scale, placement, rolling update,
 * rollback), the core ClusterIP Service for `ports`, and the Service status with its conditions.
 */
export function planService(_input: ServicePlanInput): ServicePlan {
  throw new Error("planService: not implemented yet");
}

/** Plans one Replica: its single live Pod (create, replace per `restart`, update order) and its status. */
export function planReplica(_input: ReplicaPlanInput): ReplicaPlan {
  throw new Error("planReplica: not implemented yet");
}
