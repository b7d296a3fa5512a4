import type { Lang } from '../portal/languages.ts';
import { followMessages } from '../portal/messages/follow.ts';
import type { FollowTargetKind } from './rules.ts';

/**
 * Under the site's `Referrer-Policy: no-referrer` a browser posts a form with `Origin: null`, which the cross-site
 * check (src/security.ts) must refuse. A page holding a form therefore says `same-origin`: the Origin is sent to us,
 * and other sites still get no referrer. React hoists the element into the page's head.
 */
export function SameOriginReferrer() {
  return <meta name="referrer" content="same-origin" />;
}

export interface FollowFormProps {
  lang: Lang;
  kind: FollowTargetKind;
  targetId: string;
  /** The page the form is on, so the pages after it can lead back. */
  returnPath: string;
  /** What was typed, when the form comes back with an error. */
  email?: string;
  /** The error about the address, in the reader's language. */
  error?: string;
  /** On a page of its own the page's h1 says what this is; inside another page the form has its own h2. */
  heading?: boolean;
}

/**
 * "Follow by e-mail": a plain form (no script) posted to /{lang}/folj. The hint, the consent and any error are tied
 * to the field with aria-describedby, so a screen reader reads them with the label.
 */
export function FollowForm({ lang, kind, targetId, returnPath, email = '', error, heading = true }: FollowFormProps) {
  const t = followMessages(lang);
  const title = kind === 'document' ? t.formTitle_document : t.formTitle_item;
  const describedBy = ['folj-epost-tips', 'folj-samtycke', ...(error ? ['folj-epost-fel'] : [])].join(' ');
  const form = (
    <form className="follow-form" method="post" action={`/${lang}/folj`} noValidate>
      <SameOriginReferrer />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="target" value={targetId} />
      <input type="hidden" name="returnPath" value={returnPath} />
      <div className={`follow-field${error ? ' follow-field-invalid' : ''}`}>
        <label htmlFor="folj-epost">{t.emailLabel}</label>
        <p className="field-hint" id="folj-epost-tips">
          {t.emailHint}
        </p>
        {error && (
          <p className="field-error" id="folj-epost-fel">
            {error}
          </p>
        )}
        <input
          id="folj-epost"
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          spellCheck={false}
          dir="ltr"
          maxLength={254}
          required
          defaultValue={email}
          aria-describedby={describedBy}
          aria-invalid={error ? 'true' : undefined}
        />
      </div>
      <p className="follow-consent" id="folj-samtycke">
        {t.consent}
      </p>
      <button type="submit">{t.submit}</button>
    </form>
  );
  if (!heading) return form;
  return (
    <section className="follow" aria-labelledby="folj-rubrik">
      <h2 id="folj-rubrik">{title}</h2>
      <p>{t.formIntro}</p>
      {form}
    </section>
  );
}
