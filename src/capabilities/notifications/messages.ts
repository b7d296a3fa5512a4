import { dateInWords } from '../follow-up/periods.ts';

/**
 * The e-mails, in plain Swedish text. Pure: everything a message says is passed in, so the texts can be read
 * and tested without a database. Plain text only — it reaches every mail program and every screen reader.
 */
export interface MailText {
  subject: string;
  body: string;
}

// "2017-01-15" → "15 januari 2017", said as the rest of follow-up says it.
export { dateInWords };

const base = (publicUrl: string) => publicUrl.replace(/\/+$/, '');

export const personalLinkUrl = (publicUrl: string, token: string) => `${base(publicUrl)}/svara/${token}`;
export const signInUrl = (publicUrl: string) => `${base(publicUrl)}/logga-in`;
export const boardUrl = (publicUrl: string, planId: string, cycleId: string) =>
  `${base(publicUrl)}/planer/${planId}/uppfoljning/${cycleId}`;

/** What every message to a reporter or coordinator about one cycle needs. */
export interface CycleMailFacts {
  publicUrl: string;
  municipalityName: string;
  recipientName: string;
  planTitle: string;
  cycleLabel: string;
  /** ISO date. */
  deadline: string;
  /** Entries still waiting for this recipient. */
  itemCount: number;
  token: string;
  /** Coordinators report the entries no unit answers for; the wording differs slightly. */
  recipientRole: 'reporter' | 'coordinator';
  linkValidDays: number;
}

const signature = (municipalityName: string) => `Vänliga hälsningar\nDelaktig — ${municipalityName}`;

const entries = (n: number) => (n === 1 ? '1 punkt' : `${n} punkter`);

function linkLines(facts: CycleMailFacts): string[] {
  return [
    'Din personliga länk öppnar dina punkter direkt, utan lösenord:',
    personalLinkUrl(facts.publicUrl, facts.token),
    '',
    `Länken är personlig och gäller i ${facts.linkValidDays} dagar. Dela den inte vidare.`,
    `Du kan också logga in som vanligt: ${signInUrl(facts.publicUrl)}`,
  ];
}

const compose = (lines: string[]) => `${lines.join('\n')}\n`;

export function cycleOpenedMessage(facts: CycleMailFacts): MailText {
  const whose = facts.recipientRole === 'coordinator' ? 'som kommunens samordnare rapporterar' : 'som din enhet ansvarar för';
  return {
    subject: `Dags att följa upp ${facts.planTitle} (${facts.cycleLabel})`,
    body: compose([
      `Hej ${facts.recipientName},`,
      '',
      `Nu har uppföljningen av ${facts.planTitle} (${facts.cycleLabel}) öppnat.`,
      `${entries(facts.itemCount)} ${whose} väntar på din rapport. Sista dag att rapportera är ${dateInWords(facts.deadline)}.`,
      '',
      ...linkLines(facts),
      '',
      signature(facts.municipalityName),
    ]),
  };
}

export function reminderMessage(facts: CycleMailFacts & { daysLeft: number }): MailText {
  const when = facts.daysLeft <= 0 ? 'i dag' : facts.daysLeft === 1 ? 'i morgon' : `om ${facts.daysLeft} dagar`;
  return {
    subject: `Påminnelse: uppföljningen av ${facts.planTitle} ska vara klar ${dateInWords(facts.deadline)}`,
    body: compose([
      `Hej ${facts.recipientName},`,
      '',
      `En vänlig påminnelse: sista dag att rapportera i uppföljningen av ${facts.planTitle} (${facts.cycleLabel}) är ${when}, ${dateInWords(facts.deadline)}.`,
      `${entries(facts.itemCount)} väntar fortfarande på din rapport.`,
      '',
      ...linkLines(facts),
      '',
      signature(facts.municipalityName),
    ]),
  };
}

