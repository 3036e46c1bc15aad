// Test helper: every inline data row of a Vega-Lite spec (layers, concatenations), flattened.
export type Row = Record<string, unknown>;

export function rows(spec: unknown): Row[] {
  const out: Row[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) { node.forEach(walk); return; }
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      const data = o.data as { values?: Row[] } | undefined;
      if (data?.values) out.push(...data.values);
      for (const k of ['layer', 'hconcat', 'vconcat', 'concat']) if (o[k]) walk(o[k]);
    }
  };
  walk(spec);
  return out;
}
