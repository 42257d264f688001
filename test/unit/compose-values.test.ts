// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings hold compose ${VAR} syntax
import { describe, expect, test } from "vitest";
import { interpolateString, parseEnvFile } from "../../src/controller/compose/interpolate.js";
import { WarningSink } from "../../src/controller/compose/reader.js";
import {
  bytesToQuantity,
  cpusToQuantity,
  parseBytes,
  parseDuration,
  splitShellWords,
} from "../../src/controller/compose/units.js";

describe("interpolation", () => {
  const env: Record<string, string> = { SET: "v", EMPTY: "" };
  const run = (s: string, sink?: WarningSink) => interpolateString(s, (n) => env[n], "p", sink);

  test.each([
    ["plain", "plain"],
    ["$SET and ${SET}", "v and v"],
    ["${UNSET:-d}|${EMPTY:-d}|${SET:-d}", "d|d|v"],
    ["${UNSET-d}|${EMPTY-d}|${SET-d}", "d||v"],
    ["${UNSET:+a}|${EMPTY:+a}|${SET:+a}", "||a"],
    ["${UNSET+a}|${EMPTY+a}|${SET+a}", "|a|a"],
    ["$$SET costs $$5", "$SET costs $5"],
    ["${UNSET:-${SET}-x}", "v-x"],
    ["100$ and $1", "100$ and $1"],
  ])("%s", (input, expected) => {
    expect(run(input)).toBe(expected);
  });

  test("an unset variable becomes empty with a warning naming the path", () => {
    const sink = new WarningSink();
    expect(run("a${NOPE}b", sink)).toBe("ab");
    expect(sink.list).toEqual([
      { path: "p", message: 'variable "NOPE" is not set, substituted with an empty string' },
    ]);
  });

  test("required variables fail with their message", () => {
    expect(() => run("${UNSET:?need it}")).toThrow(
      'p: required variable "UNSET" is missing a value: need it',
    );
    expect(() => run("${EMPTY:?need it}")).toThrow("required variable");
    expect(run("${EMPTY?need it}")).toBe("");
  });

  test("malformed references are errors", () => {
    expect(() => run("${SET")).toThrow('p: invalid interpolation format in "${SET": missing "}"');
    expect(() => run("${1X}")).toThrow("bad variable name");
    expect(() => run("${SET:x}")).toThrow("invalid interpolation format");
  });
});

describe("env files", () => {
  test("comments, export, quotes, inline comments, escapes and references", () => {
    const text = [
      "# comment",
      "",
      "export A=1",
      "B = two words  # trailing comment",
      "C='literal $A # not a comment'",
      'D="line\\nbreak ${A}"',
      "E=${A}-${OUTER}",
      "INHERIT",
      "MISSING",
    ].join("\n");
    const vars = parseEnvFile(text, "/x/.env", (n) => ({ OUTER: "o", INHERIT: "i" })[n]);
    expect(Object.fromEntries(vars)).toEqual({
      A: "1",
      B: "two words",
      C: "literal $A # not a comment",
      D: "line\nbreak 1",
      E: "1-o",
      INHERIT: "i",
    });
  });

  test("a bad line names the file and line", () => {
    expect(() => parseEnvFile("OK=1\nnot valid=2\n", "/x/api.env")).toThrow(
      '/x/api.env:2: invalid variable name "not valid"',
    );
    expect(() => parseEnvFile('A="open', "/x/e")).toThrow("/x/e:1: unterminated double-quoted value");
  });
});

describe("units", () => {
  test.each([
    ["echo hello", ["echo", "hello"]],
    [`sh -c 'echo "$HOME"'`, ["sh", "-c", 'echo "$HOME"']],
    [`a "b c" d\\ e ""`, ["a", "b c", "d e", ""]],
    [`say "quote \\" inside"`, ["say", 'quote " inside']],
    ["  spaced   out  ", ["spaced", "out"]],
  ])("splitShellWords(%j)", (input, words) => {
    expect(splitShellWords(input, "p")).toEqual(words);
  });

  test("unbalanced quotes are errors", () => {
    expect(() => splitShellWords("echo 'x", "services.a.command")).toThrow(
      "services.a.command: unterminated single quote",
    );
  });

  test.each([
    ["10s", 10_000],
    ["1m30s", 90_000],
    ["1h", 3_600_000],
    ["500ms", 500],
    ["1.5s", 1500],
    ["0", 0],
  ])("parseDuration(%s)", (input, ms) => {
    expect(parseDuration(input, "p")).toBe(ms);
  });

  test("durations need units", () => {
    expect(() => parseDuration("10", "p")).toThrow('p: invalid duration "10"');
    expect(() => parseDuration("5 minutes", "p")).toThrow("invalid duration");
  });

  test.each([
    [0.5, "500m"],
    ["0.25", "250m"],
    [2, "2"],
    ["1.5", "1500m"],
    [0.001, "1m"],
  ])("cpusToQuantity(%s)", (input, q) => {
    expect(cpusToQuantity(input, "p")).toBe(q);
  });

  test("CPU counts must be positive and expressible", () => {
    expect(() => cpusToQuantity(0, "p")).toThrow("positive CPU count");
    expect(() => cpusToQuantity(0.0001, "p")).toThrow("below the 0.001 CPU");
  });

  test.each([
    ["512m", 512 * 1024 ** 2, "512Mi"],
    ["512M", 512 * 1024 ** 2, "512Mi"],
    ["1gb", 1024 ** 3, "1Gi"],
    ["1.5g", 1.5 * 1024 ** 3, "1536Mi"],
    ["64Mi", 64 * 1024 ** 2, "64Mi"],
    ["100k", 102_400, "100Ki"],
    [1000, 1000, "1000"],
    ["300b", 300, "300"],
  ])("parseBytes(%s)", (input, bytes, quantity) => {
    expect(parseBytes(input, "p")).toBe(bytes);
    expect(bytesToQuantity(bytes)).toBe(quantity);
  });
});
