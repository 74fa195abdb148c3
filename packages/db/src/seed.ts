import { eq } from 'drizzle-orm';
import type { Db } from './client.ts';
import { hashPassword } from './crypto/passwords.ts';
import type { SecretsKey } from './crypto/tenant-secrets.ts';
import {
  badges,
  catalogueItems,
  consoleUsers,
  customers,
  healthSettings,
  planTemplates,
  referralPrograms,
  tenants,
} from './schema/index.ts';
import { firstInviteBadge, PLAN_PHASES } from './starter.ts';
import { insertTenant } from './tenants.ts';

let demoHash: Promise<string> | undefined;
/**
 * One scrypt hash of the public demo password per process: scrypt is slow on purpose, and a test
 * suite seeds the demo tenant in every file.
 */
const demoPasswordHash = () => {
  demoHash ??= hashPassword(DEMO.consolePassword);
  return demoHash;
};

/** Demo-only credentials, printed in the README. Production refuses to start with them. */
export const DEMO = {
  publishableKey: 'pk_test_demo',
  secretKey: 'sk_test_demo',
  consolePassword: 'flywheel-demo',
  consoleUsers: [
    { email: 'owner@flywheel.test', name: 'Olivia Owner', role: 'owner' },
    { email: 'marketer@flywheel.test', name: 'Mark Marketer', role: 'marketer' },
    { email: 'moderator@flywheel.test', name: 'Mona Moderator', role: 'moderator' },
    { email: 'viewer@flywheel.test', name: 'Victor Viewer', role: 'viewer' },
  ],
  customers: [
    { externalId: 'alice', name: 'Alice Chen', email: 'alice@example.com', traits: { plan: 'pro', tier: 'champion', locale: 'en' } },
    { externalId: 'bob', name: 'Bob Martin', email: 'bob@example.com', traits: { plan: 'starter', tier: 'active', locale: 'en' } },
    { externalId: 'carol', name: 'Carol Smith', email: 'carol@example.com', traits: { plan: 'free', tier: 'new', locale: 'en' } },
    { externalId: 'dan', name: '王丹', email: 'dan@example.cn', traits: { plan: 'pro', tier: 'active', locale: 'zh-CN' } },
    { externalId: 'erin', name: 'Erin Okafor', email: 'erin@example.com', traits: { plan: 'enterprise', tier: 'at-risk', locale: 'en' } },
  ],
} as const;

/** Origins the demo tenant trusts: the BFF itself, the dev servers, and the e2e "other origin". */
export const DEMO_ORIGINS = [
  'http://localhost:3000',
  'http://127.0.0.1:3000',
  'http://localhost:3001',
  'http://localhost:3100',
  'http://127.0.0.1:3100',
];

/**
 * Creates the demo tenant, its customers and console accounts; running it again changes nothing.
 * Refuses to run in production, where the demo keys would be an open door.
 */
export async function seedDemo(db: Db, secretsKey: SecretsKey, env = process.env.NODE_ENV) {
  if (env === 'production') throw new Error('The demo seed never runs with NODE_ENV=production.');
  await insertTenant(db, secretsKey, {
    name: 'Acme Analytics (demo)',
    publishableKey: DEMO.publishableKey,
    secretKey: DEMO.secretKey,
    allowedOrigins: DEMO_ORIGINS,
  });
  const [tenant] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.publishableKey, DEMO.publishableKey));
  if (!tenant) throw new Error('demo tenant missing after insert');

  await db
    .insert(customers)
    .values(DEMO.customers.map((c) => ({ ...c, traits: { ...c.traits }, tenantId: tenant.id })))
    .onConflictDoNothing();

  await db
    .insert(referralPrograms)
    .values({
      tenantId: tenant.id,
      referrerReward: { type: 'credit', amount: 20, currency: 'USD' },
      friendReward: { type: 'credit', amount: 20, currency: 'USD' },
      qualifyingEvent: 'subscription_started',
      qualifyingCondition: { plan: { $ne: 'free' } },
      holdHours: 72,
      monthlyCap: 20,
      milestones: [
        { friends: 3, reward: { type: 'points', amount: 500 } },
        { friends: 5, reward: { type: 'points', amount: 1000 } },
        { friends: 10, reward: { type: 'points', amount: 2500 } },
      ],
      landingUrl: 'http://localhost:3000/',
    })
    .onConflictDoNothing();

  await seedAchievements(db, tenant.id);
  await seedSuccessPlans(db, tenant.id);

  const passwordHash = await demoPasswordHash();
  await db
    .insert(consoleUsers)
    .values(DEMO.consoleUsers.map((u) => ({ ...u, passwordHash, tenantId: tenant.id })))
    .onConflictDoNothing();
  return { tenantId: tenant.id };
}

