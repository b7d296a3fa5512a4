import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cycleOpenedMessage,
  dateInWords,
  escalationMessage,
  overdueMessage,
  reminderMessage,
  returnedMessage,
  type CycleMailFacts,
} from './messages.ts';

const facts: CycleMailFacts = {
  publicUrl: 'https://delaktig.laxa.se/',
  municipalityName: 'Laxå',
  recipientName: 'Anna Andersson',
  planTitle: 'Integrationsplan 2015–2018',
  cycleLabel: 'Uppföljning 2016',
  deadline: '2017-01-15',
  itemCount: 3,
  token: 'abc.123.sig',
  recipientRole: 'reporter',
  linkValidDays: 21,
};

describe('mail texts', () => {
  it('write dates the Swedish way', () => {
    assert.equal(dateInWords('2017-01-15'), '15 januari 2017');
    assert.equal(dateInWords('2016-12-01'), '1 december 2016');
    assert.equal(dateInWords('snart'), 'snart');
  });

  it('tell a reporter that a cycle opened, with the deadline, the count, her link and the sign-in page', () => {
    const { subject, body } = cycleOpenedMessage(facts);
    assert.equal(subject, 'Dags att följa upp Integrationsplan 2015–2018 (Uppföljning 2016)');
    assert.match(body, /^Hej Anna Andersson,/);
    assert.match(body, /3 punkter som din enhet ansvarar för väntar på din rapport\. Sista dag att rapportera är 15 januari 2017\./);
    assert.match(body, /15 januari 2017/);
    assert.ok(body.includes('https://delaktig.laxa.se/svara/abc.123.sig'));
    assert.ok(body.includes('https://delaktig.laxa.se/logga-in'));
    assert.match(body, /gäller i 21 dagar/);
    assert.match(body, /Delaktig — Laxå\n$/);
  });

  it('say one entry in the singular', () => {
    assert.match(cycleOpenedMessage({ ...facts, itemCount: 1 }).body, /1 punkt som/);
    assert.match(cycleOpenedMessage({ ...facts, recipientRole: 'coordinator' }).body, /som kommunens samordnare rapporterar/);
  });

  it('count down in reminders', () => {
    assert.match(reminderMessage({ ...facts, daysLeft: 7 }).body, /om 7 dagar, 15 januari 2017/);
    assert.match(reminderMessage({ ...facts, daysLeft: 1 }).body, /i morgon/);
    assert.match(reminderMessage({ ...facts, daysLeft: 0 }).body, /är i dag/);
  });

  it('say politely that a report is late, with the link', () => {
    const { subject, body } = overdueMessage(facts);
    assert.match(subject, /^Försenad rapport/);
    assert.match(body, /var 15 januari 2017/);
    assert.ok(body.includes('/svara/abc.123.sig'));
  });

  it('tell a unit head which entries are missing and who reports, linking the board and no personal link', () => {
    const { subject, body } = escalationMessage({
      publicUrl: 'https://delaktig.laxa.se',
      municipalityName: 'Laxå',
      headName: 'Bo Berg',
      unitName: 'Socialnämnden',
      planId: 'p1',
      planTitle: 'Integrationsplan 2015–2018',
      cycleId: 'c1',
      cycleLabel: 'Uppföljning 2016',
      deadline: '2017-01-15',
      entries: [
        { label: 'Aktivitet', number: '1.2', text: 'Kvartalsvisa samtal' },
        { label: 'Aktivitet', number: null, text: 'x'.repeat(200) },
      ],
      reporters: ['Anna Andersson'],
    });
    assert.equal(subject, 'Socialnämnden: rapporter saknas i uppföljningen av Integrationsplan 2015–2018');
    assert.match(body, /^Hej Bo Berg,/);
    assert.match(body, /- Aktivitet 1\.2: Kvartalsvisa samtal/);
    assert.match(body, /x…\n/);
    assert.match(body, /Rapportör för enheten: Anna Andersson\./);
    assert.ok(body.includes('https://delaktig.laxa.se/planer/p1/uppfoljning/c1'));
    assert.ok(!body.includes('/svara/'));
  });

  it('quote the coordinator when a report is returned', () => {
    const returned = {
      ...facts,
      entry: { label: 'Aktivitet', number: '3', text: 'Språkcafé' },
      comment: 'Ange antal deltagare.\nOch datum.',
      today: '2017-01-10',
    };
    const { subject, body } = returnedMessage(returned);
    assert.match(subject, /skickats tillbaka/);
    assert.match(body, /> Ange antal deltagare\.\n> Och datum\./);
    assert.match(body, /senast 15 januari 2017/);
    assert.match(returnedMessage({ ...returned, today: '2017-02-01' }).body, /så snart du kan/);
  });
});
