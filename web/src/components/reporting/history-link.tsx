import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useMatch } from 'react-router';
import { api } from '../../client.ts';
import { useSession } from '../../session.tsx';

// One request per plan, shared by all its items' links.
const municipalityOfPlan = new Map<string, Promise<string | null>>();
function planMunicipality(planId: string): Promise<string | null> {
  let known = municipalityOfPlan.get(planId);
  if (!known) {
    known = api<{ municipality: { code: string } }>('GET', `/api/plans/${planId}`).then(
      (d) => d.municipality.code,
      () => null,
    );
    municipalityOfPlan.set(planId, known);
  }
  return known;
}

/** "Historik" under a goal or activity in the plan view, for the municipality's own signed-in people (and administrators). */
export function ItemHistoryLink({ node }: { node: { id: string; kind: string; label: string; number?: string | null | undefined } }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const planId = useMatch('/planer/:id')?.params.id;
  const [code, setCode] = useState<string | null>(null);
  useEffect(() => {
    if (!planId || !user) return;
    let live = true;
    void planMunicipality(planId).then((c) => live && setCode(c));
    return () => {
      live = false;
    };
  }, [planId, user]);
  if (!planId || !user || (node.kind !== 'goal' && node.kind !== 'activity')) return null;
  if (user.role !== 'admin' && (code === null || user.municipalityCode !== code)) return null;
  const reference = node.number ? `${node.label} ${node.number}` : node.label;
  return (
    <p className="history-link">
      <Link to={`/punkter/${node.id}/historik`}>
        {t('reporting.timeline.link')}
        <span className="visually-hidden"> {t('reporting.my.for', { what: reference })}</span>
      </Link>
    </p>
  );
}
