/**
 * The design system's CSS, as a string so widget-kit can adopt it into a shadow root (embed.js)
 * or inject it once under `.fw-root` (React hosts). Every value comes from a `--fw-*` custom
 * property with a default; custom properties inherit through shadow DOM, so a host page themes
 * widgets by setting them on `flywheel-widget` or any ancestor.
 */
export const uiStyles = /* css */ `
:host { display: block; all: initial; }
.fw-root {
  --fw-primary: var(--fw-color-primary, #4338ca);
  --fw-on-primary: var(--fw-color-on-primary, #ffffff);
  --fw-text: var(--fw-color-text, #111827);
  --fw-muted: var(--fw-color-muted, #4b5563);
  --fw-surface: var(--fw-color-surface, #ffffff);
  --fw-subtle: var(--fw-color-subtle, #f3f4f6);
  --fw-border: var(--fw-color-border, #d1d5db);
  --fw-danger: var(--fw-color-danger, #b91c1c);
  --fw-success: var(--fw-color-success, #047857);
  --fw-r: var(--fw-radius, 10px);
  --fw-s: var(--fw-space, 8px);
  display: block; box-sizing: border-box; color: var(--fw-text); background: transparent;
  font: 400 var(--fw-font-size, 15px)/1.5 var(--fw-font-family, system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Microsoft YaHei", sans-serif);
  text-align: start; letter-spacing: normal; text-transform: none;
}
.fw-root *, .fw-root *::before, .fw-root *::after { box-sizing: inherit; }
.fw-root :focus-visible { outline: 2px solid var(--fw-primary); outline-offset: 2px; }
.fw-visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.fw-card { background: var(--fw-surface); border: 1px solid var(--fw-border); border-radius: var(--fw-r); padding: calc(var(--fw-s) * 2.5); }
.fw-card__title { margin: 0 0 var(--fw-s); font-size: 1.15em; font-weight: 650; line-height: 1.3; }
.fw-card__body > * + * { margin-top: calc(var(--fw-s) * 1.5); }
.fw-button { display: inline-flex; align-items: center; gap: 6px; min-height: 36px; padding: 0 14px; border-radius: calc(var(--fw-r) * 0.8);
  font: inherit; font-weight: 600; cursor: pointer; border: 1px solid transparent; }
.fw-button--primary { background: var(--fw-primary); color: var(--fw-on-primary); }
.fw-button--secondary { background: var(--fw-surface); color: var(--fw-text); border-color: var(--fw-border); }
.fw-button:disabled { opacity: 0.55; cursor: not-allowed; }
.fw-field { display: grid; gap: 4px; }
.fw-field__label { font-weight: 600; font-size: 0.9em; }
.fw-field__hint { color: var(--fw-muted); font-size: 0.85em; }
.fw-field__error { color: var(--fw-danger); font-size: 0.85em; }
.fw-input { font: inherit; color: var(--fw-text); background: var(--fw-surface); border: 1px solid var(--fw-border);
  border-radius: calc(var(--fw-r) * 0.8); padding: 7px 10px; min-height: 36px; width: 100%; }
.fw-input[aria-invalid="true"] { border-color: var(--fw-danger); }
.fw-tabs__list { display: flex; gap: 4px; border-bottom: 1px solid var(--fw-border); }
.fw-tabs__tab { font: inherit; background: none; border: 0; border-bottom: 2px solid transparent; padding: 6px 10px; cursor: pointer; color: var(--fw-muted); }
.fw-tabs__tab[aria-selected="true"] { color: var(--fw-text); border-bottom-color: var(--fw-primary); font-weight: 600; }
.fw-tabs__panel { padding-top: calc(var(--fw-s) * 1.5); }
.fw-list { list-style: none; margin: 0; padding: 0; }
.fw-list > li { display: flex; justify-content: space-between; gap: var(--fw-s); padding: var(--fw-s) 0; border-bottom: 1px solid var(--fw-subtle); }
.fw-list > li:last-child { border-bottom: 0; }
.fw-skeleton { background: linear-gradient(90deg, var(--fw-subtle), var(--fw-border), var(--fw-subtle)); background-size: 200% 100%;
  border-radius: 6px; height: 1em; animation: fw-pulse 1.4s ease-in-out infinite; }
@media (prefers-reduced-motion: reduce) { .fw-skeleton { animation: none; } }
@keyframes fw-pulse { 0% { background-position: 200% 0; } 100% { background-position: -200% 0; } }
.fw-empty { text-align: center; padding: calc(var(--fw-s) * 3) var(--fw-s); color: var(--fw-muted); }
.fw-empty__title { color: var(--fw-text); font-weight: 600; margin: 0 0 4px; }
.fw-toasts { position: fixed; inset-block-end: 16px; inset-inline-end: 16px; display: grid; gap: 8px; z-index: 2147483000; }
.fw-toast { background: var(--fw-text); color: var(--fw-surface); padding: 10px 14px; border-radius: var(--fw-r); box-shadow: 0 6px 24px rgb(0 0 0 / 0.2); }
.fw-muted { color: var(--fw-muted); }
.fw-textarea { min-height: 96px; padding-block: 8px; resize: vertical; }
.fw-progress { display: grid; gap: 4px; }
.fw-progress__label { font-size: 0.9em; }
.fw-progress__bar { width: 100%; height: 8px; accent-color: var(--fw-primary); }
.fw-badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 0.8em; font-weight: 600; background: var(--fw-subtle); color: var(--fw-text); }
.fw-badge--primary { background: var(--fw-primary); color: var(--fw-on-primary); }
.fw-badge--success { color: var(--fw-success); border: 1px solid currentColor; background: none; }
.fw-badge--warning { color: #92400e; border: 1px solid currentColor; background: none; }
.fw-badge--danger { color: var(--fw-danger); border: 1px solid currentColor; background: none; }
.fw-dialog { border: 1px solid var(--fw-border); border-radius: var(--fw-r); padding: calc(var(--fw-s) * 2.5); max-width: min(560px, 92vw);
  color: var(--fw-text); background: var(--fw-surface); font: inherit; }
.fw-dialog::backdrop { background: rgb(0 0 0 / 0.45); }
.fw-dialog__head { display: flex; justify-content: space-between; align-items: start; gap: var(--fw-s); }
.fw-dialog__title { margin: 0; font-size: 1.1em; }
.fw-dialog__close { font: inherit; font-size: 1.4em; line-height: 1; background: none; border: 0; cursor: pointer; color: var(--fw-muted); }
.fw-dialog__body { margin-top: var(--fw-s); }
.fw-dialog__actions { display: flex; justify-content: end; gap: var(--fw-s); margin-top: calc(var(--fw-s) * 2); }
.fw-grid { list-style: none; margin: 0; padding: 0; display: grid; gap: calc(var(--fw-s) * 1.5); }
.fw-like { display: inline-flex; align-items: center; gap: 6px; font: inherit; cursor: pointer; background: var(--fw-surface);
  border: 1px solid var(--fw-border); border-radius: 999px; padding: 2px 12px; color: var(--fw-text); }
.fw-like[aria-pressed="true"] { color: var(--fw-danger); border-color: currentColor; }
.fw-like__count { font-variant-numeric: tabular-nums; }
.fw-load-more { display: flex; justify-content: center; margin-top: calc(var(--fw-s) * 1.5); }
.fw-markdown img { max-width: 100%; height: auto; }
.fw-markdown pre { overflow-x: auto; background: var(--fw-subtle); padding: var(--fw-s); border-radius: 6px; }
`;
