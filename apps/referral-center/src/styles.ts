/** Referral center CSS: every rule under `.fw-referral-center`, every value from a `--fw-*` token. */
export const styles = /* css */ `
.fw-referral-center .fw-referral__sections { display: grid; grid-template-columns: minmax(0, 1fr); gap: calc(var(--fw-s) * 2.5); margin-top: calc(var(--fw-s) * 2); }
.fw-referral-center h3 { margin: 0 0 6px; font-size: 1em; font-weight: 600; }
.fw-referral-center p { margin: 0; }
.fw-referral-center .fw-referral__link { display: flex; gap: var(--fw-s); align-items: center; margin-bottom: 4px; }
.fw-referral-center .fw-referral__url { flex: 1; min-width: 0; display: flex; margin: 0; padding: 6px 10px; border: 1px solid var(--fw-border);
  border-radius: calc(var(--fw-r) * 0.8); font-family: ui-monospace, monospace; user-select: all; }
.fw-referral-center .fw-referral__url-start { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.fw-referral-center .fw-referral__url-code { flex-shrink: 0; font-weight: 600; }
.fw-referral-center .fw-referral__paused { padding: var(--fw-s); border-radius: calc(var(--fw-r) * 0.8); background: var(--fw-subtle); }
.fw-referral-center .fw-referral__terms p { white-space: pre-line; margin-top: var(--fw-s); color: var(--fw-muted); }
.fw-referral-center .fw-referral__share { display: flex; flex-wrap: wrap; gap: var(--fw-s); }
.fw-referral-center .fw-referral__share a { color: var(--fw-primary); font-weight: 600; text-decoration: none; padding: 6px 10px;
  border: 1px solid var(--fw-border); border-radius: calc(var(--fw-r) * 0.8); }
.fw-referral-center .fw-referral__share a:hover { background: var(--fw-subtle); }
.fw-referral-center .fw-referral__email { display: flex; flex-wrap: wrap; gap: var(--fw-s); align-items: end; margin-top: calc(var(--fw-s) * 1.5); }
.fw-referral-center .fw-referral__email .fw-field { flex: 1 1 14em; }
.fw-referral-center progress { width: 100%; height: 10px; accent-color: var(--fw-primary); }
.fw-referral-center .fw-referral__qr { margin-top: var(--fw-s); width: 168px; height: 168px; image-rendering: pixelated; }
.fw-referral-center .fw-referral__totals { display: grid; grid-template-columns: auto 1fr; gap: 0 var(--fw-s); margin: 0; }
.fw-referral-center .fw-referral__totals dd { margin: 0; font-weight: 600; }
.fw-referral-center .fw-referral__table { overflow-x: auto; }
.fw-referral-center .fw-referral__table table { width: 100%; border-collapse: collapse; font-size: 0.95em; }
.fw-referral-center .fw-referral__table th, .fw-referral-center .fw-referral__table td { text-align: start; padding: 4px 8px 4px 0; border-bottom: 1px solid var(--fw-border); vertical-align: top; }
.fw-referral-center .fw-referral__table tbody th { font-weight: 400; }
.fw-referral-center .fw-nowrap { white-space: nowrap; }
.fw-referral-center .fw-referral__status { color: var(--fw-muted); font-size: 0.9em; }
`;
