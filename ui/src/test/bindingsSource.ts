/**
 * Reads the generated contract as text, so tests can compare the UI's tables with the union
 * members and object fields Rust actually declares (types do not exist at run time).
 */
import source from "../ipc/bindings.ts?raw";

/** Members of `export type Name = "a" | "b";`. */
export function unionMembers(name: string): string[] {
  const m = new RegExp(`export type ${name} = ([^;]+);`).exec(source);
  if (!m) throw new Error(`no string union ${name} in bindings.ts`);
  return m[1].split("|").map((s) => {
    const t = s.trim();
    if (!/^"[^"]*"$/.test(t)) throw new Error(`${name} is not a string union: ${t}`);
    return t.slice(1, -1);
  });
}

/** Field names of `export type Name = { a: …, b: … };` (doc comments removed). */
export function objectFields(name: string): string[] {
  const m = new RegExp(`export type ${name} = \\{([\\s\\S]*?)\\};`).exec(source);
  if (!m) throw new Error(`no object type ${name} in bindings.ts`);
  const body = m[1].replace(/\/\*\*[\s\S]*?\*\//g, "");
  return [...body.matchAll(/(?:^|[,{\s])(\w+)\s*:/g)].map((x) => x[1]);
}
