import ical, { ICalEventStatus } from 'ical-generator';
import { isLang } from '../portal/languages.ts';
import { descriptionText } from './rules.ts';
import type { ActivityView } from './service.ts';

/**
 * The catalogue as an iCalendar feed: one VEVENT per occurrence, in UTC, each with its own UID. Calendar apps
 * (Google, Outlook, Apple) show every occurrence exactly where it falls, a cancelled one as STATUS:CANCELLED with
 * its reason, and need no VTIMEZONE (decision 0018).
 */
export function activitiesCalendar(
  municipalityName: string,
  activities: ActivityView[],
  options: { baseUrl: string; lang?: string | undefined },
): string {
  const cal = ical({
    name: `Aktiviteter i ${municipalityName}`,
    prodId: { company: 'Delaktig', product: 'Aktivitetskatalog', language: 'SV' },
    ttl: 60 * 60 * 6,
  });
  // Residents open the activity's public page, in the feed's language where the portal has it.
  const pageLang = isLang(options.lang) ? options.lang : 'sv';
  for (const a of activities) {
    const translated = options.lang ? a.translations[options.lang] : undefined;
    const title = translated?.title || a.title;
    const text = descriptionText(translated?.description || a.description);
    for (const o of a.occurrences) {
      const lines = [
        o.cancelled ? `INSTÄLLT${o.cancelReason ? `: ${o.cancelReason}` : ''}` : '',
        text,
        a.cost ? `Kostnad: ${a.cost}` : '',
        a.registration ? `Anmälan: ${a.registration}` : '',
        a.contact ? `Kontakt: ${a.contact}` : '',
        `Arrangör: ${a.organiser.name}`,
        a.example ? 'Exempeldata.' : '',
      ].filter(Boolean);
      cal.createEvent({
        id: `${a.id}-${o.date}@delaktig`,
        start: new Date(o.start),
        end: new Date(o.end),
        stamp: a.publishedAt ? new Date(a.publishedAt) : new Date(o.start),
        sequence: a.version,
        summary: o.cancelled ? `Inställt: ${title}` : title,
        description: lines.join('\n\n'),
        location: [a.place.name, a.place.address].filter(Boolean).join(', ') || null,
        url: `${options.baseUrl}/${pageLang}/kommun/${a.municipalityCode}/aktiviteter/${a.id}`,
        status: o.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      });
    }
  }
  return cal.toString();
}
