// Status conditions with Kubernetes semantics: lastTransitionTime moves only when status flips.
import type { Condition, ConditionStatus } from "../types.js";

export interface ConditionInput<T extends string> {
  type: T;
  status: ConditionStatus;
  reason: string;
  message: string;
}

/** Builds the new condition list in `order`, keeping transition times of unchanged statuses. */
export function mergeConditions<T extends string>(
  previous: Condition<T>[] | undefined,
  next: ConditionInput<T>[],
  generation: number,
  now: string,
): Condition<T>[] {
  return next.map((c) => {
    const old = previous?.find((p) => p.type === c.type);
    const lastTransitionTime = old && old.status === c.status ? old.lastTransitionTime : now;
    return { ...c, observedGeneration: generation, lastTransitionTime };
  });
}
