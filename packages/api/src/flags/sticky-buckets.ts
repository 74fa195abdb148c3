import { type Db, schema, type Tx } from '@flywheel/db';
import { type StickyAssignmentsDocument, StickyBucketService } from '@growthbook/growthbook';
import { and, eq, or, sql } from 'drizzle-orm';

/**
 * GrowthBook sticky buckets in Postgres, per tenant (the JS SDK's sticky bucketing): a customer keeps the
 * variation they were first given when a marketer changes the weights.
 */
export class DbStickyBucketService extends StickyBucketService {
  constructor(
    private readonly db: Db | Tx,
    private readonly tenantId: string,
  ) {
    super();
  }

  async getAssignments(attributeName: string, attributeValue: string): Promise<StickyAssignmentsDocument | null> {
    const [row] = await this.db
      .select({ assignments: schema.stickyBuckets.assignments })
      .from(schema.stickyBuckets)
      .where(
        and(
          eq(schema.stickyBuckets.tenantId, this.tenantId),
          eq(schema.stickyBuckets.attributeName, attributeName),
          eq(schema.stickyBuckets.attributeValue, attributeValue),
        ),
      );
    return row ? { attributeName, attributeValue, assignments: row.assignments } : null;
  }

  /** One query for every identifier attribute of the request. */
  override async getAllAssignments(attributes: Record<string, string>): Promise<Record<string, StickyAssignmentsDocument>> {
    const entries = Object.entries(attributes).filter(([, value]) => value);
    if (entries.length === 0) return {};
    const rows = await this.db
      .select()
      .from(schema.stickyBuckets)
      .where(
        and(
          eq(schema.stickyBuckets.tenantId, this.tenantId),
          or(
            ...entries.map(([name, value]) =>
              and(eq(schema.stickyBuckets.attributeName, name), eq(schema.stickyBuckets.attributeValue, value)),
            ),
          ),
        ),
      );
    const docs: Record<string, StickyAssignmentsDocument> = {};
    for (const row of rows) {
      docs[`${row.attributeName}||${row.attributeValue}`] = {
        attributeName: row.attributeName,
        attributeValue: row.attributeValue,
        assignments: row.assignments,
      };
    }
    return docs;
  }

  async saveAssignments(doc: StickyAssignmentsDocument) {
    await this.db
      .insert(schema.stickyBuckets)
      .values({
        tenantId: this.tenantId,
        attributeName: doc.attributeName,
        attributeValue: doc.attributeValue,
        assignments: doc.assignments,
      })
      .onConflictDoUpdate({
        target: [schema.stickyBuckets.tenantId, schema.stickyBuckets.attributeName, schema.stickyBuckets.attributeValue],
        // Merge: two requests saving different experiments at once must both be kept.
        set: { assignments: sql`${schema.stickyBuckets.assignments} || excluded.assignments`, updatedAt: sql`now()` },
      });
  }
}
