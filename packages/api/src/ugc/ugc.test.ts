import type { SubmissionInput } from '@flywheel/contracts/ugc';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCustomer } from '../customers/index.ts';
import { consoleCaller, createTestWorld, customerCaller, type TestWorld, visitorCaller } from '../testing.ts';
import { reencodeImage } from './media.ts';
import { renderBody } from './render.ts';
import { uploadImage } from './submissions.ts';

// Journeys through moderation and reactions, and the concurrency test: a minute on a loaded
// 2-core machine (every suite runs at once in CI), a few seconds alone.
const SLOW = 60_000;

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

let people = 0;
/** A new customer of the demo tenant: each test writes its own submissions. */
async function newAuthor(name = `Author ${people + 1} Smith`) {
  const sub = `ugc-author-${++people}`;
  const caller = await customerCaller(world, sub, { name });
  await caller.customer.me();
  const customer = await findCustomer(world.deps.db, world.tenantId, sub);
  return { sub, caller, id: customer?.id as string };
}

const tutorial = (overrides: Partial<SubmissionInput> = {}): SubmissionInput => ({
  kind: 'tutorial',
  title: `Automating invoices ${people}`,
  summary: 'How our team stopped typing invoices by hand.',
  body: `We started by deploying the **importer** (${people}).\n\nThen we wired the webhooks.`,
  tags: ['Billing', 'automation'],
  consent: { publish: true, licence: 'tenant_reuse' },
  ...overrides,
});

const moderator = () => consoleCaller(world, 'moderator@flywheel.test');

async function published(author: Awaited<ReturnType<typeof newAuthor>>, input: SubmissionInput = tutorial()) {
  const { id } = await author.caller.ugc.submit(input);
  await (await moderator()).console.ugc.review({ id, decision: 'approve' });
  await world.drain();
  return id;
}

const png = (width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: '#3366ff' } })
    .png()
    .toBuffer();

