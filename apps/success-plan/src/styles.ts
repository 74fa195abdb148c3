/** Success plan CSS: every rule under `.fw-success-plan`, every value from a `--fw-*` token. */
export const styles = /* css */ `
.fw-success-plan .fw-plan { display: grid; gap: calc(var(--fw-s) * 2); margin-top: var(--fw-s); }
.fw-success-plan p { margin: 0; }
.fw-success-plan progress { width: 100%; height: 10px; accent-color: var(--fw-primary); }
.fw-success-plan h3 { margin: 0 0 6px; font-size: 1em; font-weight: 600; display: flex; gap: var(--fw-s); align-items: center; flex-wrap: wrap; }
.fw-success-plan .fw-plan__phase { border-left: 3px solid var(--fw-border); padding-left: var(--fw-s); }
.fw-success-plan .fw-plan__phase--current { border-left-color: var(--fw-primary); }
.fw-success-plan .fw-plan__list { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--fw-s); }
.fw-success-plan .fw-plan__row { display: flex; gap: var(--fw-s); align-items: center; justify-content: space-between; flex-wrap: wrap; }
.fw-success-plan .fw-plan__task .fw-plan__row { justify-content: start; }
.fw-success-plan .fw-plan__task a { color: var(--fw-primary); font-size: 0.9em; }
.fw-success-plan .fw-plan__milestone--done strong { text-decoration: line-through; color: var(--fw-muted); }
.fw-success-plan .fw-plan__health { font-weight: 600; }
.fw-success-plan .fw-plan__health--at_risk, .fw-success-plan .fw-plan__health--critical { color: var(--fw-danger); }
.fw-success-plan .fw-plan__nps { display: grid; gap: var(--fw-s); padding: var(--fw-s); border: 1px solid var(--fw-border); border-radius: var(--fw-r); }
.fw-success-plan .fw-plan__nps fieldset { border: 0; margin: 0; padding: 0; }
.fw-success-plan .fw-plan__nps legend { font-weight: 600; margin-bottom: 6px; }
.fw-success-plan .fw-plan__scale { display: flex; flex-wrap: wrap; gap: 4px; }
.fw-success-plan .fw-plan__score { display: grid; place-items: center; min-width: 32px; padding: 4px; border: 1px solid var(--fw-border); border-radius: calc(var(--fw-r) * 0.6); cursor: pointer; }
.fw-success-plan .fw-plan__score:has(input:checked) { background: var(--fw-primary); color: var(--fw-on-primary); }
.fw-success-plan .fw-plan__score:focus-within { outline: 2px solid var(--fw-primary); outline-offset: 2px; }
.fw-success-plan .fw-plan__score input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.fw-success-plan .fw-plan__report { display: grid; gap: var(--fw-s); justify-items: start; }
.fw-success-plan .fw-plan__table { border-collapse: collapse; width: 100%; }
.fw-success-plan .fw-plan__table th, .fw-success-plan .fw-plan__table td { text-align: start; padding: 4px 8px; border-bottom: 1px solid var(--fw-border); }
.fw-success-plan .fw-plan__table td { font-variant-numeric: tabular-nums; }
.fw-success-plan .fw-plan__report a { color: var(--fw-primary); font-weight: 600; }
`;
