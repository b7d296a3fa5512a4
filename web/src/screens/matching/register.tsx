import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../client.ts';
import { LoadError, Loading } from '../../components/status.tsx';
import { useFocusOnMount } from '../../use-focus.ts';
import { useLoad, useTitle } from '../../use-load.ts';
import { PersonForm } from './person-form.tsx';
import type { PublicProgramme } from './shared.tsx';

/** The public registration form: no sign-in, the consent text in full and a required consent checkbox. */
export function MatchingRegisterScreen() {
  const { code = '', id = '' } = useParams();
  const { t } = useTranslation();
  const form = useLoad(() => api<PublicProgramme>('GET', `/api/municipalities/${code}/matching/programmes/${id}/registration`), [code, id]);
  const [thanks, setThanks] = useState<string | null>(null);
  useTitle(form.data ? t('matching.register.title', { name: form.data.name }) : undefined);
  if (form.error) return <LoadError error={form.error} />;
  if (!form.data) return <Loading />;
  const p = form.data;
  return (
    <section className="page">
      <h1>{t('matching.register.title', { name: p.name })}</h1>
      {p.description && <p className="lead">{p.description}</p>}
      {thanks !== null ? (
        <Thanks text={thanks} />
      ) : !p.registrationOpen ? (
        <p className="alert">{t('matching.register.closed')}</p>
      ) : (
        <>
          <p>{t('matching.register.intro', { months: p.retentionMonths })}</p>
          <PersonForm
            id="mt-register"
            publicForm
            consentText={p.consentText}
            submitLabel={t('matching.register.submit')}
            onSubmit={async (body) => {
              const r = await api<{ message: string }>('POST', `/api/municipalities/${code}/matching/programmes/${id}/registrations`, {
                ...body,
                consentVersion: p.consentVersion,
              });
              setThanks(r.message);
            }}
          />
        </>
      )}
    </section>
  );
}

function Thanks({ text }: { text: string }) {
  const ref = useFocusOnMount<HTMLParagraphElement>();
  return (
    <p className="alert ok" role="status" tabIndex={-1} ref={ref}>
      {text}
    </p>
  );
}
