import { useTranslation } from 'react-i18next';
import type { Adoption } from '../client.ts';
import { describePeriod, lang } from '../format.ts';

/** "KS 2015-03-03 §41, dnr KS 2015/0200" */
export function adoptionText(adopted: Adoption | null): string {
  if (!adopted) return '';
  return [adopted.body, adopted.date, adopted.paragraph, adopted.dnr ? `dnr ${adopted.dnr}` : null].filter(Boolean).join(' ');
}

export function ValidText({ valid }: { valid: { from: string | null; to: string | null } }) {
  const { i18n } = useTranslation();
  return <>{describePeriod(valid, lang(i18n.language))}</>;
}
