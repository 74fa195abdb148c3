import {
  type ButtonHTMLAttributes,
  createContext,
  type InputHTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useContext,
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

export function Input({
  label,
  hint,
  error,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; hint?: ReactNode; error?: ReactNode }) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="fw-field">
      <label className="fw-field__label" htmlFor={id}>
        {label}
      </label>
      <input {...props} id={id} className="fw-input" aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
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

export type Tab = { id: string; label: ReactNode; panel: ReactNode };

/** WAI-ARIA tabs: one tab stop, arrows/Home/End move between tabs, panels labelled by their tab. */
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
          {tab.panel}
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
      setToasts((current) => [...current, { id, message }]);
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
