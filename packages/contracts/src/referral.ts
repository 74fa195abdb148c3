// The referral program's names without zod: the console and widgets import these, and only the server parses.

/**
 * Why a qualified referral is held for review: a code with its parameters, shown to the
 * moderator in their language (never an English sentence stored in the database).
 */
export const FRAUD_SIGNALS = [
  /** The friend's account is the referrer's own. */
  'self_referral',
  /** The friend's email is the referrer's, once dots and plus tags are ignored. */
  'same_email',
  /** The friend's browser was the referrer's (a shared anonymous id). */
  'same_device',
  /** The friend opened the link from the IP address and browser the referrer used within `hours`. */
  'same_network',
  /** The friend was a customer before the referral reached them. */
  'existing_customer',
  /** The referrer reached the program's cap of `cap` rewarded friends in 30 days. */
  'velocity',
] as const;
export type FraudSignalCode = (typeof FRAUD_SIGNALS)[number];
export type FraudSignal = { code: FraudSignalCode; params?: Record<string, number> };

/** Every referral status, in the order a referral moves through them. */
export const REFERRAL_STATUSES = ['signed_up', 'qualified', 'pending', 'approved', 'paid', 'held', 'rejected', 'reversed'] as const;
export type ReferralStatusName = (typeof REFERRAL_STATUSES)[number];

/** The program's terms as the marketer wrote them, per language; the widget shows the customer's. */
export type ProgramTerms = { en: string; 'zh-CN': string };
export const TERMS_MAX_LENGTH = 4000;

/** Email invites one customer may send in a day: enough for a team, too few to spam with. */
export const DAILY_EMAIL_INVITES = 10;
