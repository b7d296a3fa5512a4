import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ default: '0.0.0.0' }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 8 })),
  DEMO: Type.Boolean({ default: false }),
  SESSION_IDLE_MINUTES: Type.Integer({ minimum: 1, default: 120 }),
  SESSION_MAX_HOURS: Type.Integer({ minimum: 1, default: 12 }),
  COOKIE_SECURE: Type.Boolean({ default: false }),
  /** Where people reach the app; links in e-mail start with it. */
  PUBLIC_URL: Type.String({ pattern: '^https?://', default: 'http://localhost:3000' }),
  /**
   * Where readers report accessibility shortcomings of the public pages (the accessibility statement names it, as
   * the law requires): an e-mail address or a web address of the organisation running this instance.
   */
  ACCESSIBILITY_CONTACT: Type.String({ minLength: 3, default: 'tillganglighet@delaktig.local' }),
  /** smtp://user:pass@host:port or smtps://…; without it mail is kept in the outbox, marked not sent. */
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Delaktig <noreply@delaktig.local>' }),
  /** Days before a cycle's deadline the reminder goes out. */
  REMINDER_DAYS_BEFORE: Type.Integer({ minimum: 0, maximum: 60, default: 7 }),
  /** How long a personal link in an e-mail opens the reporter's entries. */
  LINK_VALID_DAYS: Type.Integer({ minimum: 1, maximum: 90, default: 21 }),
  /** Where official figures are fetched from (tests point these at a local server). */
  KOLADA_URL: Type.String({ pattern: '^https?://', default: 'https://api.kolada.se/v3' }),
  SCB_URL: Type.String({ pattern: '^https?://', default: 'https://api.scb.se/OV0104/v2beta/api/v2' }),
  /** Background work (report jobs, mail, reminders) polls this often; 0 turns the workers off. */
  WORKER_INTERVAL_MS: Type.Integer({ minimum: 0, default: 2000 }),
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For (audit log, limits). */
  TRUST_PROXY: Type.Boolean({ default: false }),
  /** Sign-in attempts per minute for one account from one address (guessing passwords). */
  SIGN_IN_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 10 }),
  /** Submissions per minute from one address to the forms anyone may send without signing in. */
  PUBLIC_WRITE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 20 }),
  /** Days an outbox message keeps its address and body; then only kind, subject, state and times remain. */
  MAIL_RETENTION_DAYS: Type.Integer({ minimum: 1, default: 365 }),
  /** Days a disabled account is kept before the retention job erases it. */
  ACCOUNT_RETENTION_DAYS: Type.Integer({ minimum: 1, default: 730 }),
  /** Open data (docs/open-data.md): who publishes the DCAT catalogue, and the address questions about the data go to. */
  OPEN_DATA_PUBLISHER: Type.String({ minLength: 1, default: 'Delaktig' }),
  OPEN_DATA_CONTACT: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$' })),
  /** Public pages and open data kept ready in memory (decision 0031): at most this many MB; 0 turns it off. */
  PUBLIC_CACHE_MB: Type.Optional(Type.Integer({ minimum: 0, default: 64 })),
  /** How long a kept public response may miss a change made by another process (the CLI, a second server). */
  PUBLIC_CACHE_TTL_SECONDS: Type.Optional(Type.Integer({ minimum: 0, default: 60 })),
  /** Request and worker logs (JSON lines on standard output): fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
});

export type Config = Static<typeof ConfigSchema>;

/** Reads the environment once at start-up; an unusable value stops the program with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<Config> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const converted = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, raw));
  const errors = [...Value.Errors(ConfigSchema, converted)];
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.path.slice(1)}: ${e.message} (got ${JSON.stringify(raw[e.path.slice(1)])})`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...(converted as Config), ...overrides };
}
