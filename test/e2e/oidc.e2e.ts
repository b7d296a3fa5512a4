import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../src/kernel/config.ts';
import { buildServer } from '../../src/server.ts';
import { OFFLINE_SOURCES, TEST_LIMITS } from '../support/app.ts';
import { freePort, startOidcProvider, type TestProvider } from '../support/oidc-provider.ts';
import { ADMIN_PASSWORD, freshStore, type TestStore } from '../support/stores.ts';
import { browserSkipReason, expectNoAxeViolations, launchBrowser } from './support.ts';

const skip = browserSkipReason();

describe('single sign-on: from the login page through the provider into Delaktig', { skip }, () => {
  let store: TestStore;
  let app: FastifyInstance;
  let idp: TestProvider;
  let browser: Browser;
  let url: string;

  before(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    store = await freshStore('pglite');
    const config = loadConfig({}, { DEMO: true, WORKER_INTERVAL_MS: 0, PUBLIC_URL: url, ...OFFLINE_SOURCES, ...TEST_LIMITS });
    app = await buildServer({ db: store.db, store: store.kind, config, demo: true });
    await app.listen({ port, host: '127.0.0.1' });
    [idp, browser] = await Promise.all([startOidcProvider(`${url}/api/auth/oidc/callback`), launchBrowser()]);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
    const admin = login.cookies.find((c) => c.name === 'delaktig_session');
    const created = await app.inject({
      method: 'POST',
      url: '/api/admin/identity-providers',
      headers: { cookie: `delaktig_session=${admin?.value}` },
      payload: {
        municipalityCode: '1860',
        displayName: 'Logga in med Laxå kommuns konto',
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        roleClaim: 'groups',
        roleMapping: [{ value: 'integration-samordnare', role: 'coordinator' }],
        allowCreate: true,
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    await idp.setPerson('elsa-sub', {
      email: 'elsa.ek@laxa.se',
      email_verified: true,
      name: 'Elsa Ek',
      preferred_username: 'elsa.ek',
      groups: ['integration-samordnare'],
    });
  });
  after(async () => {
    await browser?.close();
    await idp?.close();
    await app?.close();
    await store?.close();
  });

  it('offers the button on an accessible login page, in Swedish and English', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${url}/logga-in`);
    await page.getByRole('link', { name: 'Logga in med Laxå kommuns konto' }).waitFor();
    await expectNoAxeViolations(page, 'login page with a single sign-on button (sv)');
    await page.getByLabel('Språk').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByRole('navigation', { name: "Sign in with your organisation's account" }).waitFor();
    await expectNoAxeViolations(page, 'login page with a single sign-on button (en)');
    await page.context().close();
  });

  it('signs in at the provider, lands signed in, and signs out everywhere', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${url}/logga-in?next=${encodeURIComponent('/kommuner/1860')}`);
    await page.getByRole('link', { name: 'Logga in med Laxå kommuns konto' }).click();
    // The provider's own (development) sign-in and consent pages.
    await page.waitForURL((u) => u.href.startsWith(idp.issuer));
    await page.locator('input[name="login"]').fill('elsa-sub');
    await page.locator('input[name="password"]').fill('vad-som-helst');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]', { hasText: /continue/i }).click();
    await page.waitForURL(`${url}/kommuner/1860`);
    await page.getByText('Elsa Ek').waitFor();
    await page.getByText('(samordnare)').waitFor();

    await page.getByRole('button', { name: 'Logga ut överallt' }).click();
    await page.getByRole('link', { name: 'Logga in' }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).json());
    assert.deepEqual(me, { user: null });
    await page.context().close();
  });

  it('says in words why a sign-in was refused', async () => {
    await idp.setPerson('frida-sub', { email: 'frida@laxa.se', email_verified: true, groups: [] });
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${url}/logga-in`);
    await page.getByRole('link', { name: 'Logga in med Laxå kommuns konto' }).click();
    await page.waitForURL((u) => u.href.startsWith(idp.issuer));
    await page.locator('input[name="login"]').fill('frida-sub');
    await page.locator('input[name="password"]').fill('vad-som-helst');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]', { hasText: /continue/i }).click();
    await page.waitForURL(`${url}/logga-in?sso=no_role`);
    await page.getByRole('alert').getByText('Ditt konto har ingen roll i Delaktig').waitFor();
    await page.context().close();
  });
});
