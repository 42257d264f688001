// dependsOn: whether a dependency meets its condition, and cycles in the namespace's graph, which
// are reported instead of waited on forever.
import type { DependencyCondition } from "../types.js";
import { withServiceDefaults } from "../types.js";
import type { DependencyView } from "./inputs.js";

export interface DependencyState {
  met: boolean;
  /** DependencyMissing | DependencyNotReady | DependencyMet */
  reason: "DependencyMissing" | "DependencyNotReady" | "DependencyMet";
  message: string;
}

/**
 * Started: every desired replica's Pod has started (Running or Succeeded); Healthy: every desired
 * replica is ready; Completed: every replica ended successfully. A Service with no desired
 * replicas meets any condition.
 */
export function dependencyState(dep: DependencyView, condition: DependencyCondition): DependencyState {
  if (!dep.service) {
    return { met: false, reason: "DependencyMissing", message: `service "${dep.name}" does not exist` };
  }
  const spec = withServiceDefaults(dep.service.spec);
  const desired =
    spec.mode === "Replicated"
      ? spec.replicas
      : (dep.service.status?.desiredReplicas ??
        dep.replicas.filter((r) => !r.metadata.deletionTimestamp).length);
  const live = dep.replicas.filter((r) => !r.metadata.deletionTimestamp);
  const meets = live.filter((r) => {
    const phase = r.status?.phase;
    if (condition === "Started") return phase === "Running" || phase === "Succeeded";
    if (condition === "Healthy") return r.status?.ready === true;
    return phase === "Succeeded";
  }).length;
  // Global services with no eligible node yet report desired 0 but are not usable either.
  const needed = spec.mode === "Global" && desired === 0 && !dep.service.status ? 1 : desired;
  if (meets >= needed) {
    return { met: true, reason: "DependencyMet", message: `service "${dep.name}" is ${condition}` };
  }
  const word = condition === "Started" ? "started" : condition === "Healthy" ? "healthy" : "completed";
  return {
    met: false,
    reason: "DependencyNotReady",
    message: `service "${dep.name}": ${meets} of ${needed} replicas ${word}`,
  };
}

/** Every dependency cycle of the graph (strongly connected components with a loop), each sorted. */
export function detectCycles(graph: Record<string, string[]>): string[][] {
  // Tarjan's algorithm, iterative so a long chain cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  const nodes = new Set<string>([...Object.keys(graph), ...Object.values(graph).flat()]);
  for (const root of [...nodes].sort()) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; next: number };
      const edges = graph[frame.node] ?? [];
      if (frame.next < edges.length) {
        const to = edges[frame.next++] as string;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(to) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent)
        low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = component.length === 1 && (graph[frame.node] ?? []).includes(frame.node);
        if (component.length > 1 || selfLoop) cycles.push(component.sort());
      }
    }
  }
  return cycles.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

/** A cycle reachable from `start` written as a path (`a → b → a`), or undefined when there is none. */
export function findCycleFrom(graph: Record<string, string[]>, start: string): string[] | undefined {
  const path: string[] = [];
  const onPath = new Set<string>();
  const done = new Set<string>();
  const visit = (node: string): string[] | undefined => {
    if (onPath.has(node)) return [...path.slice(path.indexOf(node)), node];
    if (done.has(node)) return undefined;
    path.push(node);
    onPath.add(node);
    for (const next of [...(graph[node] ?? [])].sort()) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    onPath.delete(node);
    done.add(node);
    return undefined;
  };
  return visit(start);
}
