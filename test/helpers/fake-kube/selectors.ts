// Label and field selectors as the API server parses them (the subset controllers use).

type Labels = Record<string, string> | undefined;

export type LabelPredicate = (labels: Labels) => boolean;

/** Parses `a=b,c!=d,e in (x,y),f notin (z),g,!h`; throws on syntax it does not understand. */
export function parseLabelSelector(sel: string | null | undefined): LabelPredicate {
  if (!sel || sel.trim() === "") return () => true;
  const terms: LabelPredicate[] = [];
  for (const raw of splitTopLevel(sel)) terms.push(parseTerm(raw.trim()));
  return (labels) => terms.every((t) => t(labels));
}

function parseTerm(term: string): LabelPredicate {
  const set = term.match(/^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/);
  if (set) {
    const [, key, op, list] = set as unknown as [string, string, string, string];
    const values = new Set(list.split(",").map((v) => v.trim()));
    return op === "in"
      ? (l) => l?.[key] !== undefined && values.has(l[key] ?? "")
      : (l) => l?.[key] === undefined || !values.has(l[key] ?? "");
  }
  const eq = term.match(/^([^\s!=]+)\s*(==|=|!=)\s*([^\s,]*)$/);
  if (eq) {
    const [, key, op, value] = eq as unknown as [string, string, string, string];
    return op === "!=" ? (l) => l?.[key] !== value : (l) => l?.[key] === value;
  }
  const absent = term.match(/^!([^\s!=]+)$/);
  if (absent) {
    const key = absent[1] as string;
    return (l) => l?.[key] === undefined;
  }
  const present = term.match(/^([^\s!=(),]+)$/);
  if (present) {
    const key = present[1] as string;
    return (l) => l?.[key] !== undefined;
  }
  throw new Error(`unable to parse requirement: "${term}"`);
}

export type FieldPredicate = (obj: unknown) => boolean;

/** Parses `metadata.name=x,spec.nodeName!=y` (equality on dotted paths; missing fields read as ""). */
export function parseFieldSelector(sel: string | null | undefined): FieldPredicate {
  if (!sel || sel.trim() === "") return () => true;
  const terms: FieldPredicate[] = [];
  for (const raw of sel.split(",")) {
    const m = raw.trim().match(/^([A-Za-z0-9_.]+)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw new Error(`invalid field selector: "${raw}"`);
    const [, path, op, value] = m as unknown as [string, string, string, string];
    const parts = path.split(".");
    const read = (obj: unknown): string => {
      let cur: unknown = obj;
      for (const p of parts)
        cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[p] : undefined;
      return cur === undefined || cur === null ? "" : String(cur);
    };
    terms.push(op === "!=" ? (o) => read(o) !== value : (o) => read(o) === value);
  }
  return (obj) => terms.every((t) => t(obj));
}

function splitTopLevel(sel: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of sel) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out;
}
