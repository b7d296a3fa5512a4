import type { ReactNode } from 'react';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../http.ts';
import { Section } from '../components.tsx';
import { formatDate } from '../languages.ts';
import { href, Page } from '../layout.tsx';
import { accessibilityMessages } from '../messages/accessibility.ts';
import { commonMessages } from '../messages/common.ts';
import { fill } from '../messages/define.ts';
import { pageRoute, type PageRequest } from '../render.tsx';

/** When the service was last assessed and the statement revised: change both when either changes. */
export const STATEMENT_ASSESSED = '2026-12-03';
export const STATEMENT_UPDATED = '2026-12-03';
/** Digg's form for reporting a lack of accessibility, as its statement template requires. */
export const DIGG_REPORT_URL = 'https://www.digg.se/tdosanmalan';

/** The contact from the configuration as a link: an e-mail address opens mail, a web address the page. */
export function contactLink(contact: string): ReactNode {
  const value = contact.trim();
  if (/^https?:\/\//.test(value))
    return (
      <a href={value} dir="ltr">
        {value}
      </a>
    );
  const address = value.replace(/^mailto:/, '');
  return (
    <a href={`mailto:${address}`} dir="ltr">
      {address}
    </a>
  );
}

/** A message with `{name}` places filled by elements (a link in the middle of a sentence). */
function fillNodes(template: string, values: Record<string, ReactNode>): ReactNode[] {
  return template.split(/(\{\w+\})/).map((part, i) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    return name !== undefined && name in values ? <span key={i}>{values[name]}</span> : part;
  });
}

async function accessibilityPage({ ctx, lang, path, publicUrl }: PageRequest) {
  const t = accessibilityMessages(lang);
  const common = commonMessages(lang);
  const contact = contactLink(ctx.config.ACCESSIBILITY_CONTACT);
  const site = (
    <a href={href(lang)} dir="ltr">
      {publicUrl}
    </a>
  );
  return (
    <Page lang={lang} path={path} title={t.title} publicUrl={publicUrl} breadcrumbs={[{ href: href(lang), label: common.home }]}>
      <h1>{t.title}</h1>
      <p className="lead">{t.intro}</p>
      <p>{fillNodes(t.scope, { url: site, contact })}</p>
      <Section id="hur-tillganglig" title={t.howTitle}>
        <p>{t.howText}</p>
      </Section>
      <Section id="alternativ" title={t.alternativesTitle}>
        <p>{fillNodes(t.alternativesText, { contact })}</p>
      </Section>
      <Section id="rapportera" title={t.reportTitle}>
        <p>{fillNodes(t.reportText, { contact })}</p>
      </Section>
      <Section id="tillsyn" title={t.supervisionTitle}>
        <p>{t.supervisionText}</p>
        <p>
          <a href={DIGG_REPORT_URL} hrefLang="sv">
            {t.supervisionLink}
          </a>
        </p>
      </Section>
      <Section id="teknisk-information" title={t.technicalTitle}>
        <p>{t.technicalText}</p>
      </Section>
      <Section id="inte-tillgangligt" title={t.inaccessibleTitle}>
        <Section id="bristande-forenlighet" title={t.nonComplianceTitle} level={3}>
          <ul>
            <li>{t.issuePdf}</li>
            <li>{t.issueScreenReader}</li>
          </ul>
        </Section>
        <Section id="begransningar" title={t.limitationsTitle} level={3}>
          <ul>
            <li>{t.limitStaff}</li>
            <li>{t.limitLocal}</li>
          </ul>
        </Section>
        <Section id="oskaligt-betungande" title={t.burdenTitle} level={3}>
          <p>{t.burdenText}</p>
        </Section>
        <Section id="omfattas-inte" title={t.outOfScopeTitle} level={3}>
          <p>{t.outOfScopeText}</p>
        </Section>
      </Section>
      <Section id="hur-vi-testat" title={t.testingTitle}>
        <p>{t.testingText}</p>
        <p>{fill(t.assessed, { date: formatDate(lang, STATEMENT_ASSESSED) })}</p>
        <p>{fill(t.updated, { date: formatDate(lang, STATEMENT_UPDATED) })}</p>
      </Section>
    </Page>
  );
}

export function registerAccessibilityPages(app: FastifyInstance, ctx: AppContext): void {
  pageRoute(app, ctx, '/tillganglighet', accessibilityPage);
}
