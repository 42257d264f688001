// Reads critest's ginkgo JSON report, prints the tally and every failure, and exits non-zero when a
// spec failed that the allow-list does not name.
//   node critest-report.mjs <report.json> <allowlist.txt>
import { readFileSync } from "node:fs";

const [reportPath, allowPath] = process.argv.slice(2);
const allow = readFileSync(allowPath, "utf8")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"))
  .map((l) => {
    const i = l.indexOf(" # ");
    return { pattern: (i < 0 ? l : l.slice(0, i)).trim(), reason: i < 0 ? "" : l.slice(i + 3).trim() };
  });

const specs = [];
for (const suite of JSON.parse(readFileSync(reportPath, "utf8"))) {
  for (const r of suite.SpecReports ?? []) {
    if (r.LeafNodeType !== "It") continue;
    const name = [...(r.ContainerHierarchyTexts ?? []), r.LeafNodeText].join(" ");
    specs.push({ name, state: r.State, message: r.Failure?.Message ?? "" });
  }
}
const count = (s) => specs.filter((x) => x.state === s).length;
const failed = specs.filter((x) => x.state !== "passed" && x.state !== "skipped" && x.state !== "pending");
const unexpected = [];
for (const f of failed) {
  const a = allow.find((x) => f.name.includes(x.pattern));
  const first = f.message.split("\n").find((l) => l.trim()) ?? f.state;
  console.log(`  ${a ? "allowed" : "FAILED "}  ${f.name}\n             ${first.slice(0, 300)}`);
  if (!a) unexpected.push(f);
}
const allowed = failed.length - unexpected.length;
console.log(
  `critest: ${count("passed")} passed, ${unexpected.length} failed, ${count("skipped") + count("pending")} skipped` +
    ` of ${specs.length} specs (${allowed} failure${allowed === 1 ? "" : "s"} allowed by critest-allowlist.txt)`,
);
process.exit(unexpected.length ? 1 : 0);
