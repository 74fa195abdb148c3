/** UGC showcase CSS: every rule under `.fw-ugc-showcase`, every value from a `--fw-*` token. */
export const styles = /* css */ `
.fw-ugc-showcase h3, .fw-ugc-showcase h4 { margin: 4px 0; }
.fw-ugc-showcase p { margin: 0 0 4px; }
.fw-ugc-showcase .fw-ugc__filters { display: flex; flex-wrap: wrap; gap: var(--fw-s); align-items: end; margin: var(--fw-s) 0; }
.fw-ugc-showcase .fw-ugc__select { display: grid; gap: 4px; }
.fw-ugc-showcase select { font: inherit; padding: 6px; border: 1px solid var(--fw-border); border-radius: var(--fw-r); background: var(--fw-bg); color: inherit; }
.fw-ugc-showcase .fw-ugc__chip, .fw-ugc-showcase .fw-ugc__tags button { font: inherit; font-size: 0.85em; border: 0; border-radius: 999px;
  padding: 2px 10px; background: var(--fw-subtle); color: inherit; cursor: pointer; }
.fw-ugc-showcase .fw-ugc__tags { display: flex; flex-wrap: wrap; gap: 4px; padding: 0; margin: 4px 0 0; list-style: none; }
.fw-ugc-showcase .fw-ugc__card { display: grid; gap: 2px; padding: var(--fw-s); border: 1px solid var(--fw-border);
  border-radius: var(--fw-r); height: 100%; box-sizing: border-box; }
.fw-ugc-showcase .fw-ugc__card--featured { border: 2px solid var(--fw-primary); margin-bottom: var(--fw-s); }
.fw-ugc-showcase .fw-ugc__cover { width: 100%; height: auto; aspect-ratio: 16 / 9; object-fit: cover; border-radius: var(--fw-r); }
.fw-ugc-showcase .fw-ugc__meta { display: flex; gap: var(--fw-s); align-items: center; color: var(--fw-muted); font-size: 0.85em; }
.fw-ugc-showcase .fw-ugc__open { font: inherit; font-weight: 700; text-align: start; padding: 0; border: 0; background: none;
  color: var(--fw-primary); cursor: pointer; }
.fw-ugc-showcase .fw-ugc__open:hover { text-decoration: underline; }
.fw-ugc-showcase .fw-ugc__story { display: grid; gap: var(--fw-s); justify-items: start; }
.fw-ugc-showcase .fw-ugc__body { width: 100%; }
.fw-ugc-showcase .fw-ugc__row { display: flex; flex-wrap: wrap; gap: var(--fw-s); align-items: center; }
.fw-ugc-showcase .fw-ugc__form { display: grid; gap: calc(var(--fw-s) * 1.5); margin-top: var(--fw-s); }
.fw-ugc-showcase .fw-ugc__kinds { display: flex; flex-wrap: wrap; gap: var(--fw-s); border: 0; padding: 0; margin: 0; }
.fw-ugc-showcase .fw-ugc__kinds legend { font-weight: 600; margin-bottom: 4px; }
.fw-ugc-showcase .fw-ugc__editor { display: grid; gap: var(--fw-s); }
.fw-ugc-showcase .fw-ugc__preview { min-height: 8em; padding: var(--fw-s); border: 1px dashed var(--fw-border); border-radius: var(--fw-r); }
.fw-ugc-showcase .fw-ugc__thumbs { display: grid; gap: var(--fw-s); padding: 0; list-style: none; }
.fw-ugc-showcase .fw-ugc__thumbs li { display: flex; flex-wrap: wrap; gap: var(--fw-s); align-items: center; }
.fw-ugc-showcase .fw-ugc__thumbs img { width: 64px; height: 48px; object-fit: cover; border-radius: 4px; }
.fw-ugc-showcase .fw-ugc__consent { display: flex; gap: var(--fw-s); align-items: start; }
.fw-ugc-showcase .fw-ugc__mine { display: grid; gap: 4px; width: 100%; }
.fw-ugc-showcase .fw-ugc__reason { padding: var(--fw-s); border-inline-start: 3px solid var(--fw-danger); background: var(--fw-subtle); }
`;
