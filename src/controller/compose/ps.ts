// `berth compose ps`: the project's Services and, under each, its Replicas.
import type { Replica } from "../types.js";
import type { ComposeIO } from "./io.js";
import type { ComposeApi } from "./kube.js";
import { readyText, serviceProgress } from "./status.js";
import { formatTable } from "./table.js";

export interface PsOptions {
  namespace: string;
  project: string;
}

function replicaKey(r: Replica): [number, string] {
  return [r.spec.slot ?? 0, r.spec.nodeName ?? r.metadata.name ?? ""];
}

export async function composePs(api: ComposeApi, opts: PsOptions, io: ComposeIO): Promise<number> {
  const services = (await api.listServices(opts.namespace, opts.project)).sort((a, b) =>
    (a.metadata.name ?? "").localeCompare(b.metadata.name ?? ""),
  );
  if (services.length === 0) {
    io.stdout.write(`no Services of project "${opts.project}" in namespace "${opts.namespace}"\n`);
    return 0;
  }
  const replicas = await api.listReplicas(opts.namespace);
  const summary = services.map((svc) => {
    const p = serviceProgress(svc);
    return [p.name, svc.spec.mode ?? "Replicated", readyText(p), p.available ? "Available" : p.reason];
  });
  const rows: string[][] = [];
  for (const svc of services) {
    const name = svc.metadata.name ?? "";
    const mine = replicas
      .filter((r) => r.spec.service === name)
      .sort((a, b) => {
        const [sa, na] = replicaKey(a);
        const [sb, nb] = replicaKey(b);
        return sa - sb || na.localeCompare(nb);
      });
    for (const r of mine) {
      const st = r.status ?? {};
      rows.push([
        name,
        r.metadata.name ?? "",
        st.phase ?? "Pending",
        st.podName ?? "-",
        st.nodeName ?? r.spec.nodeName ?? "-",
        st.ready ? "true" : "false",
        String(st.restarts ?? 0),
      ]);
    }
  }
  io.stdout.write(formatTable(["SERVICE", "MODE", "READY", "STATE"], summary));
  io.stdout.write("\n");
  io.stdout.write(
    rows.length > 0
      ? formatTable(["SERVICE", "REPLICA", "PHASE", "POD", "NODE", "READY", "RESTARTS"], rows)
      : "no Replicas yet\n",
  );
  return 0;
}
