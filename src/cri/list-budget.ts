// Every unfiltered list must fit one gRPC message: kubelet's CRI client takes at most 16 MiB
// (pkg/kubelet/cri/remote: maxMsgSize), and containerd sends at most 16 MiB too, so a node whose
// objects carry more metadata than that fails every ListContainers / ListPodSandbox /
// ListPodSandboxStats: PLEG's relist stops and the node goes NotReady for all its pods. Per-object
// limits (Kubernetes' 256 KiB of annotations) do not prevent it: 60 such objects exceed the message.
// So creates are refused with RESOURCE_EXHAUSTED once the metadata of all pods and containers would
// pass a budget below the limit; the one refused create is kubelet's to retry (it does, with
// back-off), and every other pod keeps working. Pods and containers share one budget because
// ListPodSandboxStats carries both (a pod's stats hold its containers' labels and annotations).
import { ResourceExhaustedError } from "../errors.js";

/** Room per object for everything else a list item carries: ids, metadata, image, stats. */
const ITEM_OVERHEAD = 1024;
/** 16 MiB less room for what ITEM_OVERHEAD underestimates and creates racing the check. */
export const LIST_BUDGET_BYTES = 12 * 1024 * 1024;

interface Meta {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** What one object adds to a list answer, roughly (keys and values as sent, plus the overhead). */
export function listItemBytes(o: Meta): number {
  let n = ITEM_OVERHEAD;
  for (const m of [o.labels, o.annotations])
    for (const [k, v] of Object.entries(m)) n += Buffer.byteLength(k) + Buffer.byteLength(v) + 8;
  return n;
}

/** Throws RESOURCE_EXHAUSTED when `adding` would take the objects' list items past the budget. */
export function checkListBudget(existing: Iterable<Meta>, adding: Meta, what: string): void {
  let total = listItemBytes(adding);
  for (const o of existing) total += listItemBytes(o);
  if (total > LIST_BUDGET_BYTES)
    throw new ResourceExhaustedError(
      `${what} refused: the labels and annotations of this node's pods and containers would reach ` +
        `${total} bytes, past the ${LIST_BUDGET_BYTES} that keep every list answer within the 16 MiB ` +
        "CRI message limit; remove pods or containers, or use less metadata",
    );
}
