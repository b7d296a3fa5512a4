import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type Municipality } from '../../client.ts';
import { FormActions, SelectField, TextField } from '../../components/fields.tsx';
import { LoadError, Loading } from '../../components/status.tsx';
import { useSession } from '../../session.tsx';
import { useLoad, useTitle } from '../../use-load.ts';
import { organisationKinds, problemsOf } from './shared.tsx';

type Kind = (typeof organisationKinds)[number];

/** An organisation registers itself and its first account, then is signed in and sent to its applications. */
export function RegisterScreen() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const municipality = useLoad(() => api<Municipality>('GET', `/api/municipalities/${code}`), [code]);
  const [orgNumber, setOrgNumber] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('association');
  const [contactName, setContactName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ problems: Record<string, string>; message: string }>();
  useTitle(t('fund.register.title'));
  if (municipality.error) return <LoadError error={municipality.error} />;
  if (!municipality.data) return <Loading />;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const { username } = await api<{ username: string }>('POST', `/api/municipalities/${code}/fund/register`, {
        orgNumber,
        name,
        kind,
        contactName,
        contactEmail: email,
        contactPhone: phone,
        password,
      });
      await signIn(username, password);
      await navigate('/fonden/mina');
    } catch (e) {
      setFailure(problemsOf(e));
    } finally {
      setBusy(false);
    }
  };
  const p = failure?.problems ?? {};
  return (
    <section className="page">
      <p className="breadcrumbs">
        <Link to={`/kommuner/${code}/fonden`}>{t('fund.title', { name: municipality.data.name })}</Link> / {t('fund.register.crumb')}
      </p>
      <h1>{t('fund.register.title')}</h1>
      <p className="lead">{t('fund.register.intro', { name: municipality.data.name })}</p>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {failure && (
          <p className="alert error" role="alert">
            {failure.message}
          </p>
        )}
        <TextField
          id="fund-reg-org"
          label={t('fund.register.orgNumber')}
          hint={t('fund.register.orgNumberHint')}
          value={orgNumber}
          onChange={setOrgNumber}
          problem={p['/orgNumber']}
        />
        <TextField id="fund-reg-name" label={t('fund.register.name')} value={name} onChange={setName} problem={p['/name']} />
        <SelectField<Kind>
          id="fund-reg-kind"
          label={t('fund.register.kind')}
          value={kind}
          onChange={setKind}
          options={organisationKinds.map((k) => ({ value: k, label: t(`fund.kinds.${k}`) }))}
        />
        <TextField
          id="fund-reg-contact"
          label={t('fund.register.contactName')}
          value={contactName}
          onChange={setContactName}
          problem={p['/contactName']}
        />
        <TextField
          id="fund-reg-email"
          label={t('fund.register.email')}
          hint={t('fund.register.emailHint')}
          value={email}
          onChange={setEmail}
          problem={p['/contactEmail']}
        />
        <TextField id="fund-reg-phone" label={t('fund.register.phone')} value={phone} onChange={setPhone} />
        <div className="field">
          <label htmlFor="fund-reg-password">{t('fund.register.password')}</label>
          <input
            id="fund-reg-password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={p['/password'] ? true : undefined}
            aria-describedby={p['/password'] ? 'fund-reg-password-error' : 'fund-reg-password-hint'}
          />
          <span className="hint" id="fund-reg-password-hint">
            {t('fund.register.passwordHint')}
          </span>
          {p['/password'] && (
            <span className="field-error" id="fund-reg-password-error">
              {p['/password']}
            </span>
          )}
        </div>
        <FormActions busy={busy} label={t('fund.register.submit')} />
      </form>
    </section>
  );
}
