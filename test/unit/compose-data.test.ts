// berth compose and the data of an app: named volumes as PersistentVolumeClaims, secrets and
// configs as Secrets and ConfigMaps, and how long a container is given to stop.
import { describe, expect, test } from "vitest";
import { convertCompose } from "../../src/controller/compose/convert.js";
import type { ComposeResource } from "../../src/controller/compose/resource.js";

const convert = (doc: unknown, env: Record<string, string> = {}) =>
  convertCompose(doc, { baseDir: "/srv/app", env, home: "/home/u" });

const podSpec = (r: { resources: ComposeResource[] }, i = 0) => r.resources[i]?.spec.template.spec;

describe("stop_grace_period", () => {
  test("maps to terminationGracePeriodSeconds, rounded up to whole seconds", () => {
    const r = convert({
      services: {
        a: { image: "x", stop_grace_period: "1m30s" },
        b: { image: "x", stop_grace_period: "1500ms" },
        c: { image: "x", stop_grace_period: "0s" },
      },
    });
    expect(r.resources.map((x) => x.spec.template.spec?.terminationGracePeriodSeconds)).toEqual([90, 2, 0]);
  });

  test("defaults to compose's 10 s, not Kubernetes' 30 s", () => {
    expect(podSpec(convert({ services: { a: { image: "x" } } }))?.terminationGracePeriodSeconds).toBe(10);
  });

  test("an invalid duration names its path", () => {
    expect(() => convert({ services: { a: { image: "x", stop_grace_period: "soon" } } })).toThrow(
      /services\.a\.stop_grace_period: invalid duration "soon"/,
    );
  });
});
