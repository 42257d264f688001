// Image service metrics on prom-client's default registry (registered once per process).
import { Counter, Gauge, Histogram, register } from "prom-client";

function once<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

export const imageMetrics = {
  pulls: once(
    "berth_image_pulls_total",
    () =>
      new Counter({
        name: "berth_image_pulls_total",
        help: "Image pulls by result.",
        labelNames: ["result"] as const,
      }),
  ),
  pullDuration: once(
    "berth_image_pull_duration_seconds",
    () =>
      new Histogram({
        name: "berth_image_pull_duration_seconds",
        help: "Duration of image pulls, resolution to snapshots ready.",
        buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      }),
  ),
  bytesFetched: once(
    "berth_image_bytes_fetched_total",
    () =>
      new Counter({
        name: "berth_image_bytes_fetched_total",
        help: "Blob bytes downloaded from registries.",
      }),
  ),
  bytesDeduplicated: once(
    "berth_image_bytes_deduplicated_total",
    () =>
      new Counter({
        name: "berth_image_bytes_deduplicated_total",
        help: "Layer bytes not fetched because the layer was already present or being fetched.",
      }),
  ),
  storeBytes: once(
    "berth_image_store_bytes",
    () => new Gauge({ name: "berth_image_store_bytes", help: "Bytes used by blobs and unpacked snapshots." }),
  ),
};