/** The demo's badges (the "Refer 3 friends" badge among them) and its points bank. */
async function seedAchievements(db: Db, tenantId: string) {
  const inserted = await db
    .insert(badges)
    .values([
      {
        tenantId,
        slug: 'refer-3-friends',
        texts: {
          en: {
            name: 'Refer 3 friends',
            description: 'Three friends you invited became customers.',
            criteria: 'Three friends you referred start a paid plan.',
          },
          'zh-CN': { name: '推荐 3 位好友', description: '你邀请的三位好友成为了客户。', criteria: '你推荐的三位好友开通了付费套餐。' },
        },
        design: { kind: 'builtin', shape: 'medal', color: '#bf8700' },
        rule: {
          event: 'referral_qualified',
          goal: { kind: 'count' },
          creditTo: 'referrer',
          undoneBy: { event: 'referral_reversed', matchOn: 'referral_id' },
        },
        tiers: [{ tier: 'standard', threshold: 3, points: 300 }],
      },
      firstInviteBadge(tenantId, 0),
      {
        tenantId,
        slug: 'streak',
        texts: {
          en: { name: 'On a roll', description: 'You came back day after day.', criteria: 'Use the product 7, 30 and 100 days in a row.' },
          'zh-CN': { name: '连续打卡', description: '你一天接一天地回来。', criteria: '连续 7、30、100 天使用产品。' },
        },
        design: { kind: 'builtin', shape: 'flame', color: '#cf222e' },
        rule: { event: '$page', goal: { kind: 'streak' }, creditTo: 'actor' },
        tiers: [
          { tier: 'bronze', threshold: 7, points: 0 },
          { tier: 'silver', threshold: 30, points: 0 },
          { tier: 'gold', threshold: 100, points: 0 },
        ],
      },
      {
        tenantId,
        slug: 'enterprise',
        texts: {
          en: { name: 'Going big', description: 'You moved to the Enterprise plan.', criteria: 'Start an Enterprise subscription.' },
          'zh-CN': { name: '全力以赴', description: '你升级到了企业版。', criteria: '开通企业版订阅。' },
        },
        design: { kind: 'builtin', shape: 'shield', color: '#8250df' },
        hidden: true,
        rule: { event: 'subscription_started', condition: { plan: 'enterprise' }, goal: { kind: 'first' }, creditTo: 'actor' },
        tiers: [{ tier: 'standard', threshold: 1, points: 200 }],
      },
      {
        tenantId,
        slug: 'featured-author',
        texts: {
          en: {
            name: 'Featured author',
            description: 'A story you shared was featured in the showcase.',
            criteria: 'Have a case study, tutorial or work featured by the moderators.',
          },
          'zh-CN': { name: '精选作者', description: '你分享的内容被作品展设为精选。', criteria: '你的案例、教程或作品被审核员设为精选。' },
        },
        design: { kind: 'builtin', shape: 'star', color: '#1a7f37' },
        // A takedown takes the feature back, and with it the badge and its points.
        rule: {
          event: 'ugc_featured',
          goal: { kind: 'first' },
          creditTo: 'actor',
          undoneBy: { event: 'ugc_taken_down', matchOn: 'submission_id' },
        },
        tiers: [{ tier: 'standard', threshold: 1, points: 100 }],
      },
    ])
    .onConflictDoNothing()
    .returning({ slug: badges.slug });
  // The catalogue has no natural key: it is seeded with the first badges, the first time only.
  if (!inserted.some((badge) => badge.slug === 'refer-3-friends')) return;
  const stickers = Array.from({ length: 20 }, (_, i) => `STICKERS-${String(i + 1).padStart(3, '0')}`);
  await db.insert(catalogueItems).values([
    {
      tenantId,
      texts: {
        en: { name: 'Streak freeze', description: 'Keeps your streak alive on a day you miss.' },
        'zh-CN': { name: '连续打卡保护', description: '错过一天也能保住连续记录。' },
      },
      price: 50,
      fulfilment: { type: 'freeze' },
    },
    {
      tenantId,
      texts: {
        en: { name: 'Sticker pack', description: 'A pack of Acme stickers, shipped to you.' },
        'zh-CN': { name: '贴纸包', description: '一包 Acme 贴纸，寄送给你。' },
      },
      price: 200,
      fulfilment: { type: 'coupon', pool: stickers },
      stock: stickers.length,
      perCustomerLimit: 2,
    },
  ]);
}

