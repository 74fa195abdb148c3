import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export type Engine = 'frequentist' | 'bayesian';

/** Which statistics engine the numbers are read with. */
export function EnginePicker({ engine, onChange }: { engine: Engine; onChange: (engine: Engine) => void }) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="inline">
      <legend>{t('results.engine')}</legend>
      {(['frequentist', 'bayesian'] as const).map((value) => (
        <label key={value} className="check">
          <input type="radio" name={name} value={value} checked={engine === value} onChange={() => onChange(value)} />
          {t(`results.${value}`)}
        </label>
      ))}
    </fieldset>
  );
}
