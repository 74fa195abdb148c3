import { schema } from '@flywheel/db';
import { type SQL, sql } from 'drizzle-orm';

const HAN = /\p{Script=Han}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** Each Chinese character and each adjacent pair of them: a two-character word is found as its pair. */
function hanGrams(text: string): string[] {
  const grams: string[] = [];
  for (const run of text.match(HAN) ?? []) {
    const chars = [...run];
    chars.forEach((char, i) => {
      grams.push(char);
      if (i + 1 < chars.length) grams.push(char + chars[i + 1]);
    });
  }
  return grams;
}

/** Words outside Chinese runs, lowercased: what near-duplicate detection compares besides the pairs. */
const words = (text: string) => (text.replace(HAN, ' ').toLowerCase().match(WORD) ?? []).filter((w) => w.length > 1);

/**
 * What a submission is found and compared by, beside Postgres' English full text: Chinese
 * characters and pairs (Postgres' parser does not segment Chinese) and lowercased words. Plain
 * text arrays with a GIN index, so the same query runs on PGlite and on Postgres, no extension.
 */
export function gramsOf(...texts: string[]): string[] {
  return [...new Set(texts.flatMap((text) => [...hanGrams(text), ...words(text)]))];
}

/**
 * A visitor's search as a condition: its English words through the stemmed full-text index, and
 * each Chinese run as its character pairs (a single character as itself), all of which must match.
 */
export function matchesSearch(q: string): SQL {
  const s = schema.ugcSubmissions;
  const conditions: SQL[] = [];
  const english = q.replace(HAN, ' ').trim();
  if (english) {
    // A query of only stop words ("the") has no terms, and then matches everything instead of nothing.
    conditions.push(sql`(numnode(plainto_tsquery('english', ${english})) = 0 or ${s.search} @@ plainto_tsquery('english', ${english}))`);
  }
  for (const run of q.match(HAN) ?? []) {
    const chars = [...run];
    const pairs = chars.length === 1 ? chars : chars.slice(0, -1).map((char, i) => char + chars[i + 1]);
    conditions.push(sql`${s.grams} @> ${sql.param(pairs)}::text[]`);
  }
  return conditions.length ? sql.join(conditions, sql` and `) : sql`true`;
}
