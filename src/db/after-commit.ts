import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  OperationNode,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';

/**
 * Which municipalities' data a committed write changed, for in-process caches of public responses (decision 0031).
 *
 * Every write in the product inserts an `audit_log` row in its transaction (through `recordAudit`, or in the same
 * statement as the change, via `auditRow`), naming the municipality. The dialect's driver is wrapped so that each
 * executed statement that inserts into `audit_log` is noticed — whichever function built it — and the listeners hear
 * the municipalities once the transaction's COMMIT has returned (never on ROLLBACK). Told before the commit, a
 * reader could fetch the old rows between the notice and the commit and keep them; told after, every reader that
 * started before the notice is known to be possibly stale.
 */

/** `null` stands for a change not tied to one municipality, or one whose municipality could not be read. */
export type ChangeListener = (municipalityCodes: readonly (string | null)[]) => void;

const listeners: ChangeListener[] = [];

/** Hears every committed audited write of every store opened in this process. */
export function onCommittedChange(listener: ChangeListener): () => void {
  listeners.push(listener);
  return () => {
    const at = listeners.indexOf(listener);
    if (at >= 0) listeners.splice(at, 1);
  };
}

function notify(codes: readonly (string | null)[]): void {
  if (codes.length === 0) return;
  for (const listener of listeners) {
    try {
      listener(codes);
    } catch {
      // A cache notice must never turn a committed write into an error for its caller.
    }
  }
}

type Node = OperationNode & Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';
}

function identifierName(node: unknown): string | undefined {
  const id = node as { kind?: string; name?: string } | undefined;
  return id?.kind === 'IdentifierNode' ? id.name : undefined;
}

/** The `municipality_code` of each row an insert into `audit_log` writes; null for a row whose value is an expression. */
function auditInsertCodes(node: Node): (string | null)[] {
  const into = node.into as { table?: { identifier?: unknown } } | undefined;
  if (identifierName(into?.table?.identifier) !== 'audit_log') return [];
  const columns = ((node.columns ?? []) as { column?: unknown }[]).map((c) => identifierName(c.column));
  const at = columns.indexOf('municipality_code');
  const values = node.values as { kind?: string; values?: unknown[] } | undefined;
  if (at < 0 || values?.kind !== 'ValuesNode') return [null];
  return (values.values ?? []).map((row) => {
    const list = row as { kind?: string; values?: unknown[] };
    const value = list.values?.[at];
    if (list.kind === 'PrimitiveValueListNode') return typeof value === 'string' ? value : null;
    const valueNode = value as { kind?: string; value?: unknown } | undefined;
    return valueNode?.kind === 'ValueNode' && typeof valueNode.value === 'string' ? valueNode.value : null;
  });
}

/** Every audit row a statement inserts, wherever in it (a data-modifying CTE included). */
export function auditedMunicipalities(root: OperationNode, sqlText: string): (string | null)[] {
  const found: (string | null)[] = [];
  let sawInsert = false;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!isNode(value)) return;
    if (value.kind === 'InsertQueryNode') {
      const codes = auditInsertCodes(value);
      if (codes.length > 0) sawInsert = true;
      found.push(...codes);
    }
    for (const key of Object.keys(value)) if (key !== 'kind') visit(value[key]);
  };
  visit(root);
  // Raw SQL that writes the log (no query tree to read): a change of unknown scope.
  if (!sawInsert && root.kind === 'RawNode' && /insert\s+into\s+"?audit_log"?/i.test(sqlText)) found.push(null);
  return found;
}

class WatchedConnection implements DatabaseConnection {
  inTransaction = false;
  pending: (string | null)[] = [];
  constructor(readonly inner: DatabaseConnection) {}

  async executeQuery<R>(query: CompiledQuery, ...rest: unknown[]): Promise<QueryResult<R>> {
    const result = await (this.inner.executeQuery as (q: CompiledQuery, ...r: unknown[]) => Promise<QueryResult<R>>)(query, ...rest);
    // Only statements naming the log are read further: a plain substring test for all others.
    if (query.sql.includes('audit_log')) {
      const codes = auditedMunicipalities(query.query, query.sql);
      if (this.inTransaction) this.pending.push(...codes);
      else notify(codes);
    }
    return result;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize: number, ...rest: unknown[]): AsyncIterableIterator<QueryResult<R>> {
    return (this.inner.streamQuery as (q: CompiledQuery, c: number, ...r: unknown[]) => AsyncIterableIterator<QueryResult<R>>)(
      query,
      chunkSize,
      ...rest,
    );
  }
}

const unwrap = (connection: DatabaseConnection) => (connection instanceof WatchedConnection ? connection.inner : connection);

class WatchingDriver implements Driver {
  readonly #wrappers = new WeakMap<DatabaseConnection, WatchedConnection>();
  constructor(private readonly inner: Driver) {
    const savepoints = ['savepoint', 'rollbackToSavepoint', 'releaseSavepoint'] as const;
    // Savepoints exist only where the dialect has them; a nested write's rows are kept until the outer commit.
    for (const name of savepoints) {
      const method = inner[name];
      if (method)
        this[name] = (connection: DatabaseConnection, savepointName: string, compileQuery: QueryCompiler['compileQuery']) =>
          method.call(inner, unwrap(connection), savepointName, compileQuery);
    }
  }
  savepoint?: Driver['savepoint'];
  rollbackToSavepoint?: Driver['rollbackToSavepoint'];
  releaseSavepoint?: Driver['releaseSavepoint'];

  init(...rest: unknown[]): Promise<void> {
    return (this.inner.init as (...r: unknown[]) => Promise<void>)(...rest);
  }
  async acquireConnection(...rest: unknown[]): Promise<DatabaseConnection> {
    const connection = await (this.inner.acquireConnection as (...r: unknown[]) => Promise<DatabaseConnection>)(...rest);
    let wrapper = this.#wrappers.get(connection);
    if (!wrapper) {
      wrapper = new WatchedConnection(connection);
      this.#wrappers.set(connection, wrapper);
    }
    return wrapper;
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await this.inner.beginTransaction(unwrap(connection), settings);
    if (connection instanceof WatchedConnection) {
      connection.inTransaction = true;
      connection.pending = [];
    }
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.inner.commitTransaction(unwrap(connection));
    if (connection instanceof WatchedConnection) {
      const codes = connection.pending;
      connection.inTransaction = false;
      connection.pending = [];
      notify(codes);
    }
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (connection instanceof WatchedConnection) {
      connection.inTransaction = false;
      connection.pending = [];
    }
    await this.inner.rollbackTransaction(unwrap(connection));
  }
  releaseConnection(connection: DatabaseConnection, ...rest: unknown[]): Promise<void> {
    return (this.inner.releaseConnection as (c: DatabaseConnection, ...r: unknown[]) => Promise<void>)(unwrap(connection), ...rest);
  }
  destroy(...rest: unknown[]): Promise<void> {
    return (this.inner.destroy as (...r: unknown[]) => Promise<void>)(...rest);
  }
}

/** The dialect with commit notices of audited writes; everything else is the dialect's own. */
export function withAfterCommit(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new WatchingDriver(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}
