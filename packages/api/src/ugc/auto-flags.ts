import type { AutoFlag } from '@flywheel/contracts/ugc';
import { type Db, schema, type Tx } from '@flywheel/db';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { customersByIds } from '../customers/index.ts';
import { hasFraudHolds } from '../referral/index.ts';

/** More links than a case study or tutorial needs is how link spam looks. */
const MANY_LINKS = 5;
/** Shared words and character pairs, over the larger of the two: this close is a copy. */
const DUPLICATE_OVERLAP = 0.8;
const NEW_ACCOUNT_MS = 24 * 3_600_000;

/**
 * Words no showcase wants, in English and Simplified Chinese (spam, gambling, adult content,
 * invoice fraud). Deliberately short: it raises a flag for a moderator, it decides nothing.
 */
const BLOCKED_WORDS = {
  en: ['viagra', 'casino', 'porn', 'escort', 'betting', 'payday loan', 'crypto giveaway', 'free money', 'buy followers'],
  'zh-CN': ['赌博', '博彩', '色情', '代开发票', '刷单', '裸聊', '六合彩', '网赌', '贷款秒批'],
};
const english = new RegExp(`\\b(${BLOCKED_WORDS.en.join('|')})\\b`, 'i');

export const countLinks = (markdown: string) => (markdown.match(/\bhttps?:\/\/|\bmailto:|\bwww\./gi) ?? []).length;

export const hasBlockedWords = (text: string) => english.test(text) || BLOCKED_WORDS['zh-CN'].some((word) => text.includes(word));

/**
 * What the moderator's queue should look at twice in a submission just sent: its text, its
 * closeness to another submission of the tenant, and its author (new here, or part of a referral
 * held for fraud). Images not yet reviewed are flagged when the queue is read, as that changes.
 */
export async function textFlags(
  db: Db | Tx,
  submission: { tenantId: string; id: string; authorId: string; title: string; summary: string; body: string; grams: string[] },
  now: Date,
): Promise<AutoFlag[]> {
  const flags: AutoFlag[] = [];
  if (countLinks(submission.body) > MANY_LINKS) flags.push('many_links');
  if (hasBlockedWords(`${submission.title}\n${submission.summary}\n${submission.body}`)) flags.push('blocked_words');
  if (await nearDuplicate(db, submission)) flags.push('near_duplicate');
  const [author] = await customersByIds(db, submission.tenantId, [submission.authorId]);
  if (author && now.getTime() - author.firstSeenAt.getTime() < NEW_ACCOUNT_MS) flags.push('new_account');
  if (await hasFraudHolds(db, submission.tenantId, submission.authorId)) flags.push('fraud_holds');
  return flags;
}

async function nearDuplicate(db: Db | Tx, submission: { tenantId: string; id: string; grams: string[] }): Promise<boolean> {
  if (submission.grams.length === 0) return false;
  const s = schema.ugcSubmissions;
  const grams = sql`${sql.param(submission.grams)}::text[]`;
  const [copy] = await db
    .select({ id: s.id })
    .from(s)
    .where(
      and(
        eq(s.tenantId, submission.tenantId),
        ne(s.id, submission.id),
        inArray(s.status, ['pending', 'approved', 'taken_down']),
        // The GIN index finds candidates sharing anything; the overlap is measured on those.
        sql`${s.grams} && ${grams}`,
        sql`(select count(*) from unnest(${s.grams}) g where g = any(${grams}))::float
              / greatest(cardinality(${s.grams}), ${submission.grams.length}) >= ${DUPLICATE_OVERLAP}`,
      ),
    )
    .limit(1);
  return Boolean(copy);
}
