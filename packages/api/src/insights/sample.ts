import { seededRandom } from './forest.ts';

/** The key product features of the sample tenant (`feature_usage` counts the distinct ones used). */
export const SAMPLE_FEATURE_EVENTS = [
  'report_created',
  'dashboard_shared',
  'export_run',
  'automation_built',
  'api_key_created',
  'teammate_invited',
];

type SampleEvent = {
  type: 'track';
  event: string;
  messageId: string;
  userId: string;
  timestamp: string;
  properties: Record<string, number | string>;
  /** Who sends it: the customer's browser, or the tenant's server (tickets, payments). */
  from: 'customer' | 'server';
};

/**
 * A generated tenant whose customers' value depends on how they use the product, for tests,
 * benchmarks and demos: each customer has a hidden engagement level; engaged customers log in on
 * more days, use more key features, open fewer tickets and pay more (with noise), so usage
 * predicts high value about as well as in the article's example. Seeded: the same arguments
 * give the same customers and events.
 */
export function sampleTenant({ customers, seed = 1, now = new Date() }: { customers: number; seed?: number; now?: Date }) {
  const random = seededRandom(seed);
  const noise = (scale: number) => (random() + random() + random() - 1.5) * scale;
  const day = 86_400_000;
  const rows: { externalId: string; firstSeenAt: Date }[] = [];
  const events: SampleEvent[] = [];
  for (let c = 0; c < customers; c++) {
    const externalId = `sample-${seed}-${c}`;
    const engagement = random();
    const ageDays = 40 + Math.floor(random() * 300);
    rows.push({ externalId, firstSeenAt: new Date(now.getTime() - ageDays * day) });
    const at = (daysAgo: number, hour = random() * 24) => new Date(now.getTime() - daysAgo * day - hour * 3_600_000).toISOString();
    const add = (event: string, daysAgo: number, from: SampleEvent['from'], properties: SampleEvent['properties'] = {}) =>
      events.push({
        type: 'track',
        event,
        messageId: `${externalId}:${events.length}`,
        userId: externalId,
        timestamp: at(daysAgo),
        properties,
        from,
      });
    // Active days: the last 30 and the 60 before them; a lapsing customer was active earlier.
    const lapsed = random() < 0.15;
    const recent = lapsed ? 0 : Math.max(0, Math.min(30, Math.round(engagement * 22 + noise(6))));
    const earlier = Math.max(0, Math.min(60, Math.round(engagement * 30 + noise(8))));
    for (let d = 0; d < recent; d++) add('app_opened', Math.floor((d * 30) / Math.max(1, recent)), 'customer');
    for (let d = 0; d < earlier; d++) add('app_opened', 30 + Math.floor((d * 60) / Math.max(1, earlier)), 'customer');
    const used = Math.max(0, Math.min(SAMPLE_FEATURE_EVENTS.length, Math.round(engagement * 5 + noise(2))));
    for (let f = 0; f < used && !lapsed; f++) add(SAMPLE_FEATURE_EVENTS[f] as string, Math.floor(random() * 30), 'customer');
    const tickets = Math.max(0, Math.round((1 - engagement) * 3 + noise(2)));
    for (let t = 0; t < tickets; t++) add('support_ticket_opened', Math.floor(random() * 90), 'server');
    if (engagement > 0.7 && random() < 0.6) add('referral_invite_sent', Math.floor(random() * 60), 'customer', { channel: 'email' });
    const revenue = Math.round(Math.max(0, 40 + 500 * engagement ** 2 + noise(120)));
    if (revenue > 30) add('subscription_started', Math.floor(random() * 200) + 1, 'server', { revenue, currency: 'USD' });
  }
  return { customers: rows, events, featureEvents: SAMPLE_FEATURE_EVENTS };
}
