import { type StickyAssignmentsDocument, StickyBucketService } from '@growthbook/growthbook';

type Docs = Record<string, StickyAssignmentsDocument>;

/** What the service needs of the BFF: the page's tRPC client's `stickyBuckets` procedures. */
export type StickyBucketsApi = {
  get(input: { attributes: { id?: string; deviceId?: string } }): Promise<Docs>;
  save(input: StickyAssignmentsDocument & { attributeName: 'id' | 'deviceId' }): Promise<unknown>;
};

const IDENTIFIERS = new Set(['id', 'deviceId']);

/**
 * GrowthBook's sticky bucketing in the browser, kept by the BFF beside the server's own
 * evaluations: a customer keeps the variation they were first given on every page and device,
 * also after a marketer changes the weights. An unreachable BFF only costs stickiness: the SDK
 * then buckets by hash, as without the service.
 */
export class BffStickyBucketService extends StickyBucketService {
  constructor(private readonly api: StickyBucketsApi) {
    super();
  }

  async getAssignments(attributeName: string, attributeValue: string): Promise<StickyAssignmentsDocument | null> {
    const docs = await this.getAllAssignments({ [attributeName]: attributeValue });
    return docs[`${attributeName}||${attributeValue}`] ?? null;
  }

  /** One request for the page's identifiers, as the SDK asks before evaluating. */
  override async getAllAssignments(attributes: Record<string, string>): Promise<Docs> {
    const ours = Object.fromEntries(Object.entries(attributes).filter(([name, value]) => IDENTIFIERS.has(name) && value));
    if (Object.keys(ours).length === 0) return {};
    try {
      return await this.api.get({ attributes: ours });
    } catch {
      return {};
    }
  }

  async saveAssignments(doc: StickyAssignmentsDocument): Promise<void> {
    if (!IDENTIFIERS.has(doc.attributeName)) return;
    await this.api.save({ ...doc, attributeName: doc.attributeName as 'id' | 'deviceId' }).catch(() => {});
  }
}
