import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions, SelectField, TextField, problemAt } from '../../components/fields.tsx';
import { AVAILABILITY, problemsOf, splitList, type PersonView } from './shared.tsx';

export interface PersonBody {
  side?: 'volunteer' | 'newcomer';
  name: string;
  email: string | null;
  phone: string | null;
  languages: string[];
  interests: string[];
  area: string;
  household: 'single' | 'couple' | 'family';
  children: number;
  availability: string[];
  wishes: string;
  consent?: boolean;
}

/**
 * The same fields for the coordinator (registering or editing) and for the public form. With `consentText` the form
 * asks for consent with a required checkbox; the server refuses without it too.
 */
export function PersonForm({
  id,
  person,
  consentText,
  consentLabel,
  onSubmit,
  onCancel,
  submitLabel,
  publicForm = false,
}: {
  id: string;
  person?: PersonView | undefined;
  consentText?: string | undefined;
  consentLabel?: string | undefined;
  onSubmit: (body: PersonBody) => Promise<void>;
  onCancel?: (() => void) | undefined;
  submitLabel: string;
  publicForm?: boolean;
}) {
  const { t } = useTranslation();
  const [side, setSide] = useState<'volunteer' | 'newcomer'>(person?.side ?? 'newcomer');
  const [name, setName] = useState(person?.name ?? '');
  const [email, setEmail] = useState(person?.email ?? '');
  const [phone, setPhone] = useState(person?.phone ?? '');
  const [languages, setLanguages] = useState(person?.languages.join(', ') ?? '');
  const [interests, setInterests] = useState(person?.interests.join(', ') ?? '');
  const [area, setArea] = useState(person?.area ?? '');
  const [household, setHousehold] = useState<'single' | 'couple' | 'family'>(person?.household ?? 'single');
  const [children, setChildren] = useState(String(person?.children ?? 0));
  const [availability, setAvailability] = useState<string[]>(person?.availability ?? []);
  const [wishes, setWishes] = useState(person?.wishes ?? '');
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onSubmit({
        ...(person ? {} : { side }),
        name,
        email: email.trim() || null,
        phone: phone.trim() || null,
        languages: splitList(languages),
        interests: splitList(interests),
        area,
        household,
        children: household === 'family' ? Number(children) || 0 : 0,
        availability,
        wishes,
        ...(consentText !== undefined ? { consent } : {}),
      });
      setProblems({});
      setMessage('');
    } catch (error) {
      const p = problemsOf(error);
      setProblems(p.problems);
      setMessage(p.message);
    } finally {
      setBusy(false);
    }
  };
  const f = (name: string) => `${id}-${name}`;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate className={publicForm ? 'mt-register' : undefined}>
      {message && (
        <p className="alert error" role="alert">
          {message}
        </p>
      )}
      {!person && (
        <fieldset className="mt-checks">
          <legend>{t(publicForm ? 'matching.form.sidePublic' : 'matching.form.side')}</legend>
          {(['newcomer', 'volunteer'] as const).map((s) => (
            <label key={s}>
              <input type="radio" name={f('side')} value={s} checked={side === s} onChange={() => setSide(s)} />{' '}
              {t(`matching.form.sides.${s}`)}
            </label>
          ))}
        </fieldset>
      )}
      <TextField id={f('name')} label={t('matching.form.name')} value={name} onChange={setName} problem={problems['/name']} />
      <TextField
        id={f('email')}
        label={t('matching.form.email')}
        value={email}
        onChange={setEmail}
        problem={problems['/email']}
        hint={t('matching.form.emailHint')}
      />
      <TextField id={f('phone')} label={t('matching.form.phone')} value={phone} onChange={setPhone} problem={problems['/phone']} />
      <TextField
        id={f('languages')}
        label={t('matching.form.languages')}
        value={languages}
        onChange={setLanguages}
        problem={problemAt(problems, '/languages')}
        hint={t('matching.form.listHint', { example: 'arabiska, svenska' })}
      />
      <TextField
        id={f('interests')}
        label={t('matching.form.interests')}
        value={interests}
        onChange={setInterests}
        problem={problemAt(problems, '/interests')}
        hint={t('matching.form.listHint', { example: 'fotboll, matlagning' })}
      />
      <TextField
        id={f('area')}
        label={t('matching.form.area')}
        value={area}
        onChange={setArea}
        problem={problems['/area']}
        hint={t('matching.form.areaHint')}
      />
      <SelectField
        id={f('household')}
        label={t('matching.form.household')}
        value={household}
        onChange={setHousehold}
        options={(['single', 'couple', 'family'] as const).map((h) => ({ value: h, label: t(`matching.households.${h}`) }))}
      />
      {household === 'family' && (
        <div className="field">
          <label htmlFor={f('children')}>{t('matching.form.children')}</label>
          <input
            id={f('children')}
            type="number"
            min={0}
            max={20}
            size={4}
            value={children}
            onChange={(e) => setChildren(e.target.value)}
            aria-invalid={problems['/children'] ? true : undefined}
            aria-describedby={problems['/children'] ? `${f('children')}-error` : undefined}
          />
          {problems['/children'] && (
            <span className="field-error" id={`${f('children')}-error`}>
              {problems['/children']}
            </span>
          )}
        </div>
      )}
      <fieldset className="mt-checks">
        <legend>{t('matching.form.availability')}</legend>
        {AVAILABILITY.map((a) => (
          <label key={a}>
            <input
              type="checkbox"
              checked={availability.includes(a)}
              onChange={(e) => setAvailability(e.target.checked ? [...availability, a] : availability.filter((x) => x !== a))}
            />{' '}
            {t(`matching.availability.${a}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={f('wishes')}>{t('matching.form.wishes')}</label>
        <textarea
          id={f('wishes')}
          rows={3}
          value={wishes}
          onChange={(e) => setWishes(e.target.value)}
          aria-describedby={`${f('wishes')}-hint`}
        />
        <span className="hint" id={`${f('wishes')}-hint`}>
          {t('matching.form.wishesHint')}
        </span>
      </div>
      {consentText !== undefined && (
        <div className="field">
          <p className="mt-consent" id={`${f('consent')}-text`}>
            {consentText}
          </p>
          <label className="mt-check-label">
            <input
              id={f('consent')}
              type="checkbox"
              checked={consent}
              required
              onChange={(e) => setConsent(e.target.checked)}
              aria-describedby={[`${f('consent')}-text`, problems['/consent'] ? `${f('consent')}-error` : ''].filter(Boolean).join(' ')}
              aria-invalid={problems['/consent'] ? true : undefined}
            />
            <span>{consentLabel ?? t('matching.form.consent')}</span>
          </label>
          {problems['/consent'] && (
            <span className="field-error" id={`${f('consent')}-error`}>
              {problems['/consent']}
            </span>
          )}
        </div>
      )}
      <FormActions busy={busy} label={submitLabel} busyLabel={t('matching.saving')} onCancel={onCancel} />
    </form>
  );
}
