// berthd's idle trim (dist/bin/berth-trim.node, src/trim): the clean pages of node's own code go
// back to the page cache, and the process runs on as before.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { HELPER_BINARY } from "../../src/version.js";

const ADDON = join(dirname(HELPER_BINARY), "berth-trim.node");

const statusKb = (key: string) =>
  Number(new RegExp(`^${key}:\\s+(\\d+) kB$`, "m").exec(readFileSync("/proc/self/status", "utf8"))?.[1]);

describe.skipIf(!existsSync(ADDON))("idle trim", () => {
  it("drops the file pages of read-only mappings, keeps anonymous memory, and the process works on", () => {
    const addon = createRequire(import.meta.url)(ADDON) as {
      dropFilePages(): number;
      mallocTrim(): boolean;
      fixMmapThreshold(): boolean;
    };
    const kept = Buffer.alloc(8 << 20, 7); // anonymous and touched: must stay
    const fileBefore = statusKb("RssFile");
    const anonBefore = statusKb("RssAnon");
    expect(addon.dropFilePages()).toBeGreaterThan(0);
    const fileAfter = statusKb("RssFile");
    expect(fileAfter).toBeLessThan(fileBefore * 0.7);
    expect(statusKb("RssAnon")).toBeGreaterThan(anonBefore * 0.8);
    // Code and data still there: the pages come back from the page cache when used.
    expect(kept.every((b) => b === 7)).toBe(true);
    expect(JSON.parse(JSON.stringify({ a: [1, 2, 3] }))).toEqual({ a: [1, 2, 3] });
    expect(addon.mallocTrim()).toBeTypeOf("boolean");
    expect(addon.fixMmapThreshold()).toBe(true);
  });
});
