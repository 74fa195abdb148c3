import { useId } from 'react';
import { useTranslation } from 'react-i18next';

type Issue = { path: string; message: string; code?: string; origin?: string; minimum?: number; maximum?: number };

/** A zod issue in the reader's words, when the console knows how to say it; else the server's message. */
function problem(t: (key: string, values?: Record<string, unknown>) => string, issue: Issue): string {
  const bounded = issue.code === 'too_small' || issue.code === 'too_big';
  if (bounded && ['number', 'string', 'array'].includes(issue.origin ?? '')) {
    return t(`validation.${issue.code}.${issue.origin}`, { minimum: issue.minimum, maximum: issue.maximum });
  }
  if (issue.code === 'invalid_type' || issue.code === 'invalid_format') return t(`validation.${issue.code}`);
  return issue.message;
}

/**
 * An error a person can act on: the server's message names the field or the missing role.
 * Validation problems (the server's zod issues) are said in the console's language, each naming
 * its field by the label `fields` gives for its path.
 */
export function ErrorText({ error, fields }: { error: unknown; fields?: (path: string) => string | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  const issues = (error as { data?: { issues?: Issue[] | null } }).data?.issues;
  if (issues?.length) {
    return (
      <div role="alert">
        {issues.map((issue) => (
          <p key={`${issue.path}:${issue.code}`}>
            {t('validation.line', {
              field: fields?.(issue.path) ?? issue.path,
              problem: problem(t, issue),
            })}
          </p>
        ))}
      </div>
    );
  }
  return <p role="alert">{error instanceof Error ? error.message : String(error)}</p>;
}

/**
 * The end of a form that saves through one mutation: what went wrong, the submit button (off while
 * saving), and what happened once it saved.
 */
export function SubmitRow({
  mutation,
  submit,
  saved,
}: {
  mutation: { error: unknown; isPending: boolean; isSuccess: boolean };
  submit: string;
  saved: string;
}) {
  return (
    <>
      <ErrorText error={mutation.error} />
      <button type="submit" disabled={mutation.isPending}>
        {submit}
      </button>
      {mutation.isSuccess && (
        <p role="status" className="muted">
          {saved}
        </p>
      )}
    </>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="muted">
      {t('loading')}
    </p>
  );
}

/** The weeks a dashboard covers, this one included, chosen among the page's periods. */
export function PeriodPicker<Weeks extends number>({
  weeks,
  choices,
  onChange,
}: {
  weeks: Weeks;
  choices: readonly Weeks[];
  onChange: (weeks: Weeks) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <p className="inline">
      <label htmlFor={id}>{t('period')}</label>{' '}
      <select id={id} value={weeks} onChange={(e) => onChange(Number(e.target.value) as Weeks)}>
        {choices.map((n) => (
          <option key={n} value={n}>
            {t('lastWeeks', { count: n })}
          </option>
        ))}
      </select>
    </p>
  );
}