describe('submissions', () => {
  it(
    'goes from the author to the queue with its flags, back with a reason, and out to the gallery after an edit',
    async () => {
      const author = await newAuthor();
      const sent = await author.caller.ugc.submit(tutorial({ title: 'Casino tips for invoices' }));
      expect(sent).toEqual({ id: expect.any(String), status: 'pending' });

      const mod = await moderator();
      const queued = (await mod.console.ugc.queue({ status: 'pending' })).find((item) => item.id === sent.id);
      expect(queued?.flags).toEqual(expect.arrayContaining(['blocked_words', 'new_account']));
      expect(queued?.html).toContain('<strong>importer</strong>');

      await mod.console.ugc.review({ id: sent.id, decision: 'reject', reason: 'off_topic', note: 'Keep it about invoices.' });
      const rejected = (await author.caller.ugc.mine()).find((s) => s.id === sent.id);
      expect(rejected).toMatchObject({ status: 'rejected', reason: 'off_topic', reasonNote: 'Keep it about invoices.' });
      expect((await author.caller.ugc.gallery({})).items.map((c) => c.id)).not.toContain(sent.id);

      await expect(author.caller.ugc.update({ id: sent.id, ...tutorial({ title: 'Invoices without typing' }) })).resolves.toEqual({
        id: sent.id,
        status: 'pending',
      });
      expect((await author.caller.ugc.mine()).find((s) => s.id === sent.id)).toMatchObject({ status: 'pending', reason: null });
      await mod.console.ugc.review({ id: sent.id, decision: 'approve' });
      await world.drain();

      const visitor = await visitorCaller(world);
      const card = (await visitor.ugc.gallery({ order: 'newest' })).items.find((c) => c.id === sent.id);
      expect(card).toMatchObject({ title: 'Invoices without typing', author: 'Author', tags: ['billing', 'automation'], likes: 0 });
      expect((await visitor.ugc.item({ id: sent.id })).html).toContain('<strong>importer</strong>');
      expect(await author.caller.points.balance()).toMatchObject({ available: 50 });
    },
    SLOW,
  );

  it('keeps drafts, pending and rejected submissions to their author', async () => {
    const author = await newAuthor();
    const draft = await author.caller.ugc.submit(tutorial({ draft: true, consent: { publish: false, licence: 'all_rights_reserved' } }));
    expect(draft.status).toBe('draft');
    const stranger = await newAuthor();
    await expect(stranger.caller.ugc.item({ id: draft.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect((await visitorCaller(world)).ugc.item({ id: draft.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(author.caller.ugc.item({ id: draft.id })).resolves.toMatchObject({ status: 'draft', mine: true });
    await expect(stranger.caller.ugc.update({ id: draft.id, ...tutorial() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const author = await newAuthor();
    const other = await newAuthor();
    const image = await uploadImage(
      world.deps.db,
      world.deps.media,
      { id: other.id, tenantId: world.tenantId, externalId: other.sub },
      { bytes: await png(), name: 'x.png' },
      'http://bff',
    );
    const cases: [Partial<SubmissionInput>, string][] = [
      [{ title: 'x'.repeat(121) }, 'title'],
      [{ body: 'x'.repeat(20_001) }, 'body'],
      [{ consent: { publish: false, licence: 'cc_by_4' } }, 'consent.publish'],
      [{ tags: ['x'.repeat(31)] }, 'tags.0'],
      [{ tags: ['line\nbreak'] }, 'tags.0'],
      [{ imageIds: Array.from({ length: 11 }, () => image.id) }, 'imageIds'],
      [{ imageIds: [image.id] }, 'imageIds.0'],
    ];
    for (const [override, field] of cases) {
      const error = await author.caller.ugc.submit(tutorial(override)).catch((e: unknown) => e);
      expect(error, field).toMatchObject({ code: 'BAD_REQUEST' });
      // A schema's issues name their paths; the service's own checks name the field in the message.
      const issues = (error as { cause?: { issues?: { path: PropertyKey[] }[] } }).cause?.issues ?? [];
      expect([...issues.map((i) => i.path.join('.')), (error as Error).message].join('\n'), field).toContain(field);
    }
    expect(await author.caller.ugc.mine()).toEqual([]);
  });

  it(
    'reverses the points of a submission taken down, and takes it out of the gallery',
    async () => {
      const author = await newAuthor();
      const id = await published(author);
      expect(await author.caller.points.balance()).toMatchObject({ available: 50 });
      const mod = await moderator();
      await mod.console.ugc.takeDown({ id, reason: 'rights', note: 'The screenshots are a competitor’s.' });
      await world.drain();
      expect(await author.caller.points.balance()).toMatchObject({ available: 0 });
      await expect((await visitorCaller(world)).ugc.item({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await author.caller.ugc.mine())[0]).toMatchObject({ status: 'taken_down', reason: 'rights' });
      const audit = (await mod.console.ugc.decisions()).filter((d) => d.submissionId === id).map((d) => d.action);
      expect(audit).toEqual(['takedown', 'approve']);
      await expect(mod.console.ugc.review({ id, decision: 'approve' })).rejects.toMatchObject({ code: 'CONFLICT' });
    },
    SLOW,
  );

  it(
    'earns its author the Featured author badge when featured, and a takedown takes it back',
    async () => {
      const author = await newAuthor();
      const id = await published(author);
      const mod = await moderator();
      await mod.console.ugc.feature({ id, featured: true });
      await world.drain();
      const badge = async () => (await author.caller.achievements.wall()).badges.find((b) => b.name === 'Featured author');
      expect((await badge())?.state).toBe('earned');
      expect(await author.caller.points.balance()).toMatchObject({ available: 150 });
      await mod.console.ugc.takeDown({ id, reason: 'quality' });
      await world.drain();
      expect((await badge())?.state).not.toBe('earned');
      expect(await author.caller.points.balance()).toMatchObject({ available: 0 });
    },
    SLOW,
  );

  it('lets only moderators (and owners) moderate', async () => {
    const author = await newAuthor();
    const { id } = await author.caller.ugc.submit(tutorial());
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    await expect(marketer.console.ugc.queue({ status: 'pending' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(marketer.console.ugc.review({ id, decision: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect((await moderator()).console.ugc.review({ id, decision: 'reject' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('reason'),
    });
  });
});

describe('search', () => {
  it(
    'finds an English submission by a word of its body (stemmed) and a Chinese one by a two-character word',
    async () => {
      const author = await newAuthor();
      const english = await published(author, tutorial({ title: 'Quarterly close', body: 'We reconciled the ledgers every Friday.' }));
      const chinese = await published(
        author,
        tutorial({ title: '我们的客户故事', summary: '一个团队如何节省时间', body: '我们用自动化减少了对账的工作量。' }),
      );
      const visitor = await visitorCaller(world);
      const ids = async (q: string) => (await visitor.ugc.gallery({ q })).items.map((c) => c.id);
      expect(await ids('reconcile')).toEqual([english]);
      expect(await ids('对账')).toEqual([chinese]);
      expect(await ids('自动化 对账')).toEqual([chinese]);
      expect(await ids('账对')).toEqual([]);
      expect(await ids('the')).toEqual(expect.arrayContaining([english, chinese]));
    },
    SLOW,
  );

  it('flags a near-duplicate of a submission already sent', async () => {
    const [first, copier] = [await newAuthor(), await newAuthor()];
    const body = 'A long original guide about exporting usage reports to spreadsheets every month for finance.';
    await first.caller.ugc.submit(tutorial({ body }));
    const copy = await copier.caller.ugc.submit(tutorial({ body: `${body} Thanks!` }));
    const queued = (await (await moderator()).console.ugc.queue({ status: 'pending' })).find((item) => item.id === copy.id);
    expect(queued?.flags).toContain('near_duplicate');
  });
});

describe('likes', () => {
  it(
    'counts one like per signed-in customer, never the author’s, and none from anonymous visitors',
    async () => {
      const [author, fan] = [await newAuthor(), await newAuthor()];
      const id = await published(author);
      await expect(fan.caller.ugc.like({ id, liked: true })).resolves.toEqual({ liked: true, likes: 1 });
      await expect(fan.caller.ugc.like({ id, liked: true })).resolves.toEqual({ liked: true, likes: 1 });
      await expect(author.caller.ugc.like({ id, liked: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect((await visitorCaller(world)).ugc.like({ id, liked: true })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      expect((await fan.caller.ugc.item({ id })).liked).toBe(true);
      await expect(fan.caller.ugc.like({ id, liked: false })).resolves.toEqual({ liked: false, likes: 0 });
    },
    SLOW,
  );

  it(
    'counts 50 concurrent likes by the same customer once (races are real on Postgres)',
    async () => {
      const [author, fan] = [await newAuthor(), await newAuthor()];
      const id = await published(author);
      const results = await Promise.all(Array.from({ length: 50 }, () => fan.caller.ugc.like({ id, liked: true })));
      expect(results.every((r) => r.liked)).toBe(true);
      expect((await fan.caller.ugc.item({ id })).likes).toBe(1);
    },
    SLOW,
  );
});

describe('the gallery', () => {
  it(
    'leads with the featured submission, pages through the rest without repeats, and filters by kind and tag',
    async () => {
      const author = await newAuthor();
      const ids = [];
      for (let i = 0; i < 5; i++)
        ids.push(
          await published(author, tutorial({ title: `Gallery page ${i}`, kind: i % 2 ? 'work' : 'tutorial', tags: [`pager-${people}`] })),
        );
      const mod = await moderator();
      await mod.console.ugc.feature({ id: ids[2] as string, featured: true });
      const visitor = await visitorCaller(world);
      const first = await visitor.ugc.gallery({ limit: 2, order: 'newest' });
      expect(first.lead?.id).toBe(ids[2]);
      const seen = [...first.items.map((c) => c.id)];
      let cursor = first.nextCursor;
      while (cursor) {
        const next = await visitor.ugc.gallery({ limit: 2, order: 'newest', cursor });
        expect(next.lead).toBeNull();
        seen.push(...next.items.map((c) => c.id));
        cursor = next.nextCursor;
      }
      expect(seen).not.toContain(ids[2]);
      expect(new Set(seen).size).toBe(seen.length);
      const tagged = await visitor.ugc.gallery({ tag: `pager-${people}`, kind: 'work' });
      expect(tagged.items.map((c) => c.id).sort()).toEqual([ids[1], ids[3]].sort());
      // What tRPC's infinite queries send beside the cursor.
      await expect(visitor.ugc.gallery({ cursor: null, direction: 'forward' } as never)).resolves.toMatchObject({ lead: { id: ids[2] } });
      await expect(visitor.ugc.gallery({ cursor: 'not-a-cursor' })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining('cursor'),
      });
    },
    SLOW,
  );
});

describe('images', () => {
  it('re-encodes an upload as WebP without its EXIF, and refuses what is not an image by its content', async () => {
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#ff0000' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret', Artist: 'GPS 51.5N' } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const stored = await reencodeImage(photo);
    const metadata = await sharp(stored.data).metadata();
    expect(metadata).toMatchObject({ format: 'webp', width: 40, height: 30 });
    expect(metadata.exif).toBeUndefined();

    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>');
    await expect(reencodeImage(svg)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('file') });
    await expect(reencodeImage(Buffer.from('GIF89a not really'))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(reencodeImage(Buffer.alloc(5 * 1024 * 1024 + 1))).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it(
    'shows an image in public only once a moderator approved it',
    async () => {
      const author = await newAuthor();
      const self = { id: author.id, tenantId: world.tenantId, externalId: author.sub };
      const image = await uploadImage(
        world.deps.db,
        world.deps.media,
        self,
        { bytes: await png(), name: 'chart.png' },
        'http://localhost:3000',
      );
      const id = await published(author, tutorial({ imageIds: [image.id], body: `Our chart:\n\n![the chart](image:${image.id})` }));
      const visitor = await visitorCaller(world);
      expect((await visitor.ugc.item({ id })).html).not.toContain('<img');
      expect((await author.caller.ugc.item({ id })).html).toContain(`src="http://localhost:3000/media/${image.id}"`);
      await (await moderator()).console.ugc.reviewImage({ imageId: image.id, decision: 'approve' });
      const item = await visitor.ugc.item({ id });
      expect(item.html).toContain(`<img src="http://localhost:3000/media/${image.id}" alt="the chart" loading="lazy" />`);
      expect(item.cover).toMatchObject({ url: `http://localhost:3000/media/${image.id}`, width: 64, height: 48 });
    },
    SLOW,
  );
});

describe('rendering customer Markdown', () => {
  const payloads = [
    '<script>window.__xss()</script>',
    '<img src=x onerror="window.__xss()">',
    '<svg onload="window.__xss()"><script>window.__xss()</script></svg>',
    '[click](javascript:window.__xss())',
    '[click](JaVaScRiPt:window.__xss())',
    '[click](&#106;avascript:window.__xss())',
    '[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3MoKTwvc2NyaXB0Pg==)',
    '![pixel](data:image/svg+xml,<svg onload=window.__xss()>)',
    '<a href="javascript:window.__xss()">x</a>',
    '<iframe src="javascript:window.__xss()"></iframe>',
    '<div style="background:url(javascript:window.__xss())">x</div>',
    '<<script>script>window.__xss()<</script>/script>',
    '<scr<script>ipt>window.__xss()</script>',
    '"><img src=x onerror=window.__xss()>',
  ];

  // Real tags only: a payload shown as text (`&lt;script&gt;`) is harmless, and the browser tests prove it never runs.
  const tagsOf = (html: string) => [...html.matchAll(/<([a-z][a-z0-9]*)\b([^>]*)>/gi)].map((m) => ({ name: m[1], attributes: m[2] ?? '' }));

  it.each(payloads)('leaves no element that runs anything in %s', (payload) => {
    for (const tag of tagsOf(renderBody(`Hello\n\n${payload}`, new Map()))) {
      expect(['p', 'a', 'br', 'code', 'strong', 'em']).toContain(tag.name);
      expect(tag.attributes).not.toMatch(/\son\w+\s*=|style\s*=|(href|src)\s*=\s*"?\s*(javascript|data|vbscript):/i);
    }
  });

  it('keeps Markdown formatting, demotes headings and marks links as user-generated', () => {
    const html = renderBody('# Title\n\nSee [our docs](https://example.com/docs) and `code`.', new Map());
    expect(html).toBe(
      '<h2>Title</h2>\n<p>See <a href="https://example.com/docs" rel="nofollow ugc noopener noreferrer" target="_blank">our docs</a> and <code>code</code>.</p>\n',
    );
  });

  it('drops images that are not the submission’s own uploads', () => {
    expect(renderBody('![x](https://tracker.example/pixel.gif) ![y](image:00000000-0000-4000-8000-000000000000)', new Map())).toBe(
      '<p> </p>\n',
    );
  });
});
