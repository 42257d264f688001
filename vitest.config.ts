import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests share kernel state (mounts, cgroups, ports); run files one at a time there.
    fileParallelism: process.env.BERTH_TEST_PARALLEL === "1",
    reporters: ["default"],
  },
});
