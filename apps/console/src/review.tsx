import { useState } from 'react';
import { ErrorText } from './components.tsx';

/**
 * A moderator's decision on one queued item, the same for every queue (held referrals, showcase
 * submissions): approve, or reject with a reason. With `reasons` a rejection names one of the
 * codes its author will read in their language, and the note adds detail; without, the note is
 * the reason.
 */
export function ReviewActions<R extends string>({
  onDecide,
  pending,
  error,
  reasons,
  labels,
}: {
  onDecide: (decision: 'approve' | 'reject', details: { reason: R | undefined; note: string }) => void;
  pending: boolean;
  error: unknown;
  reasons?: readonly { code: R; label: string }[];
  labels: { note: string; approve: string; reject: string; reason?: string };
}) {
  const [note, setNote] = useState('');
  const [reason, setReason] = useState<R | undefined>(reasons?.[0]?.code);
  const decide = (decision: 'approve' | 'reject') => onDecide(decision, { reason: decision === 'reject' ? reason : undefined, note });
  return (
    <div className="review">
      {reasons && reason && <ReasonSelect label={labels.reason} reasons={reasons} value={reason} onChange={setReason} />}
      <label>
        {labels.note}
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
      </label>
      <button type="button" className="primary" disabled={pending} onClick={() => decide('approve')}>
        {labels.approve}
      </button>
      <button type="button" disabled={pending} onClick={() => decide('reject')}>
        {labels.reject}
      </button>
      <ErrorText error={error} />
    </div>
  );
}

/** A reason code to pick, each labelled in the moderator's language: rejections and takedowns alike. */
export function ReasonSelect<R extends string>({
  label,
  reasons,
  value,
  onChange,
}: {
  label: string | undefined;
  reasons: readonly { code: R; label: string }[];
  value: R;
  onChange: (reason: R) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as R)}>
        {reasons.map((r) => (
          <option key={r.code} value={r.code}>
            {r.label}
          </option>
        ))}
      </select>
    </label>
  );
}
