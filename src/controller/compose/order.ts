// Start order from depends_on: dependencies before dependents, file order otherwise.

/** Names in dependency order; throws the cycle (as "a -> b -> a") if there is one. */
export function dependencyOrder(
  names: readonly string[],
  deps: (name: string) => readonly string[],
): string[] {
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (name: string): void => {
    const s = state.get(name);
    if (s === "done") return;
    if (s === "visiting") {
      const cycle = [...stack.slice(stack.indexOf(name)), name].join(" -> ");
      throw new CycleError(cycle);
    }
    state.set(name, "visiting");
    stack.push(name);
    for (const dep of deps(name)) visit(dep);
    stack.pop();
    state.set(name, "done");
    order.push(name);
  };
  for (const name of names) visit(name);
  return order;
}

export class CycleError extends Error {
  constructor(readonly cycle: string) {
    super(`dependency cycle: ${cycle}`);
  }
}
