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
export { type DependencyState, dependencyState, detectCycles, findCycleFrom } from "./dependencies.js";
export type { DependencyView, ReplicaPlanInput, ServicePlanInput } from "./inputs.js";
export {
  nodeReplicaName,
  podName,
  podSelector,
  revisionName,
  slotReplicaName,
  stableStringify,
} from "./names.js";
export { eligibleNodes } from "./nodes.js";
export { buildPod } from "./pod.js";
export { planReplica } from "./replica.js";
export { revisionTemplate, revisionTemplateOf, templateHash } from "./revisions.js";
export { planService, REVISION_HISTORY_LIMIT } from "./service.js";
