// The showcase's names and limits without zod: widgets import these, and only the server parses.

/** What a customer can publish: the article's case library, tutorial community and works showcase. */
export const SUBMISSION_KINDS = ['case_study', 'tutorial', 'work'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];

/** Where a submission stands. Only `approved` is public; a rejected one can be edited and resubmitted. */
export const SUBMISSION_STATUSES = ['draft', 'pending', 'approved', 'rejected', 'withdrawn', 'taken_down'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** Why a moderator refused or took down a submission: a code the author sees in their language, and can act on. */
export const REJECTION_REASONS = ['personal_data', 'off_topic', 'spam', 'rights', 'quality', 'offensive', 'other'] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** The licences an author can grant the tenant; publishing needs one. */
export const LICENCES = ['all_rights_reserved', 'tenant_reuse', 'cc_by_4', 'cc_by_sa_4'] as const;
export type Licence = (typeof LICENCES)[number];

/** What the moderator's queue flags for a closer look; none of them blocks a submission on its own. */
export const AUTO_FLAGS = ['many_links', 'blocked_words', 'near_duplicate', 'new_account', 'fraud_holds', 'unreviewed_images'] as const;
export type AutoFlag = (typeof AUTO_FLAGS)[number];

/** The gallery's orders: trending (likes that decay with age), or newest published first. */
export const GALLERY_ORDERS = ['trending', 'newest'] as const;

export const UGC_LIMITS = {
  title: 120,
  summary: 300,
  /** Characters of Markdown: a long tutorial fits, a dumped file does not. */
  body: 20_000,
  tags: 8,
  tag: 30,
  images: 10,
  /** Bytes of one uploaded image, before it is re-encoded. */
  imageBytes: 5 * 1024 * 1024,
  /** Pixels of one image (width × height), so a tiny file cannot decode to gigabytes. */
  imagePixels: 40_000_000,
} as const;

/**
 * HTML the server rendered from a customer's Markdown and sanitized with its allow-list: the
 * only customer-written markup any surface may put into the DOM.
 */
export type SanitizedHtml = string & { readonly __sanitized: true };
