import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Feature, Inputs } from '../../api.ts';
import { ErrorText } from '../../components.tsx';
import type { Sender } from './launch.tsx';
import { variationName } from './names.ts';

type StopInput = Inputs['console']['experiments']['stop'];
type Outcome = StopInput['outcome'];

/**
 * Stopping is one decision: what ships, the outcome and a write-up, sent together, so the winner is
 * served the moment the experiment stops and nobody is flipped back to the default in between.
 */
export function StopDecision({ feature, stop, onCancel }: { feature: Feature; stop: Sender<StopInput>; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const tested = feature.experiment?.variations ?? [];
  const [ship, setShip] = useState('');
  const [outcome, setOutcome] = useState<Outcome>('won');
  const [writeUp, setWriteUp] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const ids = { title: useId(), ship: useId(), writeUp: useId(), outcome: useId() };
  useEffect(() => heading.current?.focus(), []);
  return (
    <form
      className="panel"
      aria-labelledby={ids.title}
      onSubmit={(event) => {
        event.preventDefault();
        stop.mutate({ key: feature.key, shipVariationId: ship || null, outcome, writeUp });
      }}
    >
      <h3 id={ids.title} ref={heading} tabIndex={-1}>
        {t('decision.title')}
      </h3>
      <p className="muted">{t('decision.intro')}</p>
      <label htmlFor={ids.ship}>{t('decision.ship')}</label>
      <select id={ids.ship} value={ship} onChange={(e) => setShip(e.target.value)}>
        <option value="">{t('decision.shipNone')}</option>
        {tested.map((id) => (
          <option key={id} value={id}>
            {variationName(feature, id, i18n.language)}
          </option>
        ))}
      </select>
      <fieldset className="inline">
        <legend>{t('decision.outcome')}</legend>
        {(['won', 'lost', 'inconclusive'] as const).map((value) => (
          <label key={value} className="check">
            <input type="radio" name={ids.outcome} value={value} checked={outcome === value} onChange={() => setOutcome(value)} />
            {t(`decision.outcomes.${value}`)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={ids.writeUp}>{t('decision.writeUp')}</label>
      <textarea id={ids.writeUp} rows={3} maxLength={2000} value={writeUp} onChange={(e) => setWriteUp(e.target.value)} />
      <ErrorText error={stop.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={stop.isPending}>
          {ship ? t('decision.confirm') : t('decision.confirmNone')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('decision.cancel')}
        </button>
      </div>
    </form>
  );
}
