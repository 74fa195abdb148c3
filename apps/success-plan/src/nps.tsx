import { Button, Textarea } from '@flywheel/ui';
import { useMutation, useQuery, useQueryClient, useTRPC } from '@flywheel/widget-kit';
import { type FormEvent, useId, useState } from 'react';
import { useT } from './messages.ts';

/** The NPS question, when it is due: 0–10, an optional comment, or "not now" (which counts as asked). */
export function NpsQuestion() {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const due = useQuery(trpc.successPlan.npsDue.queryOptions());
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const answer = useMutation(
    trpc.successPlan.answerNps.mutationOptions({
      onSettled: () => void queryClient.invalidateQueries({ queryKey: trpc.successPlan.npsDue.queryKey() }),
    }),
  );
  if (answer.isSuccess) return answer.data.answered ? <p role="status">{t('plan.nps.thanks')}</p> : null;
  if (!due.data?.due) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (score !== null) answer.mutate({ answer: { score, ...(comment.trim() ? { comment } : {}) } });
  };
  return (
    <form className="fw-plan__nps" onSubmit={submit} aria-labelledby={`${id}-q`}>
      <fieldset>
        <legend id={`${id}-q`}>{t('plan.nps.question')}</legend>
        <div className="fw-plan__scale">
          {Array.from({ length: 11 }, (_, n) => (
            <label key={n} className="fw-plan__score">
              <input type="radio" name={`${id}-score`} value={n} checked={score === n} onChange={() => setScore(n)} />
              <span>{n}</span>
            </label>
          ))}
        </div>
        <p className="fw-muted fw-plan__row">
          <span>{t('plan.nps.low')}</span>
          <span>{t('plan.nps.high')}</span>
        </p>
      </fieldset>
      {score !== null && (
        <Textarea label={t('plan.nps.comment')} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} />
      )}
      <div className="fw-plan__row">
        <Button type="submit" disabled={score === null || answer.isPending}>
          {t('plan.nps.send')}
        </Button>
        <Button variant="secondary" disabled={answer.isPending} onClick={() => answer.mutate({ answer: null })}>
          {t('plan.nps.dismiss')}
        </Button>
      </div>
      {answer.isError && <p role="alert">{t('plan.task.error')}</p>}
    </form>
  );
}
