import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { createUser } from './capabilities/accounts/accounts.ts';
import { roles, type Role } from './capabilities/accounts/policies.ts';
import { systemActor } from './capabilities/audit/audit.ts';
import { exportOutline, importOutline } from './capabilities/plans/service.ts';
import { planOutlineJsonSchema, validateOutline } from './capabilities/plans/validate-outline.ts';
import { migrateToLatest, openStore, type Store } from './db/database.ts';
import { loadConfig, type Config } from './kernel/config.ts';
import { AppError } from './kernel/errors.ts';
import { buildServer } from './server.ts';
import { giveDemoUsersAddresses, seedDemoFollowUp } from './capabilities/follow-up/demo.ts';
import { makeReportFile } from './capabilities/follow-up/reports.ts';
import { sourceClients } from './capabilities/indicators/clients.ts';
import { seedDemoIndicators } from './capabilities/indicators/demo.ts';
import { seedDemoInternships } from './capabilities/internships/demo.ts';
import { seedDemoTrainings } from './capabilities/trainings/demo.ts';
import { seedDemoCatalogue } from './capabilities/catalogue/demo.ts';
import { seedDemoMatching } from './capabilities/matching/demo.ts';
import { purgeExpired } from './capabilities/matching/privacy.ts';
import { purgePersonalData, retentionPolicy, retentionSummary } from './capabilities/privacy/retention.ts';
import { seedDemoFund } from './capabilities/fund/demo.ts';
import { seedDemoGuide } from './capabilities/newcomer-guide/demo.ts';
import { backupCommand, restoreCommand } from './capabilities/backup/command.ts';
import { announceServer, newLocalToken } from './capabilities/backup/local-server.ts';
import { syncAll } from './capabilities/indicators/sync.ts';
import { isUuid } from './capabilities/plans/service.ts';
import { readPlan } from './capabilities/plan-import/import-plan.ts';
import { municipalities } from './capabilities/plan-import/service.ts';
import type { ReportFormat } from './capabilities/reports/model.ts';
import { ensureAdmin, hasNoDocuments, seedDemoUsers, seedMunicipalities, seedPlans } from './seed.ts';

const usage = `delaktig — integration plans of Swedish municipalities

Usage:
  delaktig serve [--demo] [--port N]       start the web server (migrates first)
  delaktig migrate                         apply database migrations
  delaktig seed [--demo]                   load municipalities and the five demo plans (--demo: demo accounts too)
  delaktig plan export <id> [--format json|yaml]
  delaktig plan import <file> [--municipality CODE] [--dry-run]
                                           a plan-outline/1 file (JSON or YAML), or a plan document (.docx, .pdf,
                                           .txt) read by the importer; --dry-run prints the plan-outline/1 and saves
                                           nothing
  delaktig plan schema                     print the JSON Schema of plan-outline/1
  delaktig report <planId> --cycle <cycleId|latest> --format docx|pdf|xlsx|csv --out <file>
                                           the follow-up report to the executive board (kept with the cycle)
  delaktig indicators sync [--municipality CODE] [--kpi ID] [--kolada-url URL] [--scb-url URL]
                                           fetch the official figures of Kolada and SCB indicators
  delaktig backup <file>                   a consistent snapshot of the whole database (also while the server runs)
  delaktig restore <file> [--replace]      load a snapshot into an empty database (--replace: replace everything)
  delaktig matching purge                  erase buddy/friend-family participants past their retention time
  delaktig privacy purge                   apply every retention rule now: dead sessions, expired links, old mail,
                                           long-disabled accounts, matching participants (MAIL_RETENTION_DAYS,
                                           ACCOUNT_RETENTION_DAYS)
  delaktig user add <username> --role ROLE [--municipality CODE] [--name NAME] [--unit UNIT_ID…]
                                           password from DELAKTIG_PASSWORD, else generated and printed

Environment: PORT (3000), DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL), ADMIN_PASSWORD, DEMO,
KOLADA_URL, SCB_URL, SMTP_URL (see the README).`;

