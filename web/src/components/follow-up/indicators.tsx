import { useTranslation } from 'react-i18next';
import {
  assessmentWords,
  lightWords,
  stateWords,
  statusWords,
  type Assessment,
  type Light,
  type ReportState,
  type ReportStatus,
} from '../../../../src/capabilities/follow-up/words.ts';
import { spanLabel } from '../../../../src/capabilities/follow-up/periods.ts';
import { lang } from '../../format.ts';
import '../../styles/follow-up.css';

/**
 * Follow-up's small indicators, shared by the coordinator's and the reporter's screens. Each says its
 * meaning in words; colour and shape only repeat it.
 */

/** The word of a traffic light in the UI language ("Enligt plan", "Risk", "Avvikelse", "Ingen uppgift"). */
export function useLightWord(): (light: Light) => string {
  const { i18n } = useTranslation();
  return (light) => lightWords[lang(i18n.language)][light];
}

function LightShape({ light }: { light: Light }) {
  // Green a circle, yellow a triangle, red a square, grey a ring: the shape tells them apart without colour.
  return (
    <svg className="fu-light-shape" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {light === 'green' && <circle cx="8" cy="8" r="7" />}
      {light === 'yellow' && <polygon points="8,1 15,15 1,15" />}
      {light === 'red' && <rect x="1.5" y="1.5" width="13" height="13" />}
      {light === 'grey' && <circle cx="8" cy="8" r="5.5" fill="none" strokeWidth="3" />}
    </svg>
  );
}

/** A traffic light: shape, colour and word. `label` (e.g. "Status") is read before the word by screen readers. */
export function TrafficLight({ light, label }: { light: Light; label?: string | undefined }) {
  const word = useLightWord()(light);
  return (
    <span className={`fu-light fu-light-${light}`}>
      <LightShape light={light} />
      {label && <span className="visually-hidden">{label}: </span>}
      <span className="fu-light-word">{word}</span>
    </span>
  );
}

/**
 * A progress bar for a share done, 0–1 (null: nothing reported). The bar is a picture of the number
 * written beside it; `label` names what progresses for screen readers ("Andel klar").
 */
export function ProgressBar({ value, label }: { value: number | null | undefined; label?: string | undefined }) {
  const { t } = useTranslation();
  const percent = value === null || value === undefined ? null : Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <span className="fu-progress">
      <span className="fu-progress-track" aria-hidden="true">
        <span className="fu-progress-fill" style={{ inlineSize: `${percent ?? 0}%` }} />
      </span>
      <span className="fu-progress-text">
        {label && <span className="visually-hidden">{label}: </span>}
        {percent === null ? t('followUp.noData') : `${percent} %`}
      </span>
    </span>
  );
}

/** The state of a report in its workflow: Ej rapporterad, Utkast, Inskickad, Återsänd, Godkänd. */
export function StateBadge({ state }: { state: ReportState }) {
  const { i18n } = useTranslation();
  return <span className={`badge fu-state fu-state-${state}`}>{stateWords[lang(i18n.language)][state]}</span>;
}

/** A report's status in words (Ej påbörjad, Pågår, Genomförd, Försenad, Avbruten), or a dash when none. */
export function StatusWord({ status }: { status: ReportStatus | null }) {
  const { i18n } = useTranslation();
  if (status === null) return <span className="muted">–</span>;
  return <span className={`fu-status fu-status-${status}`}>{statusWords[lang(i18n.language)][status]}</span>;
}

/** A goal's assessment in words with its traffic-light shape. */
export function AssessmentBadge({ assessment }: { assessment: Assessment }) {
  const { i18n } = useTranslation();
  const light: Light = assessment === 'met' ? 'green' : assessment === 'partly_met' ? 'yellow' : assessment === 'not_met' ? 'red' : 'grey';
  return (
    <span className={`fu-light fu-light-${light}`}>
      <LightShape light={light} />
      <span className="fu-light-word">{assessmentWords[lang(i18n.language)][assessment]}</span>
    </span>
  );
}

/** Marks a cycle made up for practice or demonstration. */
export function ExampleBadge() {
  const { t } = useTranslation();
  return <span className="badge fu-example">{t('followUp.example')}</span>;
}

/** The words of follow-up in the UI language, for places that need plain strings (options, labels). */
export function useFollowUpWords() {
  const { i18n } = useTranslation();
  const language = lang(i18n.language);
  return {
    language,
    status: statusWords[language],
    state: stateWords[language],
    assessment: assessmentWords[language],
    light: lightWords[language],
  };
}

/** An occurrence as the plan means it: "6 juni 2016" for a dated rule, "2016" or "Kvartal 2 2016" for a rhythm. */
export function useOccurrenceText(): (span: { from: string; to: string } | null) => string {
  const { i18n } = useTranslation();
  return (span) => (span === null ? '' : spanLabel(span, lang(i18n.language)));
}