export function overdueMessage(facts: CycleMailFacts): MailText {
  return {
    subject: `Försenad rapport: ${facts.planTitle} (${facts.cycleLabel})`,
    body: compose([
      `Hej ${facts.recipientName},`,
      '',
      `Sista dag att rapportera i uppföljningen av ${facts.planTitle} (${facts.cycleLabel}) var ${dateInWords(facts.deadline)}.`,
      `${entries(facts.itemCount)} saknar fortfarande rapport. Rapportera så snart du kan — det går bra att skicka in även nu.`,
      'Om något hindrar dig, hör gärna av dig till kommunens integrationssamordnare.',
      '',
      ...linkLines(facts),
      '',
      signature(facts.municipalityName),
    ]),
  };
}

export interface OutstandingEntry {
  number: string | null;
  label: string;
  text: string;
}

export interface EscalationFacts {
  publicUrl: string;
  municipalityName: string;
  headName: string | null;
  unitName: string;
  planId: string;
  planTitle: string;
  cycleId: string;
  cycleLabel: string;
  deadline: string;
  entries: OutstandingEntry[];
  /** The unit's reporters, by name; empty when the unit has none. */
  reporters: string[];
}

const entryLine = (e: OutstandingEntry) => {
  const text = e.text.length > 120 ? `${e.text.slice(0, 117).trimEnd()}…` : e.text;
  return `- ${[e.label, e.number].filter(Boolean).join(' ')}: ${text}`;
};

/** To a unit's head: no personal link — the head signs in and reads the board. */
export function escalationMessage(facts: EscalationFacts): MailText {
  const who =
    facts.reporters.length === 0
      ? 'Enheten har ingen rapportör i Delaktig; en samordnare kan lägga till en.'
      : `Rapportör${facts.reporters.length === 1 ? '' : 'er'} för enheten: ${facts.reporters.join(', ')}.`;
  return {
    subject: `${facts.unitName}: rapporter saknas i uppföljningen av ${facts.planTitle}`,
    body: compose([
      `Hej${facts.headName ? ` ${facts.headName}` : ''},`,
      '',
      `Du får detta som chef för ${facts.unitName}. Sista dag att rapportera i uppföljningen av ${facts.planTitle} (${facts.cycleLabel}) var ${dateInWords(facts.deadline)}, och ${entries(facts.entries.length)} från enheten saknar fortfarande rapport:`,
      '',
      ...facts.entries.map(entryLine),
      '',
      who,
      'Vi är tacksamma om du hjälper till så att rapporterna kommer in.',
      '',
      `Uppföljningen i sin helhet (logga in): ${boardUrl(facts.publicUrl, facts.planId, facts.cycleId)}`,
      '',
      signature(facts.municipalityName),
    ]),
  };
}

export interface ReturnedFacts extends Omit<CycleMailFacts, 'itemCount' | 'recipientRole'> {
  entry: OutstandingEntry;
  comment: string;
  /** ISO date: past the deadline the message asks for the report as soon as possible instead. */
  today: string;
}

export function returnedMessage(facts: ReturnedFacts): MailText {
  return {
    subject: `Din rapport har skickats tillbaka: ${facts.planTitle} (${facts.cycleLabel})`,
    body: compose([
      `Hej ${facts.recipientName},`,
      '',
      `Samordnaren har skickat tillbaka din rapport i uppföljningen av ${facts.planTitle} (${facts.cycleLabel}) för komplettering:`,
      '',
      entryLine(facts.entry),
      '',
      'Samordnarens kommentar:',
      ...facts.comment
        .trim()
        .split('\n')
        .map((line) => `> ${line}`),
      '',
      facts.today <= facts.deadline
        ? `Ändra rapporten och skicka in den igen, senast ${dateInWords(facts.deadline)}.`
        : 'Ändra rapporten och skicka in den igen så snart du kan.',
      '',
      ...linkLines({ ...facts, itemCount: 1, recipientRole: 'reporter' }),
      '',
      signature(facts.municipalityName),
    ]),
  };
}