async function openConfigured(config: Config): Promise<Store> {
  const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: join(config.DATA_DIR, 'db') });
  await migrateToLatest(store.db);
  return store;
}

const processOutput = { out: (text: string) => process.stdout.write(text), err: (text: string) => process.stderr.write(text) };

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 1;
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      port: { type: 'string' },
      format: { type: 'string' },
      cycle: { type: 'string' },
      kpi: { type: 'string' },
      'kolada-url': { type: 'string' },
      'scb-url': { type: 'string' },
      out: { type: 'string' },
      municipality: { type: 'string' },
      'dry-run': { type: 'boolean' },
      replace: { type: 'boolean' },
      role: { type: 'string' },
      name: { type: 'string' },
      unit: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub, arg] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${usage}\n`);
    return command || values.help ? 0 : 1;
  }
  let config: Config;
  try {
    config = loadConfig(process.env, {
      ...(values.port ? { PORT: Number(values.port) } : {}),
      ...(values.demo ? { DEMO: true } : {}),
    });
  } catch (error) {
    return fail((error as Error).message);
  }

  try {
    switch (command) {
      case 'serve':
        return await serve(config);
      case 'migrate': {
        const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: join(config.DATA_DIR, 'db') });
        const report = await migrateToLatest(store.db);
        await store.close();
        process.stdout.write(report.applied.length ? `Applied: ${report.applied.join(', ')}\n` : 'The database is up to date.\n');
        return 0;
      }
      case 'seed': {
        const store = await openConfigured(config);
        try {
          await seedMunicipalities(store.db);
          const plans = await seedPlans(store.db);
          const users = config.DEMO ? await seedDemoUsers(store.db) : [];
          if (config.DEMO) await giveDemoUsersAddresses(store.db);
          const cycles = config.DEMO && plans.length > 0 ? await seedDemoFollowUp(store.db) : 0;
          if (config.DEMO && plans.length > 0) await seedDemoIndicators(store.db);
          if (config.DEMO && plans.length > 0) await seedDemoInternships(store.db).then(() => seedDemoTrainings(store.db));
          if (config.DEMO) await seedDemoCatalogue(store.db);
          if (config.DEMO && plans.length > 0) await seedDemoMatching(store.db);
          if (config.DEMO) await seedDemoFund(store.db);
          if (config.DEMO) await seedDemoGuide(store.db);
          process.stdout.write(`Plans imported: ${plans.length ? plans.join('; ') : 'none (already there)'}\n`);
          if (config.DEMO) process.stdout.write(`Demo accounts created: ${users.length}; example follow-up cycles: ${cycles}\n`);
        } finally {
          await store.close();
        }
        return 0;
      }
      case 'indicators':
        if (sub !== 'sync')
          return fail('Usage: delaktig indicators sync [--municipality CODE] [--kpi ID] [--kolada-url URL] [--scb-url URL]');
        return await indicatorsSync(
          {
            ...config,
            ...(values['kolada-url'] ? { KOLADA_URL: values['kolada-url'] } : {}),
            ...(values['scb-url'] ? { SCB_URL: values['scb-url'] } : {}),
          },
          values.municipality,
          values.kpi,
        );
      case 'report':
        if (!sub) return fail('Usage: delaktig report <planId> --cycle <cycleId|latest> --format docx|pdf|xlsx|csv --out <file>');
        return await reportCommand(config, sub, values.cycle ?? 'latest', values.format ?? 'docx', values.out);
      case 'plan':
        return await planCommand(config, sub, arg, values.format ?? 'json', values.municipality, values['dry-run'] ?? false);
      case 'backup':
        return await backupCommand(config, sub, processOutput);
      case 'restore':
        return await restoreCommand(config, sub, values.replace ?? false, processOutput);
      case 'matching': {
        if (sub !== 'purge') return fail('Usage: delaktig matching purge');
        const store = await openConfigured(config);
        try {
          process.stdout.write(`Erased past their retention time: ${await purgeExpired(store.db)}\n`);
        } finally {
          await store.close();
        }
        return 0;
      }
      case 'privacy': {
        if (sub !== 'purge') return fail('Usage: delaktig privacy purge');
        const store = await openConfigured(config);
        try {
          process.stdout.write(`Retention applied: ${retentionSummary(await purgePersonalData(store.db, retentionPolicy(config)))}\n`);
        } finally {
          await store.close();
        }
        return 0;
      }
      case 'user':
        if (sub !== 'add' || !arg) return fail('Usage: delaktig user add <username> --role ROLE [--municipality CODE]');
        return await userAdd(config, arg, values.role, values.municipality, values.name, values.unit ?? []);
      default:
        return fail(`Unknown command "${command}".\n\n${usage}`);
    }
  } catch (error) {
    if (error instanceof AppError) {
      const details = (error.details ?? []).map((d) => `  ${d.path}: ${d.message}`).join('\n');
      return fail(`${error.message}${details ? `\n${details}` : ''}`);
    }
    throw error;
  }
}

async function indicatorsSync(config: Config, municipality: string | undefined, kpi: string | undefined): Promise<number> {
  if (municipality !== undefined && !/^\d{4}$/.test(municipality))
    return fail(`"${municipality}" is not a municipality code (four digits).`);
  if (kpi !== undefined && !/^[NU]\d{5}$/.test(kpi))
    return fail(`"${kpi}" is not a Kolada key figure id (N or U and five digits, e.g. N02926).`);
  const store = await openConfigured(config);
  try {
    const { done, failed } = await syncAll(store.db, sourceClients(config), { municipalityCode: municipality, kpi });
    for (const r of done)
      process.stdout.write(`${r.title}: ${r.fetched} fetched, ${r.added} new, ${r.corrected} corrected, ${r.unchanged} unchanged\n`);
    for (const f of failed) process.stderr.write(`${f.title}: ${f.message}\n`);
    if (done.length === 0 && failed.length === 0) process.stdout.write('No Kolada or SCB indicators match.\n');
    return failed.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

async function reportCommand(config: Config, planId: string, cycle: string, format: string, out: string | undefined): Promise<number> {
  if (!['docx', 'pdf', 'xlsx', 'csv'].includes(format)) return fail(`Unknown format "${format}": use docx, pdf, xlsx or csv.`);
  if (!isUuid(planId))
    return fail(`"${planId}" is not a plan id (a UUID; see the plan's address in the web app or GET /api/municipalities/CODE/documents).`);
  if (cycle !== 'latest' && !isUuid(cycle)) return fail(`"${cycle}" is not a cycle id: give a UUID or "latest".`);
  const store = await openConfigured(config);
  try {
    const rows = await store.db
      .selectFrom('follow_up_cycle')
      .select(['id', 'label', 'document_id'])
      .where('document_id', '=', planId)
      .orderBy('period_from', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
    const chosen = cycle === 'latest' ? rows[0] : rows.find((r) => r.id === cycle);
    if (!chosen)
      return fail(
        rows.length === 0 ? `The plan ${planId} has no follow-up cycles (or does not exist).` : `The plan has no cycle ${cycle}.`,
      );
    const started = Date.now();
    let shown = -1;
    const file = await makeReportFile(store.db, chosen.id, format as ReportFormat, 'system', (fraction) => {
      const percent = Math.floor(fraction * 10) * 10;
      if (percent !== shown && process.stderr.isTTY) process.stderr.write(`\r${chosen.label}: ${percent} %`);
      shown = percent;
    });
    const target = out ?? file.fileName;
    await writeFile(target, file.bytes);
    if (process.stderr.isTTY) process.stderr.write('\r');
    process.stdout.write(
      `${target}: ${file.fileName} (${Math.round(file.size / 1024)} kB, ${chosen.label}) in ${Date.now() - started} ms\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

async function serve(config: Config): Promise<number> {
  const started = Date.now();
  const store = await openConfigured(config);
  await seedMunicipalities(store.db);
  const admin = await ensureAdmin(store.db, config.ADMIN_PASSWORD);
  if (config.DEMO) {
    const fresh = await hasNoDocuments(store.db);
    if (fresh) await seedPlans(store.db);
    await seedDemoUsers(store.db);
    await giveDemoUsersAddresses(store.db);
    if (fresh) await seedDemoFollowUp(store.db);
    if (fresh) await seedDemoIndicators(store.db);
    if (fresh) await seedDemoInternships(store.db).then(() => seedDemoTrainings(store.db));
    await seedDemoCatalogue(store.db);
    await seedDemoMatching(store.db);
    await seedDemoFund(store.db);
    await seedDemoGuide(store.db);
  }
  const localToken = newLocalToken();
  const app = await buildServer({ db: store.db, store: store.kind, config, demo: config.DEMO, localToken }, { logger: true });
  let address: string;
  try {
    address = await app.listen({ port: config.PORT, host: config.HOST });
  } catch (error) {
    await store.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      return fail(`Port ${config.PORT} is already in use. Stop the other program or choose another port with PORT=…`);
    throw error;
  }
  const note =
    store.kind === 'pglite'
      ? announceServer(config.DATA_DIR, address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '[::1]'), localToken)
      : null;
  const where = store.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${join(config.DATA_DIR, 'db')}` : 'PostgreSQL server';
  process.stdout.write(`Delaktig listens on ${address.replace('0.0.0.0', 'localhost')} — ${where}, ready in ${Date.now() - started} ms\n`);
  if (admin.generatedPassword)
    process.stdout.write(
      `Administrator "admin" created with password: ${admin.generatedPassword}\n(shown once; set ADMIN_PASSWORD to choose it)\n`,
    );
  if (config.DEMO)
    process.stdout.write(
      'Demo mode: accounts <kommun>.samordnare / .rapportor / .lasare (laxa, ljusnarsberg, laholm, osteraker, kalix), password "demo".\n',
    );
  const stop = async () => {
    note?.withdraw();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return new Promise<number>(() => undefined);
}

async function planCommand(
  config: Config,
  sub: string | undefined,
  arg: string | undefined,
  format: string,
  municipality: string | undefined,
  dryRun: boolean,
): Promise<number> {
  if (sub === 'export') {
    if (!arg) return fail('Usage: delaktig plan export <id> [--format json|yaml]');
    if (format !== 'json' && format !== 'yaml') return fail(`--format must be json or yaml, not "${format}"`);
    const store = await openConfigured(config);
    try {
      const outline = await exportOutline(store.db, systemActor, arg);
      process.stdout.write(format === 'yaml' ? YAML.stringify(outline) : `${JSON.stringify(outline, null, 2)}\n`);
    } finally {
      await store.close();
    }
    return 0;
  }
  if (sub === 'schema') {
    process.stdout.write(`${JSON.stringify(planOutlineJsonSchema, null, 2)}\n`);
    return 0;
  }
  if (sub === 'import') {
    if (!arg) return fail('Usage: delaktig plan import <file> [--municipality CODE] [--dry-run]');
    if (!/\.(json|ya?ml)$/i.test(arg)) return importDocument(config, arg, municipality, dryRun);
    let parsed: unknown;
    try {
      const text = readFileSync(arg, 'utf8');
      parsed = /\.ya?ml$/i.test(arg) ? YAML.parse(text) : JSON.parse(text);
    } catch (error) {
      return fail(`${arg}: cannot be read as ${/\.ya?ml$/i.test(arg) ? 'YAML' : 'JSON'}: ${(error as Error).message}`);
    }
    const result = validateOutline(parsed);
    if ('problems' in result)
      return fail(
        `${arg} is not a valid plan-outline/1 file; nothing was saved:\n${result.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`,
      );
    if (dryRun) {
      process.stdout.write(`${JSON.stringify(result.outline, null, 2)}\n`);
      return 0;
    }
    const store = await openConfigured(config);
    try {
      await seedMunicipalities(store.db);
      const saved = await importOutline(store.db, systemActor, result.outline, municipality);
      process.stdout.write(
        `Saved "${result.outline.title}" as ${saved.documentId}: ${saved.itemCount} items${saved.createdUnits.length ? `, new units: ${saved.createdUnits.join(', ')}` : ''}\n`,
      );
    } finally {
      await store.close();
    }
    return 0;
  }
  return fail('Usage: delaktig plan export <id> | delaktig plan import <file>');
}

/** A Word, PDF or text plan through the importer: printed with --dry-run, else saved for the municipality. */
async function importDocument(config: Config, file: string, municipality: string | undefined, dryRun: boolean): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (error) {
    return fail(`${file}: cannot be read: ${(error as Error).message}`);
  }
  if (municipality !== undefined && !municipalities().some((m) => m.code === municipality))
    return fail(`--municipality ${municipality}: no such municipality code (four digits, SCB)`);
  let outline;
  try {
    const { extractSource } = await import('./capabilities/plan-import/extract.ts');
    const source = await extractSource(bytes, basename(file));
    const given = municipalities().find((m) => m.code === municipality) ?? null;
    const read = readPlan(source, { fileName: basename(file), municipality: given, municipalities: municipalities() });
    for (const warning of read.warnings) process.stderr.write(`${warning}\n`);
    outline = read.outline;
  } catch (error) {
    if (error instanceof AppError) return fail(`${file}: ${error.message}`);
    throw error;
  }
  if (dryRun) {
    process.stdout.write(`${JSON.stringify(outline, null, 2)}\n`);
    return 0;
  }
  const code = municipality ?? (outline.municipality.code !== '0000' ? outline.municipality.code : undefined);
  if (!code) return fail(`${file}: the document does not say which municipality it belongs to; give --municipality CODE`);
  const store = await openConfigured(config);
  try {
    await seedMunicipalities(store.db);
    const saved = await importOutline(store.db, systemActor, outline, code);
    process.stdout.write(
      `Saved "${outline.title}" as ${saved.documentId}: ${saved.itemCount} items${saved.createdUnits.length ? `, new units: ${saved.createdUnits.join(', ')}` : ''}\n`,
    );
  } catch (error) {
    if (error instanceof AppError)
      return fail(`${file}: ${error.message}${error.details ? `\n${JSON.stringify(error.details, null, 2)}` : ''}`);
    throw error;
  } finally {
    await store.close();
  }
  return 0;
}

async function userAdd(
  config: Config,
  username: string,
  role: string | undefined,
  municipality: string | undefined,
  name: string | undefined,
  units: string[],
): Promise<number> {
  if (!role || !roles.includes(role as Role)) return fail(`--role must be one of ${roles.join(', ')}`);
  const given = process.env.DELAKTIG_PASSWORD;
  const password = given ?? (await import('./capabilities/accounts/passwords.ts')).generatePassword();
  const store = await openConfigured(config);
  try {
    await seedMunicipalities(store.db);
    const user = await createUser(store.db, systemActor, {
      username,
      password,
      displayName: name ?? username,
      role: role as Role,
      municipalityCode: municipality ?? null,
      unitIds: units,
    });
    process.stdout.write(`Created ${user.role} "${user.username}"${user.municipalityCode ? ` in ${user.municipalityCode}` : ''}.\n`);
    if (!given) process.stdout.write(`Password: ${password}\n`);
  } finally {
    await store.close();
  }
  return 0;
}
