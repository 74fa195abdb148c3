/** Achievement wall CSS: every rule under `.fw-achievement-wall`, every value from a `--fw-*` token. */
export const styles = /* css */ `
.fw-achievement-wall h4 { margin: 6px 0 2px; font-size: 1em; }
.fw-achievement-wall p { margin: 0; }
.fw-achievement-wall .fw-wall__summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: calc(var(--fw-s) * 2);
  margin: calc(var(--fw-s) * 2) 0; }
.fw-achievement-wall .fw-wall__figure { font-size: 1.5em; font-weight: 700; }
.fw-achievement-wall .fw-wall__badge { display: grid; gap: 4px; justify-items: start; padding: var(--fw-s);
  border: 1px solid var(--fw-border); border-radius: var(--fw-r); height: 100%; box-sizing: border-box; }
.fw-achievement-wall .fw-wall__badge .fw-progress { width: 100%; }
.fw-achievement-wall .fw-wall__art--locked { filter: grayscale(1); opacity: 0.45; }
.fw-achievement-wall progress { width: 100%; height: 10px; accent-color: var(--fw-primary); }
.fw-achievement-wall .fw-wall__share { display: grid; gap: var(--fw-s); margin-top: var(--fw-s); }
.fw-achievement-wall .fw-wall__share-links { display: flex; flex-wrap: wrap; gap: var(--fw-s); align-items: center; }
.fw-achievement-wall .fw-wall__share-links a { color: var(--fw-primary); font-weight: 600; }
.fw-achievement-wall .fw-wall__qr { width: 168px; height: 168px; image-rendering: pixelated; }
.fw-achievement-wall .fw-wall__streak { display: grid; gap: 6px; margin-top: var(--fw-s); }
.fw-achievement-wall .fw-wall__streak-count { font-size: 1.25em; font-weight: 700; }
.fw-achievement-wall .fw-wall__calendar { border-collapse: separate; border-spacing: 4px; }
.fw-achievement-wall .fw-wall__calendar th { font-weight: 400; color: var(--fw-muted); font-size: 0.8em; }
.fw-achievement-wall .fw-wall__day { width: 28px; height: 28px; text-align: center; border-radius: 6px; background: var(--fw-subtle); }
.fw-achievement-wall .fw-wall__day--active { background: var(--fw-primary); color: var(--fw-on-primary); }
.fw-achievement-wall .fw-wall__day--frozen { outline: 2px solid var(--fw-primary); }
.fw-achievement-wall .fw-wall__day--future { background: transparent; }
.fw-achievement-wall .fw-wall__item { display: flex; justify-content: space-between; gap: var(--fw-s); align-items: start; width: 100%; }
.fw-achievement-wall .fw-wall__entry { display: grid; gap: 2px; }
.fw-achievement-wall .fw-wall__in { color: var(--fw-success); }
.fw-achievement-wall .fw-wall__out { color: var(--fw-danger); }
`;
