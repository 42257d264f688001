import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["test/helpers/build.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      {
        extends: true,
        // Integration suites share kernel state (mounts, cgroups, iptables, ports): one file at a time.
        test: { name: "integration", include: ["test/integration/**/*.test.ts"], fileParallelism: false },
      },
      { extends: true, test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], fileParallelism: false } },
    ],
  },
});
