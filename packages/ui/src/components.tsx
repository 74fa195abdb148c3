import type { SanitizedHtml } from '@flywheel/contracts/ugc-constants';
import {
  type ButtonHTMLAttributes,
  Component,
  createContext,
  type InputHTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
  type TextareaHTMLAttributes,
  useCallback,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';

export function Button({
  variant = 'primary',
  className,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' }) {
  return <button type="button" {...props} className={['fw-button', `fw-button--${variant}`, className].filter(Boolean).join(' ')} />;
}

/** A titled region: screen readers announce it by its title. */
export function Card({ title, children, actions }: { title: ReactNode; children: ReactNode; actions?: ReactNode }) {
  const id = useId();
  return (
    <section className="fw-card" aria-labelledby={id}>
      <h2 className="fw-card__title" id={id}>
        {title}
      </h2>
      <div className="fw-card__body">{children}</div>
      {actions}
    </section>
  );
}

type FieldProps = { label: ReactNode; hint?: ReactNode; error?: ReactNode };
type ControlProps = { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };

/** A labelled control with its hint and error, both read out with it (aria-describedby). */
function Field({ label, hint, error, control }: FieldProps & { control: (props: ControlProps) => ReactNode }) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="fw-field">
      <label className="fw-field__label" htmlFor={id}>
        {label}
      </label>
      {control({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && (
        <span className="fw-field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="fw-field__error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

export function Input({ label, hint, error, ...props }: InputHTMLAttributes<HTMLInputElement> & FieldProps) {
  return <Field label={label} hint={hint} error={error} control={(field) => <input {...props} {...field} className="fw-input" />} />;
}

export type Tab = { id: string; label: ReactNode; panel: ReactNode };

/** WAI-ARIA tabs: one tab stop, arrows/Home/End move between tabs, panels labelled by their tab and rendered when shown. */
export function Tabs({ tabs, label }: { tabs: Tab[]; label: string }) {
  const [selected, setSelected] = useState(tabs[0]?.id);
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const base = useId();
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.id === selected);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length];
    if (!tab) return;
    setSelected(tab.id);
    refs.current.get(tab.id)?.focus();
  };
  return (
    <div className="fw-tabs">
      <div className="fw-tabs__list" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) refs.current.set(tab.id, el);
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`${base}-panel-${tab.id}`}
            tabIndex={tab.id === selected ? 0 : -1}
            className="fw-tabs__tab"
            onClick={() => setSelected(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${base}-panel-${tab.id}`}
          aria-labelledby={`${base}-tab-${tab.id}`}
          hidden={tab.id !== selected}
          className="fw-tabs__panel"
        >
          {/* Only the selected panel is rendered: a hidden one would load its data for nothing. */}
          {tab.id === selected && tab.panel}
        </div>
      ))}
    </div>
  );
}

export function List<T>({ items, render, label }: { items: T[]; render: (item: T) => { key: string; content: ReactNode }; label: string }) {
  return (
    <ul className="fw-list" aria-label={label}>
      {items.map((item) => {
        const { key, content } = render(item);
        return <li key={key}>{content}</li>;
      })}
    </ul>
  );
}

/** Placeholder lines while data loads; the label is what screen readers hear instead. */
export function Skeleton({ lines = 3, label }: { lines?: number; label: string }) {
  return (
    <div role="status" aria-live="polite">
      <span className="fw-visually-hidden">{label}</span>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} aria-hidden="true" className="fw-skeleton" style={{ width: `${90 - i * 15}%`, marginTop: i ? 8 : 0 }} />
      ))}
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: ReactNode; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="fw-empty">
      <p className="fw-empty__title">{title}</p>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}

type ToastApi = { show: (message: string) => void };
const ToastContext = createContext<ToastApi>({ show: () => {} });

/** Short confirmations ("Link copied"), announced politely and gone after a few seconds. */
export function ToastProvider({ children, durationMs = 3500 }: { children: ReactNode; durationMs?: number }) {
  const [toasts, setToasts] = useState<{ id: number; message: string }[]>([]);
  const nextId = useRef(0);
  const show = useCallback(
    (message: string) => {
      const id = nextId.current++;
      // The same message again replaces the one on screen (announced afresh), never stacks beside it.
      setToasts((current) => [...current.filter((t) => t.message !== message), { id, message }]);
      setTimeout(() => setToasts((current) => current.filter((t) => t.id !== id)), durationMs);
    },
    [durationMs],
  );
  return (
    <ToastContext.Provider value={{ show }}>
      {children}
      <div className="fw-toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className="fw-toast">
            {t.message}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}

/**
 * The one error boundary: widgets, remote hosts and the console all catch render errors with it.
 * `onError` reports the error once; `fallback` replaces the subtree until it is remounted.
 */
export class ErrorBoundary extends Component<
  { fallback: ReactNode; onError?: (error: Error) => void; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: Error) {
    this.props.onError?.(error);
  }

  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function Textarea({
  label,
  hint,
  error,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & FieldProps & { ref?: Ref<HTMLTextAreaElement> }) {
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      control={(field) => <textarea {...props} {...field} className="fw-input fw-textarea" />}
    />
  );
}

/** A labelled bar for "3 of 5 done"; the visible caption is also what screen readers hear. */
export function Progress({ value, max, label }: { value: number; max: number; label: ReactNode }) {
  const id = useId();
  const clamped = Math.min(Math.max(value, 0), max);
  return (
    <div className="fw-progress">
      <span className="fw-progress__label" id={id}>
        {label}
      </span>
      <progress className="fw-progress__bar" max={max} value={clamped} aria-labelledby={id} />
    </div>
  );
}

/** A short status or count next to a title: "New", "Approved", "3". */
export function Badge({
  tone = 'neutral',
  children,
}: {
  tone?: 'neutral' | 'success' | 'warning' | 'danger' | 'primary';
  children: ReactNode;
}) {
  return <span className={`fw-badge fw-badge--${tone}`}>{children}</span>;
}

/**
 * A modal dialog on the native `<dialog>`: `showModal()` makes the rest of the page inert (the
 * focus trap) and moves focus inside; Esc and the close button call `onClose`, and focus goes
 * back to what was focused before.
 */
export function Dialog({
  open,
  onClose,
  title,
  closeLabel,
  children,
  actions,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  closeLabel: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    const opener = dialog.ownerDocument.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal?.() ?? dialog.setAttribute('open', '');
    return () => {
      if (dialog.open) dialog.close?.() ?? dialog.removeAttribute('open');
      opener?.focus?.();
    };
  }, [open]);
  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className="fw-dialog"
      aria-labelledby={id}
      aria-modal="true"
      onCancel={(event) => {
        // Esc: the browser would close the element itself; let React state decide instead.
        event.preventDefault();
        onClose();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <div className="fw-dialog__head">
        <h2 className="fw-dialog__title" id={id}>
          {title}
        </h2>
        <button type="button" className="fw-dialog__close" aria-label={closeLabel} onClick={onClose}>
          ×
        </button>
      </div>
      <div className="fw-dialog__body">{children}</div>
      {actions && <div className="fw-dialog__actions">{actions}</div>}
    </dialog>
  );
}

/** A responsive gallery: as many columns of at least `minColumnWidth` as fit. */
export function Grid<T>({
  items,
  render,
  label,
  minColumnWidth = 220,
}: {
  items: T[];
  render: (item: T) => { key: string; content: ReactNode };
  label: string;
  minColumnWidth?: number;
}) {
  return (
    <ul
      className="fw-grid"
      aria-label={label}
      style={{ gridTemplateColumns: `repeat(auto-fill, minmax(min(${minColumnWidth}px, 100%), 1fr))` }}
    >
      {items.map((item) => {
        const { key, content } = render(item);
        return <li key={key}>{content}</li>;
      })}
    </ul>
  );
}

/** A like (or any on/off) toggle: `aria-pressed` says its state, the count is part of its name. */
export function LikeToggle({
  pressed,
  count,
  label,
  onToggle,
  disabled,
}: {
  pressed: boolean;
  count: number;
  label: string;
  onToggle: (next: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <button type="button" className="fw-like" aria-pressed={pressed} disabled={disabled} onClick={() => onToggle(!pressed)}>
      <span aria-hidden="true">{pressed ? '♥' : '♡'}</span>
      <span>{label}</span>
      <span className="fw-like__count">{count}</span>
    </button>
  );
}

/**
 * The foot of a cursor-paginated list: a "load more" button while there are more pages, a
 * polite note when everything is shown. Pair it with widget-kit's `cursorPages`.
 */
export function LoadMore({
  hasMore,
  loading,
  onLoadMore,
  label,
  loadingLabel,
  endLabel,
}: {
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
  label: string;
  loadingLabel: string;
  endLabel?: string;
}) {
  if (!hasMore) return endLabel ? <p className="fw-muted fw-load-more">{endLabel}</p> : null;
  return (
    <div className="fw-load-more">
      <Button variant="secondary" onClick={onLoadMore} disabled={loading} aria-busy={loading}>
        {loading ? loadingLabel : label}
      </Button>
    </div>
  );
}

/**
 * Customer-written content as the server rendered it: Markdown turned into HTML and sanitized by
 * the API's allow-list (no script, handlers, styles, frames; links `nofollow ugc`; only uploaded
 * images). The type says where it came from: plain strings do not compile here.
 */
export function UserHtml({ html, className }: { html: SanitizedHtml; className?: string }) {
  // The one place customer-written markup reaches the DOM, and only as the server sanitized it.
  return <div className={['fw-markdown', className].filter(Boolean).join(' ')} dangerouslySetInnerHTML={{ __html: html }} />;
}