const first = (event: string) => ({ event, goal: { kind: 'first' as const }, creditTo: 'actor' as const });
const count = (event: string) => ({ event, goal: { kind: 'count' as const }, creditTo: 'actor' as const });

/** The demo's 90-day plans: one for the free and starter plans, one for pro and enterprise, and the quick-wins variant. */
async function seedSuccessPlans(db: Db, tenantId: string) {
  // The demo asks for NPS as soon as a customer has been active once: its customers are minutes old.
  await db.insert(healthSettings).values({ tenantId, npsMinAccountDays: 0, npsMinActiveDays: 1 }).onConflictDoNothing();
  await db
    .insert(planTemplates)
    .values([
      {
        tenantId,
        slug: 'get-started',
        texts: {
          en: { name: 'Get started with Acme', description: 'Your first 90 days: from your first report to a team that runs on it.' },
          'zh-CN': { name: 'Acme 入门计划', description: '你的前 90 天：从第一份报表到整个团队都在用。' },
        },
        audience: { plan: { $in: ['free', 'starter'] } },
        priority: 10,
        phases: PLAN_PHASES,
        milestones: [
          {
            key: 'first-report',
            texts: {
              en: { title: 'Create your first report', description: 'Pick a data source and build one report.' },
              'zh-CN': { title: '创建第一份报表', description: '选择一个数据源，创建一份报表。' },
            },
            rule: first('report_created'),
            target: 1,
            targetDay: 3,
            phase: 'onboard',
          },
          {
            key: 'share-dashboards',
            texts: {
              en: { title: 'Share 3 dashboards', description: 'Dashboards your colleagues open every week.' },
              'zh-CN': { title: '分享 3 个看板', description: '同事每周都会打开的看板。' },
            },
            rule: count('dashboard_shared'),
            target: 3,
            targetDay: 30,
            phase: 'adopt',
          },
          {
            key: 'invite-team',
            texts: {
              en: { title: 'Invite 2 teammates', description: 'Acme is better together.' },
              'zh-CN': { title: '邀请 2 位同事', description: '一起使用 Acme 效果更好。' },
            },
            rule: count('teammate_invited'),
            target: 2,
            targetDay: 45,
            phase: 'adopt',
          },
          {
            key: 'connect-integration',
            texts: {
              en: { title: 'Connect an integration', description: 'Bring in data from the tools you already use.' },
              'zh-CN': { title: '连接一个集成', description: '从你已有的工具导入数据。' },
            },
            rule: first('integration_connected'),
            target: 1,
            targetDay: 60,
            phase: 'expand',
          },
        ],
        tasks: [
          {
            key: 'complete-profile',
            texts: { en: { title: 'Complete your profile' }, 'zh-CN': { title: '完善个人资料' } },
            howToUrl: 'https://example.com/help/profile',
            phase: 'onboard',
          },
          {
            key: 'watch-tour',
            texts: { en: { title: 'Watch the 5-minute product tour' }, 'zh-CN': { title: '观看 5 分钟产品导览' } },
            howToUrl: 'https://example.com/help/tour',
            phase: 'onboard',
          },
          {
            key: 'schedule-report',
            texts: { en: { title: 'Schedule a weekly report email' }, 'zh-CN': { title: '设置每周报表邮件' } },
            rule: first('report_scheduled'),
            phase: 'adopt',
          },
        ],
      },
      {
        tenantId,
        slug: 'pro-rollout',
        texts: {
          en: { name: 'Roll Acme out to your company', description: 'Ninety days to make Acme the place your company decides from.' },
          'zh-CN': { name: 'Acme 全公司推广计划', description: '用 90 天让 Acme 成为全公司决策的依据。' },
        },
        audience: { plan: { $in: ['pro', 'enterprise'] } },
        priority: 10,
        phases: PLAN_PHASES,
        milestones: [
          {
            key: 'connect-integration',
            texts: {
              en: { title: 'Connect your data warehouse', description: 'One integration your reports read from.' },
              'zh-CN': { title: '连接数据仓库', description: '报表读取的数据集成。' },
            },
            rule: first('integration_connected'),
            target: 1,
            targetDay: 7,
            phase: 'onboard',
          },
          {
            key: 'invite-team',
            texts: {
              en: { title: 'Invite 5 teammates', description: 'Bring every team lead in.' },
              'zh-CN': { title: '邀请 5 位同事', description: '邀请每个团队负责人加入。' },
            },
            rule: count('teammate_invited'),
            target: 5,
            targetDay: 30,
            phase: 'adopt',
          },
          {
            key: 'ten-reports',
            texts: {
              en: { title: 'Build 10 reports', description: 'Reports your teams use to decide.' },
              'zh-CN': { title: '创建 10 份报表', description: '团队用来做决策的报表。' },
            },
            rule: count('report_created'),
            target: 10,
            targetDay: 60,
            phase: 'expand',
          },
        ],
        tasks: [
          {
            key: 'set-up-sso',
            texts: { en: { title: 'Set up single sign-on' }, 'zh-CN': { title: '配置单点登录' } },
            howToUrl: 'https://example.com/help/sso',
            phase: 'onboard',
          },
        ],
      },
      {
        tenantId,
        slug: 'quick-wins',
        texts: {
          en: { name: 'Three quick wins', description: 'Three things to do this week that pay off at once.' },
          'zh-CN': { name: '三个快速成果', description: '本周就能完成、立刻见效的三件事。' },
        },
        // No audience: it fits everyone, after the templates above (and the template experiment's variant).
        priority: 900,
        phases: PLAN_PHASES,
        milestones: [
          {
            key: 'first-report',
            texts: {
              en: { title: 'Create your first report', description: 'Today, in five minutes.' },
              'zh-CN': { title: '创建第一份报表', description: '今天就做，五分钟完成。' },
            },
            rule: first('report_created'),
            target: 1,
            targetDay: 1,
            phase: 'onboard',
          },
          {
            key: 'share-dashboard',
            texts: {
              en: { title: 'Share a dashboard', description: 'One colleague is enough.' },
              'zh-CN': { title: '分享一个看板', description: '分享给一位同事就够了。' },
            },
            rule: first('dashboard_shared'),
            target: 1,
            targetDay: 4,
            phase: 'onboard',
          },
          {
            key: 'invite-teammate',
            texts: {
              en: { title: 'Invite a teammate', description: 'Someone who asks you for numbers.' },
              'zh-CN': { title: '邀请一位同事', description: '经常找你要数据的那位。' },
            },
            rule: first('teammate_invited'),
            target: 1,
            targetDay: 7,
            phase: 'onboard',
          },
        ],
        tasks: [],
      },
    ])
    .onConflictDoNothing();
}
