// Crash injection for tests: BERTH_FAILPOINT=<name>[,<name>...] makes the process SIGKILL itself
// when it reaches a failpoint of that name, as `kill -9` at that instant would. Names are
// "<call>:<step>", e.g. "container-create:rootfs"; `failpoints` lists every one in the code.
// Unset (always, outside tests) a failpoint costs one Set lookup.

const armed = new Set(
  (process.env.BERTH_FAILPOINT ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);

/** Every failpoint in berthd, in the order a call passes them, for tests to iterate. */
export const FAILPOINTS = {
  runPodSandbox: ["pod-run:record", "pod-run:namespaces", "pod-run:network", "pod-run:ready"],
  createContainer: [
    "container-create:record",
    "container-create:image-hold",
    "container-create:dir",
    "container-create:rootfs",
    "container-create:bundle",
    "container-create:monitor",
    "container-create:runtime-record",
    "container-create:created",
  ],
  startContainer: ["container-start:runtime", "container-start:record"],
  stopContainer: ["container-stop:requested", "container-stop:signalled", "container-stop:record"],
  removeContainer: ["container-remove:runtime", "container-remove:record"],
  stopPodSandbox: ["pod-stop:containers", "pod-stop:network", "pod-stop:record"],
  removePodSandbox: ["pod-remove:stopped", "pod-remove:containers", "pod-remove:files", "pod-remove:record"],
} as const;

/** SIGKILLs the process when `name` is armed; otherwise nothing. */
export function failpoint(name: string): void {
  if (armed.size > 0 && armed.has(name)) process.kill(process.pid, "SIGKILL");
}
