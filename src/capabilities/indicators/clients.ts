import type { Config } from '../../kernel/config.ts';
import { MemoryCache } from './sources/http.ts';
import { createKoladaClient } from './sources/kolada.ts';
import { createScbClient } from './sources/scb.ts';
import type { SourceClients } from './sync.ts';

// One cache per process: a sync button pressed twice in an hour asks Kolada once.
const cache = new MemoryCache();

/** The Kolada and SCB clients at the configured addresses (KOLADA_URL, SCB_URL). */
export function sourceClients(config: Pick<Config, 'KOLADA_URL' | 'SCB_URL'>): SourceClients {
  return {
    kolada: createKoladaClient({ baseUrl: config.KOLADA_URL, cache }),
    scb: createScbClient({ baseUrl: config.SCB_URL, cache }),
  };
}
