import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '../../api.ts';
import { ErrorText, Loading } from '../../components.tsx';
import { formats } from '../../format.ts';
import { QueryTable } from '../../query-table.tsx';

type Group = 'promoter' | 'passive' | 'detractor';

/** NPS over time, how the answers spread from 0 to 10, and what customers wrote, by group and language. */
export function NpsSection() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [group, setGroup] = useState<Group | ''>('');
  const [locale, setLocale] = useState<'en' | 'zh-CN' | ''>('');
  const report = useQuery(trpc.console.successPlan.nps.queryOptions({ ...(group ? { group } : {}), ...(locale ? { locale } : {}) }));
  const f = formats(i18n.language);
  if (report.isPending) return <Loading />;
  if (report.isError) return <ErrorText error={report.error} />;
  const { byMonth, distribution, comments } = report.data;
  return (
    <>
      {byMonth.length === 0 ? (
        <p>{t('success-plan.npsEmpty')}</p>
      ) : (
        <>
          <h2>{t('success-plan.npsOverTime')}</h2>
          <LineChart width={640} height={200} data={byMonth} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="month" />
            <YAxis domain={[-100, 100]} />
            <Tooltip />
            <Line type="monotone" dataKey="nps" name="NPS" stroke="#4338ca" isAnimationActive={false} />
          </LineChart>
          <table>
            <caption className="muted">{t('success-plan.npsOverTime')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('success-plan.month')}</th>
                <th scope="col">NPS</th>
                <th scope="col">{t('success-plan.responses')}</th>
              </tr>
            </thead>
            <tbody>
              {byMonth.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{m.month}</th>
                  <td>{f.integer(m.nps)}</td>
                  <td>{f.integer(m.responses)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('success-plan.distribution')}</h2>
          <BarChart width={640} height={180} data={distribution} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="score" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="n" name={t('success-plan.responses')} fill="#047857" isAnimationActive={false} />
          </BarChart>
        </>
      )}
      <h2>{t('success-plan.comments')}</h2>
      <fieldset className="inline">
        <label>
          {t('success-plan.group')}
          <select value={group} onChange={(e) => setGroup(e.target.value as Group | '')}>
            <option value="">{t('success-plan.all')}</option>
            {(['promoter', 'passive', 'detractor'] as const).map((g) => (
              <option key={g} value={g}>
                {t(`success-plan.groups.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('success-plan.locale')}
          <select value={locale} onChange={(e) => setLocale(e.target.value as 'en' | 'zh-CN' | '')}>
            <option value="">{t('success-plan.all')}</option>
            <option value="en">English</option>
            <option value="zh-CN">简体中文</option>
          </select>
        </label>
      </fieldset>
      <QueryTable
        query={{ ...report, data: comments }}
        caption={t('success-plan.comments')}
        empty={t('success-plan.commentsEmpty')}
        rowKey={(c) => `${c.customer}-${c.at}`}
        columns={[
          { header: t('success-plan.opened'), cell: (c) => f.dateTime(c.at) },
          { header: t('success-plan.customer'), rowHeader: true, cell: (c) => c.customer },
          { header: 'NPS', cell: (c) => `${c.score} · ${t(`success-plan.groups.${c.group}`)}` },
          { header: t('success-plan.comment'), cell: (c) => <span lang={c.locale}>{c.comment}</span> },
        ]}
      />
    </>
  );
}
