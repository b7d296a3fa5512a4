import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { OFFLINE_SOURCES, TEST_LIMITS } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import { ADMIN_PASSWORD, freshStore, type TestStore } from '../../../test/support/stores.ts';
import { loadConfig } from '../../kernel/config.ts';
import { buildServer } from '../../server.ts';
import { linkSecret, signLinkToken } from '../notifications/links.ts';

/**
 * The server's real logger, writing to memory, while requests full of personal data go through it: none of the
 * values may reach the log, and the log must still say that the requests happened.
 */
await forEachStore('logs hold no personal data', (kind) => {
  let store: TestStore;
  let app: FastifyInstance;
  const lines: string[] = [];
  const secrets: string[] = [];
  const remember = (...values: string[]) => secrets.push(...values);

  before(async () => {
    store = await freshStore(kind);
    const config = loadConfig({}, { DEMO: true, WORKER_INTERVAL_MS: 0, ...OFFLINE_SOURCES, ...TEST_LIMITS });
    app = await buildServer(
      { db: store.db, store: store.kind, config, demo: true },
      { logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } },
    );
    // A failure deep in the database that quotes the offending value, as PostgreSQL does; PGlite also attaches
    // the query and its parameters to the error.
    app.get('/api/test-only/database-failure', async (request) => {
      const email = (request.headers['x-test-value'] as string | undefined) ?? '';
      await sql`select ${email}::integer`.execute(store.db);
      return {};
    });
  });
  after(async () => {
    await app.close();
    await store.close();
  });

  it('logs every request, masked, and none of the personal values, tokens, passwords or cookies', async () => {
    const password = 'Hemligt-Lösen-4711';
    remember(password, ADMIN_PASSWORD);
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password } });
    assert.equal(wrong.statusCode, 401);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
    assert.equal(login.statusCode, 200, login.body);
    const session = login.cookies.find((c) => c.name === 'delaktig_session')?.value ?? '';
    assert.ok(session);
    remember(session);
    const cookie = `delaktig_session=${session}`;

    // A buddy programme and a newcomer registering herself with name, e-mail and phone.
    const coordinator = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'laxa.samordnare', password: 'demo' },
    });
    const coordinatorSession = coordinator.cookies.find((c) => c.name === 'delaktig_session')?.value ?? '';
    remember(coordinatorSession);
    const programme = await app.inject({
      method: 'POST',
      url: '/api/municipalities/1860/matching/programmes',
      headers: { cookie: `delaktig_session=${coordinatorSession}` },
      payload: {
        name: 'Fadderverksamhet',
        kind: 'buddy',
        consentText:
          'Jag samtycker till att Laxå kommun sparar mina uppgifter för att hitta en fadder, så länge jag är med och högst två år efter det.',
        registrationOpen: true,
      },
    });
    assert.equal(programme.statusCode, 201, programme.body);
    const person = {
      name: 'Loggtest Amira Persondata',
      email: 'amira.persondata@example.org',
      phone: '070-123 45 67',
      wishes: 'Någon som talar tigrinja i Hasselfors',
    };
    remember(person.name, person.email, person.phone, person.wishes);
    const registered = await app.inject({
      method: 'POST',
      url: `/api/municipalities/1860/matching/programmes/${programme.json<{ id: string }>().id}/registrations`,
      payload: {
        side: 'newcomer',
        consent: true,
        ...person,
        languages: ['tigrinja'],
        interests: ['fotboll'],
        area: 'Hasselfors',
        household: 'single',
        children: 0,
        availability: ['weekend'],
      },
    });
    assert.equal(registered.statusCode, 201, registered.body);

    // A fund applicant registering an organisation and an account.
    const applicant = { contactName: 'Kim Fondkontakt', contactEmail: 'kim.fondkontakt@example.org', password: 'fondens-hemliga-lösen' };
    remember(applicant.contactName, applicant.contactEmail, applicant.password);
    const fund = await app.inject({
      method: 'POST',
      url: '/api/municipalities/1860/fund/register',
      payload: {
        orgNumber: '802400-1235',
        name: 'Loggföreningen',
        kind: 'association',
        contactPhone: '0584-100 00',
        ...applicant,
      },
    });
    assert.equal(fund.statusCode, 201, fund.body);

    // A personal link, properly signed, in the path of both link routes and of the web app's page.
    const token = signLinkToken(await linkSecret(store.db), randomUUID(), Math.floor(Date.now() / 1000) + 86_400);
    remember(token, token.split('.')[2] ?? '');
    const opened = await app.inject({ method: 'GET', url: `/api/links/${token}` });
    assert.ok(opened.statusCode >= 400 && opened.statusCode < 500, opened.body);
    assert.equal((await app.inject({ method: 'GET', url: `/svara/${token}` })).statusCode < 500, true);
    const submit = await app.inject({ method: 'PUT', url: `/api/links/${token}/tasks/${randomUUID()}`, payload: { status: 'done' } });
    assert.ok(submit.statusCode >= 400 && submit.statusCode < 500, submit.body);

    // A value echoed by validation, e-mail addresses in the query string and in the path.
    const echoed = 'inte-en-adress-men-hemlig';
    remember(echoed, 'anna.fraga@example.org', 'bo.sokvag@example.org');
    const invalid = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie, authorization: 'Bearer hemlig-bärar-token-123' },
      payload: {
        username: 'ny.person',
        password: 'langt-nog-losen',
        displayName: 'Ny Person',
        email: echoed,
        role: 'reader',
        municipalityCode: '1860',
      },
    });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.body, new RegExp(echoed), 'the answer names the value; the log must not');
    remember('hemlig-bärar-token-123');
    assert.equal((await app.inject({ method: 'GET', url: '/api/ingenting?email=anna.fraga@example.org' })).statusCode, 404);
    assert.equal(
      (await app.inject({ method: 'GET', url: '/api/users/bo.sokvag@example.org/extract', headers: { cookie } })).statusCode,
      400,
    );

    // An unexpected failure whose database error carries the value.
    const failingValue = 'fel.varde@example.org';
    remember(failingValue);
    const crash = await app.inject({ method: 'GET', url: '/api/test-only/database-failure', headers: { 'x-test-value': failingValue } });
    assert.equal(crash.statusCode, 500);

    // Workers log messages made from error texts: an SMTP refusal naming its recipient, a bare error.
    app.log.error(`notifications: delivery failed: 550 <mottagare.smtp@example.org>: Recipient address rejected`);
    app.log.error(new Error('kunde inte skicka till "citerad.mottagare@example.org"'));
    remember('mottagare.smtp@example.org', 'citerad.mottagare@example.org');

    const log = lines.join('');
    for (const secret of secrets) assert.ok(!log.includes(secret), `the log holds ${JSON.stringify(secret)}`);
    for (const forbidden of [
      'cookie',
      'authorization',
      'password',
      'detail',
      'parameters',
      '"params"',
      '"query"',
      'Hasselfors',
      'tigrinja',
    ])
      assert.ok(!log.toLowerCase().includes(forbidden.toLowerCase()), `the log mentions ${forbidden}`);
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = entries.filter((e) => e.msg === 'request');
    assert.ok(requests.length >= 12, `a line per request (got ${requests.length})`);
    assert.ok(requests.every((e) => typeof e.reqId === 'string' && typeof e.ms === 'number' && typeof e.status === 'number'));
    assert.ok(
      requests.some((e) => e.path === '/api/links/…/tasks/' + (e.path as string).split('/').pop()),
      'the link route is logged with its token masked',
    );
    assert.ok(requests.some((e) => e.path === '/svara/…'));
    assert.ok(
      requests.some((e) => e.path === '/api/ingenting' && e.status === 404),
      'the path, without its query string',
    );
    assert.ok(requests.some((e) => e.path === '/api/users/…/extract'));
    const crashEntry = entries.find((e) => e.msg === 'unhandled error') as { err?: { stack?: string; message?: string } } | undefined;
    assert.match(crashEntry?.err?.stack ?? '', /\n\s+at /, 'the error is logged with its stack');
    assert.match(crashEntry?.err?.message ?? '', /integer/, 'with its message, the value cut out');
  });
});
