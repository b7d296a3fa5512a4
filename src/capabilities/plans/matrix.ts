import type { ItemView } from './views.ts';

export interface MatrixUnit {
  id: string;
  name: string;
  abbreviation: string | null;
  kind: string;
}

export interface Matrix {
  columns: { unitId: string; name: string; abbreviation: string | null; kind: string }[];
  rows: {
    itemId: string;
    version: number;
    kind: string;
    label: string;
    number: string | null;
    text: string;
    depth: number;
    cells: Record<string, 'lead' | 'contributor'>;
  }[];
}

/**
 * The responsibility matrix: items (notes left out) in tree order × units. Columns are the plan's own
 * matrix columns first (Kalix: FoK, KS, SBF, SOC, UTB), then every other unit responsible for an item.
 */
export function buildMatrix(items: ItemView[], units: MatrixUnit[], matrixColumns: string[]): Matrix {
  const columnIds: string[] = [];
  for (const name of matrixColumns) {
    const unit = units.find((u) => u.name === name) ?? units.find((u) => u.abbreviation === name);
    if (unit && !columnIds.includes(unit.id)) columnIds.push(unit.id);
  }
  const children = new Map<string | null, ItemView[]>();
  for (const item of items) {
    const list = children.get(item.parentId) ?? [];
    list.push(item);
    children.set(item.parentId, list);
  }
  const rows: Matrix['rows'] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const item of (children.get(parentId) ?? []).sort((a, b) => a.position - b.position)) {
      if (item.kind === 'note') continue;
      const cells: Record<string, 'lead' | 'contributor'> = {};
      for (const r of item.responsible) {
        cells[r.unitId] = r.role;
        if (!columnIds.includes(r.unitId)) columnIds.push(r.unitId);
      }
      rows.push({
        itemId: item.id,
        version: item.version,
        kind: item.kind,
        label: item.label,
        number: item.number,
        text: item.text,
        depth,
        cells,
      });
      walk(item.id, depth + 1);
    }
  };
  walk(null, 0);
  const byId = new Map(units.map((u) => [u.id, u]));
  const columns = columnIds.flatMap((id) => {
    const u = byId.get(id);
    return u ? [{ unitId: u.id, name: u.name, abbreviation: u.abbreviation, kind: u.kind }] : [];
  });
  return { columns, rows };
}
