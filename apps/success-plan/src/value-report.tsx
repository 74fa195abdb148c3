import { inLocale } from '@flywheel/contracts/widget';
import { Button } from '@flywheel/ui';
import { useLocale, useMutation, useQuery, useQueryClient, useTRPC } from '@flywheel/widget-kit';
import { useT } from './messages.ts';

/** "What you achieved this quarter": the latest value report, made on demand, with its page and PDF. */
export function ValueReport({ apiBase }: { apiBase: string }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const report = useQuery(trpc.successPlan.valueReport.queryOptions());
  const build = useMutation(
    trpc.successPlan.buildValueReport.mutationOptions({
      onSuccess: (made) => queryClient.setQueryData(trpc.successPlan.valueReport.queryKey(), made),
    }),
  );
  const number = new Intl.NumberFormat(locale);
  const signed = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' });
  const data = report.data;
  return (
    <section className="fw-plan__report" aria-labelledby="fw-plan-report">
      <h3 id="fw-plan-report">{data ? t('plan.report.title', { quarter: data.quarter }) : t('plan.report.titleNone')}</h3>
      {data && (
        <>
          <table className="fw-plan__table">
            <thead>
              <tr>
                <th scope="col">{t('plan.report.figure')}</th>
                <th scope="col">{t('plan.report.now')}</th>
                <th scope="col">{t('plan.report.before')}</th>
                <th scope="col">{t('plan.report.change')}</th>
              </tr>
            </thead>
            <tbody>
              {data.figures.map((figure) => (
                <tr key={figure.key}>
                  <th scope="row">{inLocale(figure.label, locale)}</th>
                  <td>{number.format(figure.current)}</td>
                  <td>{number.format(figure.previous)}</td>
                  <td>{signed.format(figure.current - figure.previous)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="fw-plan__row">
            <a href={`${apiBase}/v/${data.id}?lang=${locale}`} target="_blank" rel="noopener noreferrer">
              {t('plan.report.page')}
              <span className="fw-visually-hidden"> {t('plan.newTab')}</span>
            </a>
            <a href={`${apiBase}/v/${data.id}/report.pdf?lang=${locale}`} download>
              {t('plan.report.pdf')}
            </a>
          </p>
        </>
      )}
      {report.isSuccess && !data?.final && (
        <Button variant="secondary" disabled={build.isPending} aria-busy={build.isPending} onClick={() => build.mutate()}>
          {data ? t('plan.report.update') : t('plan.report.make')}
        </Button>
      )}
      {(build.isError || report.isError) && <p role="alert">{t('plan.report.error')}</p>}
    </section>
  );
}
