import { sql, type Kysely } from 'kysely';

// Migrations take Kysely<any> on purpose: they must keep working when the typed schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('municipality')
    .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^[0-9]{4}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('county', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('unit')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('committee','administration','unit','company','partner')`))
    .addColumn('abbreviation', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('unit_name_unique', ['municipality_code', 'name'])
    .execute();

  await db.schema
    .createTable('document')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipality.code'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft','proposed','adopted')`))
    .addColumn('adopted', 'jsonb')
    .addColumn('decided', 'jsonb')
    .addColumn('document_date', 'text')
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('revision', 'jsonb')
    .addColumn('follow_up', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('levels', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('matrix_columns', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('frameworks', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('source', 'jsonb')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('document_municipality_idx').on('document').column('municipality_code').execute();

  await db.schema
    .createTable('item')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('document_id', 'uuid', (c) => c.notNull().references('document.id').onDelete('cascade'))
    .addColumn('parent_id', 'uuid', (c) => c.references('item.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('vision','area','goal','activity','note')`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due', 'text')
    .addColumn('recurrence', 'text')
    .addColumn('period_from', 'text')
    .addColumn('period_to', 'text')
    .addColumn('target', 'jsonb')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('item_document_idx').on('item').columns(['document_id', 'parent_id', 'position']).execute();
  await db.schema.createIndex('item_parent_idx').on('item').column('parent_id').execute();

  await db.schema
    .createTable('item_responsibility')
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('item.id').onDelete('cascade'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('unit.id').onDelete('restrict'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('lead','contributor')`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_responsibility_pk', ['item_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('item_responsibility_unit_idx').on('item_responsibility').column('unit_id').execute();

  await db.schema
    .createTable('item_framework')
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('item.id').onDelete('cascade'))
    .addColumn('framework_item_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_framework_pk', ['item_id', 'framework_item_id'])
    .execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin','coordinator','reporter','reader')`))
    .addColumn('municipality_code', 'text', (c) => c.references('municipality.code'))
    .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('app_user_scope', sql`role = 'admin' or municipality_code is not null`)
    .execute();

  await db.schema
    .createTable('user_unit')
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('unit_id', 'uuid', (c) => c.notNull().references('unit.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('user_unit_pk', ['user_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('user_id', 'uuid')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('municipality_code', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .execute();
  await db.schema.createIndex('audit_log_municipality_idx').on('audit_log').columns(['municipality_code', 'id']).execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'session',
    'user_unit',
    'app_user',
    'item_framework',
    'item_responsibility',
    'item',
    'document',
    'unit',
    'municipality',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
