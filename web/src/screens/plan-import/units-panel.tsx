import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../client.ts';

export type UnitKind = Unit['kind'];
const unitKinds: UnitKind[] = ['committee', 'administration', 'unit', 'company', 'partner'];

export interface MissingUnit {
  name: string;
  uses: number;
  kind: UnitKind;
}

/** Units the plan names that the municipality lacks: created on save unless mapped to an existing one or dropped. */
export function UnitsPanel(props: {
  missing: MissingUnit[];
  existing: Unit[];
  onKind: (name: string, kind: UnitKind) => void;
  onMap: (name: string, to: string) => void;
  onDrop: (name: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="card import-units" aria-labelledby="import-units-heading">
      <h3 id="import-units-heading">{t('planImport.units.heading')}</h3>
      {props.missing.length === 0 ? (
        <p className="muted">{t('planImport.units.none')}</p>
      ) : (
        <>
          <p className="muted small">{t('planImport.units.intro')}</p>
          <ul className="import-unit-list">
            {props.missing.map((unit, i) => (
              <UnitRow key={unit.name} index={i} unit={unit} {...props} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function UnitRow(props: {
  index: number;
  unit: MissingUnit;
  existing: Unit[];
  onKind: (name: string, kind: UnitKind) => void;
  onMap: (name: string, to: string) => void;
  onDrop: (name: string) => void;
}) {
  const { index, unit, existing } = props;
  const { t } = useTranslation();
  const [target, setTarget] = useState('');
  const id = `missing-unit-${index}`;
  return (
    <li>
      <p className="import-unit-name">
        <strong lang="sv">{unit.name}</strong> <span className="muted">({t('planImport.units.uses', { count: unit.uses })})</span>
      </p>
      <div className="inline-form">
        <label htmlFor={`${id}-kind`}>
          {t('planImport.units.createAs')}
          <select id={`${id}-kind`} value={unit.kind} onChange={(e) => props.onKind(unit.name, e.target.value as UnitKind)}>
            {unitKinds.map((k) => (
              <option key={k} value={k}>
                {t(`planImport.units.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {existing.length > 0 && (
          <>
            <label htmlFor={`${id}-map`}>
              {t('planImport.units.mapTo', { name: unit.name })}
              <select id={`${id}-map`} value={target} onChange={(e) => setTarget(e.target.value)}>
                <option value="">{t('planImport.units.choose')}</option>
                {existing.map((u) => (
                  <option key={u.id} value={u.name}>
                    {u.abbreviation ? `${u.name} (${u.abbreviation})` : u.name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="button small secondary"
              disabled={target === ''}
              onClick={() => props.onMap(unit.name, target)}
            >
              {t('planImport.units.map')}
            </button>
          </>
        )}
        <button
          type="button"
          className="button small secondary"
          aria-label={t('planImport.units.dropLabel', { name: unit.name })}
          onClick={() => props.onDrop(unit.name)}
        >
          {t('planImport.units.drop')}
        </button>
      </div>
    </li>
  );
}
