import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { forEachStore } from '../../../test/support/each-store.ts';
import type { OutlineNode, PlanOutline } from '../plans/outline.ts';
import type { DocumentView, ItemView } from '../plans/views.ts';
import type { DiffView, EditionView } from './views.ts';

const walk = (nodes: OutlineNode[]): OutlineNode[] => nodes.flatMap((n) => [n, ...walk(n.children)]);

await forEachStore('revisions API', (kind) => {
  let t: TestApp;
  let coordinator: string;
  let reporter: string;
  let adoptedId: string;
  let adopted: DocumentView;
  let revision: DocumentView;

  const outlineOf = async (id: string, cookie = coordinator) => {
    const res = await t.request('GET', `/api/plans/${id}/outline`, { cookie });
    assert.equal(res.statusCode, 200, res.body);
    return walk(res.json<PlanOutline>().nodes) as (OutlineNode & { id: string; version: number })[];
  };

  before(async () => {
    t = await startTestApp(kind);
    coordinator = await t.login('laxa.samordnare');
    reporter = await t.login('laxa.rapportor');
    adoptedId = (await t.request('GET', '/api/municipalities/1860/documents')).json<{ id: string }[]>()[0]?.id as string;
    adopted = (await t.request('GET', `/api/plans/${adoptedId}`)).json<DocumentView>();
    assert.equal(adopted.status, 'adopted');
  });
  after(() => t.close());

  it('starts a revision as a new draft edition copying metadata, items, responsibility and framework links', async () => {
    const byReporter = await t.request('POST', `/api/plans/${adoptedId}/revisions`, {
      cookie: reporter,
      body: { version: adopted.version },
    });
    assert.equal(byReporter.statusCode, 403);
    const stale = await t.request('POST', `/api/plans/${adoptedId}/revisions`, {
      cookie: coordinator,
      body: { version: adopted.version + 1 },
    });
    assert.equal(stale.statusCode, 409);

    const res = await t.request('POST', `/api/plans/${adoptedId}/revisions`, { cookie: coordinator, body: { version: adopted.version } });
    assert.equal(res.statusCode, 201, res.body);
    revision = res.json<DocumentView>();
    assert.notEqual(revision.id, adoptedId);
    assert.equal(revision.status, 'draft');
    assert.equal(revision.adopted, null);
    assert.equal(revision.title, adopted.title);
    assert.deepEqual([revision.levels, revision.valid, revision.followUp], [adopted.levels, adopted.valid, adopted.followUp]);

    const [before, copy] = [await outlineOf(adoptedId), await outlineOf(revision.id)];
    assert.equal(copy.length, before.length);
    const strip = (n: OutlineNode) => ({ ...n, id: undefined, version: undefined, children: n.children.length });
    assert.deepEqual(copy.map(strip), before.map(strip), 'same texts, responsibility, deadlines, targets and links');
    assert.ok(copy.every((n, i) => n.id !== before[i]?.id));

    const versions = (await t.request('GET', `/api/plans/${revision.id}/versions`, { cookie: coordinator })).json<EditionView[]>();
    assert.deepEqual(
      versions.map((v) => [v.id, v.edition, v.status, v.revisesId]),
      [
        [adoptedId, 1, 'adopted', null],
        [revision.id, 2, 'draft', adoptedId],
      ],
    );
  });

  it('refuses a second open revision of the same document, naming the open one', async () => {
    const again = await t.request('POST', `/api/plans/${adoptedId}/revisions`, { cookie: coordinator, body: { version: adopted.version } });
    assert.equal(again.statusCode, 409);
    const body = again.json<{ message: string; current: DocumentView }>();
    assert.match(body.message, /redan en påbörjad revidering \(utgåva 2\)/);
    assert.equal(body.current.id, revision.id);
    const ofDraft = await t.request('POST', `/api/plans/${revision.id}/revisions`, {
      cookie: coordinator,
      body: { version: revision.version },
    });
    assert.equal(ofDraft.statusCode, 400, 'a draft is edited, not revised');
  });

  it('keeps the draft revision from the public while the adopted edition stays readable', async () => {
    assert.equal((await t.request('GET', `/api/plans/${revision.id}`)).statusCode, 404);
    assert.equal((await t.request('GET', `/api/plans/${revision.id}/diff`)).statusCode, 404);
    const publicVersions = (await t.request('GET', `/api/plans/${adoptedId}/versions`)).json<EditionView[]>();
    assert.deepEqual(
      publicVersions.map((v) => v.edition),
      [1],
    );
  });

  it('shows no difference for an untouched revision, then every edit: changed, added, removed, moved, metadata', async () => {
    const untouched = (await t.request('GET', `/api/plans/${revision.id}/diff`, { cookie: coordinator })).json<DiffView>();
    assert.deepEqual([untouched.added, untouched.removed, untouched.changed, untouched.moved, untouched.document], [[], [], [], [], []]);
    assert.equal(untouched.before.id, adoptedId);

    let items = await outlineOf(revision.id);
    const sfi = items.find((n) => n.text.startsWith('Kvartalsvisa samtal')) as OutlineNode & { id: string; version: number };
    const edited = await t.request('PATCH', `/api/items/${sfi.id}`, {
      cookie: coordinator,
      body: { version: sfi.version, text: 'Månatliga samtal om SFI', recurrence: 'FREQ=MONTHLY' },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    const delmal = items.filter((n) => n.label === 'Delmål');
    const added = await t.request('POST', `/api/plans/${revision.id}/items`, {
      cookie: coordinator,
      body: { parentId: delmal[0]?.id, kind: 'activity', label: 'Aktivitet', text: 'Språkcaféer varje vecka', recurrence: 'FREQ=WEEKLY' },
    });
    assert.equal(added.statusCode, 201, added.body);
    assert.equal(added.json<ItemView>().text, 'Språkcaféer varje vecka');
    const victim = delmal[2]?.children.at(-1) as OutlineNode & { id: string; version: number };
    assert.equal((await t.request('DELETE', `/api/items/${victim.id}?version=${victim.version}`, { cookie: coordinator })).statusCode, 200);
    items = await outlineOf(revision.id);
    const mover = items.find((n) => n.id === delmal[1]?.children[0]?.id) as OutlineNode & { id: string; version: number };
    const moved = await t.request('POST', `/api/items/${mover.id}/move`, {
      cookie: coordinator,
      body: { version: mover.version, parentId: delmal[0]?.id, position: 0 },
    });
    assert.equal(moved.statusCode, 200, moved.body);
    const current = (await t.request('GET', `/api/plans/${revision.id}`, { cookie: coordinator })).json<DocumentView>();
    await t.request('PATCH', `/api/plans/${revision.id}`, {
      cookie: coordinator,
      body: { version: current.version, title: 'Integrationsplan Laxå kommun 2019-2022', valid: { from: '2019', to: '2022' } },
    });

    const diff = (await t.request('GET', `/api/plans/${revision.id}/diff`, { cookie: coordinator })).json<DiffView>();
    assert.deepEqual(
      diff.document.map((d) => d.field),
      ['title', 'valid'],
    );
    assert.deepEqual(diff.document[1], { field: 'valid', before: adopted.valid, after: { from: '2019', to: '2022' } });
    assert.deepEqual(
      diff.changed.map((c) => [c.before.text, c.fields.map((f) => [f.field, f.before, f.after])]),
      [
        [
          sfi.text,
          [
            ['text', sfi.text, 'Månatliga samtal om SFI'],
            ['recurrence', 'FREQ=MONTHLY;INTERVAL=3', 'FREQ=MONTHLY'],
          ],
        ],
      ],
    );
    assert.deepEqual(
      diff.added.map((a) => [a.item.text, a.parent?.id]),
      [['Språkcaféer varje vecka', delmal[0]?.id]],
    );
    assert.deepEqual(
      diff.removed.map((r) => r.item.text),
      [victim.text],
    );
    assert.deepEqual(
      diff.moved.map((m) => [m.after.id, m.reason, m.to.parent?.id, m.to.position]),
      [[mover.id, 'parent', delmal[0]?.id, 0]],
    );
    assert.equal(diff.before.edition, 1);
    assert.equal(diff.after.edition, 2);

    const reverse = (
      await t.request('GET', `/api/plans/${adoptedId}/diff?against=${revision.id}`, { cookie: coordinator })
    ).json<DiffView>();
    assert.equal(reverse.after.id, revision.id, 'the older edition is always the "before"');
    assert.equal(reverse.added.length, 1);
    const noBase = await t.request('GET', `/api/plans/${adoptedId}/diff`, { cookie: coordinator });
    assert.equal(noBase.statusCode, 400);
    const other = (await t.request('GET', '/api/municipalities/2514/documents')).json<{ id: string }[]>()[0]?.id;
    const foreign = await t.request('GET', `/api/plans/${revision.id}/diff?against=${other}`, { cookie: coordinator });
    assert.equal(foreign.statusCode, 400);
  });

  it('adopts the revision; the earlier edition becomes superseded, still readable by everyone', async () => {
    const current = (await t.request('GET', `/api/plans/${revision.id}`, { cookie: coordinator })).json<DocumentView>();
    const adoption = { body: 'KS', date: '2019-03-05', paragraph: '§ 30', dnr: 'KS 2019/12' };
    const byReporter = await t.request('POST', `/api/plans/${revision.id}/adopt`, {
      cookie: reporter,
      body: { version: current.version, adopted: adoption },
    });
    assert.equal(byReporter.statusCode, 403);
    const missing = await t.request('POST', `/api/plans/${revision.id}/adopt`, {
      cookie: coordinator,
      body: { version: current.version, adopted: { body: 'KS', date: '2019-03-05' } },
    });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json<{ details: { path: string }[] }>().details[0]?.path, '/adopted/paragraph');
    const stale = await t.request('POST', `/api/plans/${revision.id}/adopt`, {
      cookie: coordinator,
      body: { version: current.version - 1, adopted: adoption },
    });
    assert.equal(stale.statusCode, 409);

    const res = await t.request('POST', `/api/plans/${revision.id}/adopt`, {
      cookie: coordinator,
      body: { version: current.version, adopted: adoption },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<DocumentView>().status, 'adopted');
    assert.deepEqual(res.json<DocumentView>().adopted, adoption);

    const old = await t.request('GET', `/api/plans/${adoptedId}`);
    assert.equal(old.statusCode, 200, 'the superseded edition stays a public record');
    assert.equal(old.json<DocumentView>().status, 'superseded');
    assert.equal((await t.request('GET', `/api/plans/${adoptedId}/outline`)).statusCode, 200);
    const publicVersions = (await t.request('GET', `/api/plans/${revision.id}/versions`)).json<EditionView[]>();
    assert.deepEqual(
      publicVersions.map((v) => [v.edition, v.status, v.adopted?.date]),
      [
        [1, 'superseded', '2015-03-03'],
        [2, 'adopted', '2019-03-05'],
      ],
    );
    const again = await t.request('POST', `/api/plans/${revision.id}/adopt`, {
      cookie: coordinator,
      body: { version: res.json<DocumentView>().version, adopted: adoption },
    });
    assert.equal(again.statusCode, 400);

    const docs = (await t.request('GET', '/api/municipalities/1860/documents')).json<{ id: string; status: string; edition: number }[]>();
    assert.deepEqual(
      docs.map((d) => [d.id, d.status, d.edition]),
      [
        [revision.id, 'adopted', 2],
        [adoptedId, 'superseded', 1],
      ],
    );
    const admin = await t.login('admin', 'admin-test-password');
    const log = (await t.request('GET', `/api/audit?entityId=${adoptedId}`, { cookie: admin })).json<{ action: string }[]>();
    assert.equal(log[0]?.action, 'document.supersede');
  });

  it('revises the adopted revision again, comparing across editions by lineage', async () => {
    const current = (await t.request('GET', `/api/plans/${revision.id}`)).json<DocumentView>();
    const third = (
      await t.request('POST', `/api/plans/${revision.id}/revisions`, { cookie: coordinator, body: { version: current.version } })
    ).json<DocumentView>();
    const diff = (await t.request('GET', `/api/plans/${third.id}/diff?against=${adoptedId}`, { cookie: coordinator })).json<DiffView>();
    assert.equal(diff.before.edition, 1);
    assert.equal(diff.after.edition, 3);
    assert.deepEqual(
      [diff.added.length, diff.removed.length, diff.changed.length, diff.moved.length],
      [1, 1, 1, 1],
      'the third edition differs from the first exactly as the second did',
    );
  });
});
