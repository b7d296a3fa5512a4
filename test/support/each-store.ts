import { after, describe } from 'node:test';
import type { StoreKind } from '../../src/db/database.ts';
import { dropTemplates, storeKinds } from './stores.ts';

/**
 * Declares the same API suite once per store: embedded PGlite and a PostgreSQL server. Without a server
 * (outside CI) the PostgreSQL half is reported as skipped with the reason, never passed silently.
 */
export async function forEachStore(name: string, suite: (kind: StoreKind) => void): Promise<void> {
  const kinds = await storeKinds();
  for (const { kind, skip } of kinds) {
    void describe(`${name} [${kind}]`, { skip }, () => suite(kind));
  }
  after(() => dropTemplates());
}
