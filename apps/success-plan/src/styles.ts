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
`;
