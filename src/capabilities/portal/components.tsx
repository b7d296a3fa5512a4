import type { ReactNode } from 'react';
import { formatNumber, type Lang } from './languages.ts';
import { commonMessages } from './messages/common.ts';

/** Text written by a municipality: in the reader's language when someone translated it, else Swedish, said so. */
export interface LocalText {
  text: string;
  /** The language the text is in: the page's language when translated, else 'sv'. */
  lang: Lang;
}

/**
 * Renders municipal text in its own language: Swedish inside an Arabic page is marked `lang="sv"` and left to right,
 * so a screen reader switches voice and the words are not mirrored; a visible note says it is not translated.
 */
export function Local({ value, pageLang, block = false }: { value: LocalText; pageLang: Lang; block?: boolean }) {
  if (value.lang === pageLang) return block ? <p>{value.text}</p> : <>{value.text}</>;
  const Tag = block ? 'p' : 'span';
  return (
    <>
      <Tag lang={value.lang} dir="ltr">
        {value.text}
      </Tag>
      {!block && ' '}
      <NotTranslated lang={pageLang} />
    </>
  );
}

export function NotTranslated({ lang }: { lang: Lang }) {
  return <span className="not-translated">{commonMessages(lang).notTranslated}</span>;
}

/**
 * A progress bar as SVG (the content security policy allows no style attributes, and SVG sizes are attributes),
 * hidden from assistive technology because the same number is always written beside it.
 */
export function ProgressBar({ value, lang, label }: { value: number; lang: Lang; label?: string }) {
  const share = Math.max(0, Math.min(1, value));
  return (
    <span className="progress">
      <svg className="progress-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        <rect className="progress-track" x="0" y="0" width="100" height="8" rx="2" />
        <rect className="progress-fill" x="0" y="0" width={share * 100} height="8" rx="2" />
      </svg>
      <span className="progress-text">
        {label ? `${label}: ` : ''}
        {formatNumber(lang, share, { style: 'percent', maximumFractionDigits: 0 })}
      </span>
    </span>
  );
}

/** A block with a heading that screen readers can jump to; `id` makes it linkable. */
export function Section({ id, title, children, level = 2 }: { id: string; title: ReactNode; children: ReactNode; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={`${id}-rubrik`} id={id}>
      <Heading id={`${id}-rubrik`}>{title}</Heading>
      {children}
    </section>
  );
}
