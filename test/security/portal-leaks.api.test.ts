import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../support/app.ts';
import { forEachStore } from '../support/each-store.ts';
import { ADMIN_PASSWORD, makeFixtures, must, OWN, secrets, type Fixtures } from './permission-fixtures.ts';

/**
 * The public portal and its downloads, crawled as a resident would: from the home page, every link on the site
 * followed, in Swedish and in Arabic. The permission fixtures plant words in things the public must never see
 * (a draft plan, a unit head's e-mail, a saved and a submitted but unapproved report, a supervisor's name, a draft
 * fund application, a matching participant, an unpublished activity): no page or file may contain one.
 */
const SUBMITTED = 'INSKICKAD-EJ-GODKAND-7f3a';
const MAX_PAGES = 1500;

function linksOf(body: string): string[] {
  return [...body.matchAll(/href="([^"#]+)/g)]
    .map((m) => (m[1] ?? '').replace(/&amp;/g, '&'))
    .filter((href) => href.startsWith('/') && !href.startsWith('//'));
}

await forEachStore('public portal shows nothing private', (kind) => {
  let t: TestApp;
  let fx: Fixtures;

  before(async () => {
    t = await startTestApp(kind, { ADMIN_PASSWORD });
    fx = await makeFixtures(t);
    // A report sent in but not yet approved: still the unit's and the coordinator's business, not the public's.
    const task = await t.store.db.selectFrom('report_task').select(['id', 'version']).where('id', '=', fx.task).executeTakeFirstOrThrow();
    await must(t, fx.cookies.reporter, 'PUT', `/api/tasks/${fx.task}`, {
      version: task.version,
      status: 'in_progress',
      progress: 40,
      narrative: `Inskickad ${SUBMITTED}`,
      targetValue: null,
      submit: true,
    });
    const state = await t.store.db.selectFrom('report_task').select('state').where('id', '=', fx.task).executeTakeFirstOrThrow();
    assert.equal(state.state, 'submitted');
  });
  after(() => t.close());

  it('has no planted secret on any page or download reachable from the home page', async () => {
    const planted = [...Object.values(secrets), SUBMITTED, fx.draft.id, fx.draftApplication, fx.newcomer];
    const queue = ['/sv', '/ar', `/sv/kommun/${OWN}/plan/${fx.plan.id}`, `/ar/kommun/${OWN}/plan/${fx.plan.id}`];
    const seen = new Set<string>(queue);
    const problems: string[] = [];
    let pages = 0;
    while (queue.length > 0 && pages < MAX_PAGES) {
      const url = queue.shift() as string;
      const res = await t.app.inject({ method: 'GET', url });
      pages++;
      if (res.statusCode >= 500) problems.push(`${url}: ${res.statusCode}`);
      for (const word of planted) if (res.body.includes(word)) problems.push(`${url} shows ${word}`);
      const type = String(res.headers['content-type'] ?? '');
      if (!type.startsWith('text/html')) continue;
      for (const link of linksOf(res.body)) {
        // The staff app and its sign-in are not public pages; the crawl stays on the portal and its open data.
        const portal = /^\/(sv|ar)(\/|$|\?)/.test(link) || link.startsWith('/api/open/');
        if (portal && !seen.has(link)) {
          seen.add(link);
          queue.push(link);
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(pages >= 40, `only ${pages} pages reached: the crawl did not get far`);
    console.log(`crawled ${pages} public pages and files (${kind})`);
  });

  it('answers the draft plan, its items and the unpublished activity with a 404 page', async () => {
    for (const url of [
      `/sv/kommun/${OWN}/plan/${fx.draft.id}`,
      `/ar/kommun/${OWN}/plan/${fx.draft.id}/punkt/${fx.draft.activity}`,
      `/sv/kommun/${OWN}/aktiviteter/${fx.activity}`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, `${url}: ${res.statusCode}`);
      for (const word of Object.values(secrets)) assert.ok(!res.body.includes(word), `${url} shows ${word}`);
    }
  });
});
