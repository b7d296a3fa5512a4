import type { FieldProblem } from '../../kernel/errors.ts';
import { sanitiseDescription, plainText } from '../catalogue/rules.ts';
import type { LocalText } from '../portal/components.tsx';
import type { Lang } from '../portal/languages.ts';

/** What a municipality writes and the public pages can show in another language. */
export const TRANSLATABLE_KINDS = ['document', 'item', 'activity', 'guide'] as const;
export type TranslatableKind = (typeof TRANSLATABLE_KINDS)[number];

/** The languages a translation can be in: every public language but Swedish, which is the original (decision 0030). */
export const TRANSLATION_LANGS = ['en', 'ar', 'ti', 'so', 'prs'] as const;
export type TranslationLang = (typeof TRANSLATION_LANGS)[number];

/** The languages' Swedish names, for messages staff read. */
export const swedishLanguageName: Record<TranslationLang, string> = {
  en: 'engelska',
  ar: 'arabiska',
  ti: 'tigrinja',
  so: 'somaliska',
  prs: 'dari',
};

export interface KindFields {
  /** The Swedish name of the thing, for messages ("Punkten finns inte."). */
  noun: string;
  /** Whether the kind has a description beside its title; a plan and an item have only one text. */
  description: boolean;
  /** The description is HTML (the catalogue's limited set) rather than plain text. */
  html: boolean;
  titleMax: number;
  descriptionMax: number;
}

/**
 * Which of an entity's texts are translated. An item has no title of its own: its text is what a reader sees as
 * the item (the label is the level's name, shown from the page's own messages), so the text is the "title".
 */
export const kindFields: Record<TranslatableKind, KindFields> = {
  document: { noun: 'Styrdokumentet', description: false, html: false, titleMax: 400, descriptionMax: 0 },
  item: { noun: 'Punkten', description: false, html: false, titleMax: 20000, descriptionMax: 0 },
  activity: { noun: 'Aktiviteten', description: true, html: true, titleMax: 200, descriptionMax: 8000 },
  guide: { noun: 'Vägledningen', description: true, html: false, titleMax: 300, descriptionMax: 8000 },
};

export function isTranslatableKind(value: string): value is TranslatableKind {
  return (TRANSLATABLE_KINDS as readonly string[]).includes(value);
}

export function isTranslationLang(value: string): value is TranslationLang {
  return (TRANSLATION_LANGS as readonly string[]).includes(value);
}

/** The problem with a language code in a URL, or null when it is one we translate into. */
export function langProblem(lang: string): FieldProblem | null {
  if (isTranslationLang(lang)) return null;
  if (lang === 'sv')
    return { path: '/lang', message: 'Svenska är originaltexten och översätts inte. Ändra texten i planen eller aktiviteten i stället.' };
  const names = TRANSLATION_LANGS.map((l) => `${swedishLanguageName[l]} (${l})`).join(', ');
  return { path: '/lang', message: `Språket ”${lang}” finns inte på de offentliga sidorna. Välj ett av: ${names}.` };
}

export function kindProblem(kind: string): FieldProblem | null {
  if (isTranslatableKind(kind)) return null;
  return { path: '/kind', message: `”${kind}” går inte att översätta. Det som kan översättas är document, item, activity och guide.` };
}

export interface TranslationInput {
  title: string;
  description?: string | null | undefined;
}

export interface CleanTranslation {
  title: string;
  description: string | null;
}

/**
 * A translation body, trimmed and checked against what its kind has. An activity's description is HTML and goes
 * through the catalogue's own sanitiser, so a translation can carry no more markup than the Swedish text can.
 */
export function checkTranslation(kind: TranslatableKind, input: TranslationInput): { value: CleanTranslation; problems: FieldProblem[] } {
  const fields = kindFields[kind];
  const problems: FieldProblem[] = [];
  const title = fields.html ? plainText(input.title) : input.title.trim();
  if (title === '') problems.push({ path: '/title', message: 'Rubriken får inte vara tom. Ta bort översättningen om den inte behövs.' });
  else if (title.length > fields.titleMax)
    problems.push({ path: '/title', message: `Rubriken är för lång: högst ${fields.titleMax} tecken, den har ${title.length}.` });
  let description: string | null = null;
  const raw = input.description?.trim() ?? '';
  if (raw !== '') {
    if (!fields.description)
      problems.push({ path: '/description', message: `${fields.noun} har bara en text att översätta. Lämna beskrivningen tom.` });
    else {
      description = fields.html ? sanitiseDescription(raw) : raw;
      if (description.length > fields.descriptionMax)
        problems.push({
          path: '/description',
          message: `Beskrivningen är för lång: högst ${fields.descriptionMax} tecken, den har ${description.length}.`,
        });
      if (description === '') description = null;
    }
  }
  return { value: { title, description }, problems };
}

/**
 * What a public page shows for one text: the translation in the reader's language when there is one, else the
 * Swedish original marked as Swedish (the page then says it is not translated). Swedish readers get the original.
 */
export function localText(swedish: string, translated: string | undefined, lang: Lang): LocalText {
  if (lang !== 'sv' && translated !== undefined && translated.trim() !== '') return { text: translated, lang };
  return { text: swedish, lang: 'sv' };
}
