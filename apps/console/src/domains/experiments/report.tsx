import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../api.ts';
import { ErrorText, Loading } from '../../components.tsx';
import { formats } from '../../format.ts';
import { type Engine, EnginePicker } from './engine.tsx';
import { featureName } from './names.ts';
import { LiftOverTime } from './over-time.tsx';
import { Power, ResultsTables } from './results.tsx';

/**
 * A shared results link (`#/report/<token>`), opened without signing in: the snapshot taken when
 * it was shared, read-only, in the reader's language.
 */
export function SharedReport({ path }: { path: string[] }) {
  const token = path[0] ?? '';
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [engine, setEngine] = useState<Engine>('frequentist');
  const report = useQuery(trpc.sharedReport.get.queryOptions({ token }, { retry: false }));
  const f = formats(i18n.language);
  if (report.isPending) return <Loading />;
  if (report.isError) return <ErrorText error={report.error} />;
  const { results, timeline, hypothesis, sharedBy, sharedAt } = report.data;
  return (
    <article className="results" aria-labelledby="report-title">
      <h1 id="report-title">{featureName(results.key, t)}</h1>
      {hypothesis && <p>{hypothesis}</p>}
      <p className="muted small">{t('share.snapshot', { name: sharedBy, time: f.dateTime(sharedAt), from: f.dateTime(results.from) })}</p>
      <div className="toolbar">
        <EnginePicker engine={engine} onChange={setEngine} />
      </div>
      {results.variations.some((v) => v.users > 0) ? (
        <>
          <ResultsTables data={results} engine={engine} />
          <LiftOverTime timeline={timeline} engine={engine} metrics={results.metrics} />
          <Power results={results} />
        </>
      ) : (
        <p>{t('results.empty')}</p>
      )}
    </article>
  );
}
