import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Outputs, type Session, useTRPC } from '../../api.ts';
import { BarsChart, type Row, TrendChart } from '../../charts.tsx';
import { ErrorText, Loading, SubmitRow } from '../../components.tsx';
import { formats } from '../../format.ts';
import { CustomerSegments } from './customer.tsx';
import { featureLabel } from './features.ts';

type Overview = Outputs['console']['insights']['overview'];

/** `#/segments[/customer/<id>]`: customers per tier and band, tiers over time, the model; one customer's segments and why. */
export function SegmentsPage({ session, path }: { session: Session; path: string[] }) {
  const { t } = useTranslation();
  if (path[0] === 'customer' && path[1]) return <CustomerSegments customer={path[1]} />;
  return (
    <>
      <h1>{t('segments.title')}</h1>
      <p className="muted">{t('segments.intro')}</p>
      <SegmentsOverview canManage={session.can.manageInsights} />
    </>
  );
}

function SegmentsOverview({ canManage }: { canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  // After "Train now", poll until the run it started lands.
  const [waitingFor, setWaitingFor] = useState<number | null>(null);
  const overview = useQuery(
    trpc.console.insights.overview.queryOptions(undefined, {
      refetchInterval: (query) => (waitingFor !== null && (query.state.data?.model?.version ?? 0) <= waitingFor ? 3000 : false),
    }),
  );
  const train = useMutation(trpc.console.insights.train.mutationOptions());
  const f = formats(i18n.language);
  if (overview.isPending) return <Loading />;
  if (overview.isError) return <ErrorText error={overview.error} />;
  const data = overview.data;
  const scored = data.tiers.some((tier) => tier.customers > 0);
  const trainButton = canManage && (
    <p>
      <button
        type="button"
        disabled={train.isPending || waitingFor !== null}
        onClick={() => train.mutate(undefined, { onSuccess: () => setWaitingFor(data.model?.version ?? 0) })}
      >
        {t('segments.model.train')}
      </button>
      {waitingFor !== null && (data.model?.version ?? 0) <= waitingFor && (
        <span role="status" className="muted">
          {' '}
          {t('segments.model.training')}
        </span>
      )}
      <ErrorText error={train.error} />
    </p>
  );
  return (
    <>
      <section aria-labelledby="tiers-title">
        <h2 id="tiers-title">{t('segments.perTier')}</h2>
        {!scored ? (
          <p>{t('segments.empty')}</p>
        ) : (
          <>
            <BarsChart
              steps={data.tiers.map((tier) => ({ name: t(`segments.tiers.${tier.tier}`), value: tier.customers }))}
              format={f.integer}
            />
            <CountsTable
              caption={t('segments.perTier')}
              rows={data.tiers.map((tier) => ({ name: t(`segments.tiers.${tier.tier}`), customers: tier.customers }))}
            />
          </>
        )}
      </section>
      {scored && (
        <section aria-labelledby="bands-title">
          <h2 id="bands-title" className="visually-hidden">
            {t('segments.valueBands')}
          </h2>
          <CountsTable
            caption={t('segments.valueBands')}
            rows={data.valueBands.map((b) => ({ name: t(`segments.bands.${b.name}`), customers: b.customers }))}
          />
          <CountsTable
            caption={t('segments.healthBands')}
            rows={data.healthBands.map((b) => ({ name: t(`segments.bands.${b.name}`), customers: b.customers }))}
          />
          <CountsTable
            caption={t('segments.npsGroups')}
            rows={data.npsGroups.map((g) => ({ name: t(`segments.groups.${g.name}`), customers: g.customers }))}
          />
        </section>
      )}
      {data.weekly.length > 0 && <TiersOverTime data={data} />}
      <Model data={data} />
      {trainButton}
      {canManage && <ScoringSettings settings={data.settings} />}
    </>
  );
}

/** Customers per segment; nothing at all while no customer has one (no health scores yet, no NPS answers). */
function CountsTable({ caption, rows }: { caption: string; rows: { name: string; customers: number }[] }) {
  const { t, i18n } = useTranslation();
  const f = formats(i18n.language);
  if (rows.length === 0) return null;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('segments.segment')}</th>
          <th scope="col">{t('segments.customers')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <th scope="row">{row.name}</th>
            <td>{f.integer(row.customers)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Customers per tier at the end of each week, and who moved between tiers since a week ago. */
function TiersOverTime({ data }: { data: Overview }) {
  const { t, i18n } = useTranslation();
  const f = formats(i18n.language);
  const weeks = [...new Set(data.weekly.map((w) => w.week))];
  const tiers = data.tiers.map((tier) => tier.tier);
  const rows: Row[] = weeks.map((week) => ({
    x: f.date(week),
    ...Object.fromEntries(tiers.map((tier) => [tier, data.weekly.find((w) => w.week === week && w.tier === tier)?.customers ?? 0])),
  }));
  return (
    <section aria-labelledby="weekly-title">
      <h2 id="weekly-title">{t('segments.weekly')}</h2>
      <TrendChart rows={rows} series={tiers.map((tier) => ({ key: tier, name: t(`segments.tiers.${tier}`) }))} format={f.integer} />
      <h3>{t('segments.moves')}</h3>
      {data.moves.length === 0 ? (
        <p className="muted">{t('segments.noMoves')}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t('segments.moves')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('segments.from')}</th>
              <th scope="col">{t('segments.to')}</th>
              <th scope="col">{t('segments.customers')}</th>
            </tr>
          </thead>
          <tbody>
            {data.moves.map((move) => (
              <tr key={`${move.from}:${move.to}`}>
                <th scope="row">{t(`segments.tiers.${move.from}`)}</th>
                <td>{t(`segments.tiers.${move.to}`)}</td>
                <td>{f.integer(move.customers)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

type Evaluation = {
  rocAuc: number | null;
  heldOut: number;
  atThreshold: { threshold: number; precision: number | null; recall: number | null };
  calibration: { from: number; to: number; customers: number; predicted: number; observed: number }[];
};

/** The last training run: its evaluation on held-out customers and what it leans on, or why it did not train. */
function Model({ data }: { data: Overview }) {
  const { t, i18n } = useTranslation();
  const f = formats(i18n.language);
  const run = data.model;
  const rule =
    data.settings.labelRule.kind === 'top-monetary'
      ? t('segments.model.ruleTop', { share: f.percent(data.settings.labelRule.share) })
      : t('segments.model.ruleEvent', { event: data.settings.labelRule.event, days: data.settings.labelRule.withinDays });
  const body = (() => {
    if (!run) return <p>{t('segments.model.none')}</p>;
    if (run.skippedReason)
      return <p>{t('segments.model.skipped', { version: run.version, date: f.dateTime(run.trainedAt), reason: run.skippedReason })}</p>;
    const evaluation = run.evaluation as Evaluation | null;
    const importances = Object.entries(run.importances ?? {}).sort((a, b) => b[1] - a[1]);
    const percentOrDash = (x: number | null) => (x === null ? '—' : f.percent(x));
    return (
      <>
        <p>
          {t('segments.model.trained', {
            version: run.version,
            date: f.dateTime(run.trainedAt),
            customers: f.integer(run.customers),
            positives: f.integer(run.positives),
            seconds: f.decimal((run.trainingMs ?? 0) / 1000),
          })}
        </p>
        {evaluation && (
          <>
            <p>{t('segments.model.auc', { auc: evaluation.rocAuc === null ? '—' : f.decimal(evaluation.rocAuc) })}</p>
            <p>
              {t('segments.model.atThreshold', {
                threshold: f.decimal(evaluation.atThreshold.threshold),
                precision: percentOrDash(evaluation.atThreshold.precision),
                recall: percentOrDash(evaluation.atThreshold.recall),
              })}
            </p>
          </>
        )}
        <figure>
          <figcaption>{t('segments.model.importances')}</figcaption>
          <BarsChart
            steps={importances.map(([name, value]) => ({ name: featureLabel(name, data.settings.windows, t), value }))}
            format={f.percent}
            fractions
          />
        </figure>
        {evaluation && evaluation.calibration.length > 0 && (
          <table>
            <caption>{t('segments.model.calibration')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('segments.model.bin')}</th>
                <th scope="col">{t('segments.customers')}</th>
                <th scope="col">{t('segments.model.predicted')}</th>
                <th scope="col">{t('segments.model.observed')}</th>
              </tr>
            </thead>
            <tbody>
              {evaluation.calibration.map((bin) => (
                <tr key={bin.from}>
                  <th scope="row">{`${f.percent(bin.from)} – ${f.percent(bin.to)}`}</th>
                  <td>{f.integer(bin.customers)}</td>
                  <td>{f.percent(bin.predicted)}</td>
                  <td>{f.percent(bin.observed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    );
  })();
  return (
    <section aria-labelledby="model-title">
      <h2 id="model-title">{t('segments.model.title')}</h2>
      <p className="muted">{t('segments.model.rule', { rule })}</p>
      {body}
    </section>
  );
}

/** Which events the features read and what counts as high value: the tenant's to set. */
function ScoringSettings({ settings }: { settings: Overview['settings'] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(
    trpc.console.insights.saveSettings.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.console.insights.overview.queryKey() }),
    }),
  );
  const [kind, setKind] = useState(settings.labelRule.kind);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    save.mutate({
      ...settings,
      featureEvents: text('featureEvents')
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean),
      ticketEvent: text('ticketEvent'),
      revenueEvent: text('revenueEvent'),
      revenueProperty: text('revenueProperty'),
      tierFromTraits: form.get('tierFromTraits') === 'on',
      labelRule:
        kind === 'top-monetary'
          ? { kind, share: Number(text('share')) / 100 }
          : { kind: 'did-event', event: text('event'), withinDays: Number(text('withinDays')) },
    });
  };
  const rule = settings.labelRule;
  return (
    <form onSubmit={submit} aria-labelledby="scoring-title">
      <h2 id="scoring-title">{t('segments.settings.title')}</h2>
      <fieldset>
        <legend>{t('segments.settings.rule')}</legend>
        <label className="check">
          <input type="radio" name="kind" checked={kind === 'top-monetary'} onChange={() => setKind('top-monetary')} />
          {t('segments.settings.top')}
        </label>
        {kind === 'top-monetary' && (
          <label>
            {t('segments.settings.share')}
            <input
              name="share"
              type="number"
              min={1}
              max={50}
              defaultValue={rule.kind === 'top-monetary' ? Math.round(rule.share * 100) : 20}
            />
          </label>
        )}
        <label className="check">
          <input type="radio" name="kind" checked={kind === 'did-event'} onChange={() => setKind('did-event')} />
          {t('segments.settings.event')}
        </label>
        {kind === 'did-event' && (
          <>
            <label>
              {t('segments.settings.eventName')}
              <input name="event" required defaultValue={rule.kind === 'did-event' ? rule.event : 'plan_upgraded'} />
            </label>
            <label>
              {t('segments.settings.withinDays')}
              <input name="withinDays" type="number" min={1} max={365} defaultValue={rule.kind === 'did-event' ? rule.withinDays : 60} />
            </label>
          </>
        )}
      </fieldset>
      <label>
        {t('segments.settings.featureEvents')}
        <input name="featureEvents" defaultValue={settings.featureEvents.join(', ')} />
      </label>
      <label>
        {t('segments.settings.ticketEvent')}
        <input name="ticketEvent" required defaultValue={settings.ticketEvent} />
      </label>
      <label>
        {t('segments.settings.revenueEvent')}
        <input name="revenueEvent" required defaultValue={settings.revenueEvent} />
      </label>
      <label>
        {t('segments.settings.revenueProperty')}
        <input name="revenueProperty" required defaultValue={settings.revenueProperty} />
      </label>
      <label className="check">
        <input name="tierFromTraits" type="checkbox" defaultChecked={settings.tierFromTraits} />
        {t('segments.settings.tierFromTraits')}
      </label>
      <SubmitRow mutation={save} submit={t('segments.settings.save')} saved={t('segments.settings.saved')} />
    </form>
  );
}
