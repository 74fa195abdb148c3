/** Referral center CSS: every rule under `.fw-referral-center`, every value from a `--fw-*` token. */
export const styles = /* css */ `
.fw-referral-center .fw-referral__sections { display: grid; gap: calc(var(--fw-s) * 2); margin-top: calc(var(--fw-s) * 2); }
.fw-referral-center .fw-referral__section h3 { margin: 0 0 4px; font-size: 1em; font-weight: 600; }
.fw-referral-center .fw-referral__section p { margin: 0; }
`;
