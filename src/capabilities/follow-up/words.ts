/**
 * Follow-up's words in Swedish and English. No dependencies: the web app, the report renderers and the
 * mail texts all import this module, so every place says "Delvis uppfyllt" the same way.
 */
import type { Language } from '../../kernel/words.ts';

export const reportStatuses = ['not_started', 'in_progress', 'done', 'delayed', 'cancelled'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export const reportStates = ['open', 'draft', 'submitted', 'returned', 'approved'] as const;
export type ReportState = (typeof reportStates)[number];

export const assessments = ['met', 'partly_met', 'not_met', 'not_assessed'] as const;
export type Assessment = (typeof assessments)[number];

export const statusWords: Record<Language, Record<ReportStatus, string>> = {
  sv: { not_started: 'Ej påbörjad', in_progress: 'Pågår', done: 'Genomförd', delayed: 'Försenad', cancelled: 'Avbruten' },
  en: { not_started: 'Not started', in_progress: 'In progress', done: 'Done', delayed: 'Delayed', cancelled: 'Cancelled' },
};

export const stateWords: Record<Language, Record<ReportState, string>> = {
  sv: { open: 'Ej rapporterad', draft: 'Utkast', submitted: 'Inskickad', returned: 'Återsänd', approved: 'Godkänd' },
  en: { open: 'Not reported', draft: 'Draft', submitted: 'Submitted', returned: 'Returned', approved: 'Approved' },
};

export const assessmentWords: Record<Language, Record<Assessment, string>> = {
  sv: { met: 'Uppfyllt', partly_met: 'Delvis uppfyllt', not_met: 'Ej uppfyllt', not_assessed: 'Ej bedömt' },
  en: { met: 'Met', partly_met: 'Partly met', not_met: 'Not met', not_assessed: 'Not assessed' },
};

/** Traffic-light colours shared by screens, charts and reports (each with a word, never colour alone). */
export type Light = 'green' | 'yellow' | 'red' | 'grey';

export const lightWords: Record<Language, Record<Light, string>> = {
  sv: { green: 'Enligt plan', yellow: 'Risk', red: 'Avvikelse', grey: 'Ingen uppgift' },
  en: { green: 'On track', yellow: 'At risk', red: 'Off track', grey: 'No data' },
};

export const lightOfStatus: Record<ReportStatus, Light> = {
  not_started: 'yellow',
  in_progress: 'green',
  done: 'green',
  delayed: 'red',
  cancelled: 'grey',
};

export const lightOfAssessment: Record<Assessment, Light> = {
  met: 'green',
  partly_met: 'yellow',
  not_met: 'red',
  not_assessed: 'grey',
};
