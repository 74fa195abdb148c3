import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DAILY_EMAIL_INVITES } from '@flywheel/contracts/referral';
import { schema } from '@flywheel/db';
import { and, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleCaller, createTestWorld, customerCaller, type TestWorld } from '../testing.ts';

/** The deployment's SMTP server, played by a local one that keeps what it receives. */
const received: { to: string; raw: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    let raw = '';
    stream.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
      callback();
    });
  },
});

let world: TestWorld;
beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  world = await createTestWorld({ mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Acme <invites@acme.test>' } });
});
afterAll(async () => {
  await world.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

/** The mail's text, decoded from the quoted-printable or base64 transfer encoding nodemailer chose. */
function bodyOf(raw: string): string {
  const [headers = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/content-transfer-encoding: base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return Buffer.from(
    body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => `%${hex}`),
    'latin1',
  )
    .toString()
    .replace(/(%[0-9A-F]{2})+/g, (encoded) => decodeURIComponent(encoded));
}

describe('email invites', () => {
  it('sends the friend the referrer’s link in the referrer’s language, once per address, never to their own', async () => {
    const grace = await customerCaller(world, `grace-${randomUUID()}`, { name: 'Grace Hopper', email: 'grace@example.com' });
    const { code } = await grace.referral.summary();
    expect(await grace.referral.inviteByEmail({ email: 'Lin.Friend@Example.org', locale: 'zh-CN' })).toEqual({
      invited: 'lin.friend@example.org',
    });
    await world.drain();
    const mail = received.find((m) => m.to === 'lin.friend@example.org');
    expect(mail?.raw).toMatch(/^From: Acme <invites@acme\.test>$/m);
    const text = bodyOf(mail?.raw ?? '');
    expect(text).toContain('Grace 觉得你会喜欢');
    expect(text).toContain(`http://localhost:3000/r/${code}?via=email`);
    expect(text).toContain('$20.00');

    await expect(grace.referral.inviteByEmail({ email: 'lin.friend@example.org' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^email: /),
    });
    await expect(grace.referral.inviteByEmail({ email: 'grace+again@example.com' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^email: that is your own address/),
      cause: { reason: 'own_address' },
    });
    await expect(grace.referral.inviteByEmail({ email: 'not an address' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('email'),
    });
    // The invite is the share event the K-factor counts, with what the tenant's webhook needs to send it itself.
    const [event] = await world.database.db
      .select()
      .from(schema.events)
      .where(and(eq(schema.events.tenantId, world.tenantId), eq(schema.events.event, 'referral_invite_sent')));
    expect(event?.properties).toMatchObject({ channel: 'email', to: 'lin.friend@example.org', locale: 'zh-CN', referrer_name: 'Grace' });
  });

  it(`lets a customer invite ${DAILY_EMAIL_INVITES} friends a day, also when the requests race (races are real on Postgres)`, async () => {
    const sub = `busy-${randomUUID()}`;
    const busy = await customerCaller(world, sub, { name: 'Busy Bee' });
    const results = await Promise.allSettled(
      Array.from({ length: DAILY_EMAIL_INVITES + 4 }, (_, i) => busy.referral.inviteByEmail({ email: `friend-${i}@example.org` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(DAILY_EMAIL_INVITES);
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(refused).toHaveLength(4);
    for (const reason of refused)
      expect(reason).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringContaining('10 friends') });
  });

  it('refuses invites while the program is paused', async () => {
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    const program = await marketer.console.referrals.program();
    if (!program) throw new Error('the demo has a program');
    const { tenantId: _, updatedAt: __, couponsLeft: ___, pausedAt: ____, ...fields } = program;
    const settings = { ...fields, qualifyingCondition: fields.qualifyingCondition as never };
    await marketer.console.referrals.updateProgram({ ...settings, paused: true });
    try {
      const customer = await customerCaller(world, `paused-${randomUUID()}`);
      await expect(customer.referral.inviteByEmail({ email: 'someone@example.org' })).rejects.toMatchObject({
        code: 'PRECONDITION_FAILED',
      });
    } finally {
      await marketer.console.referrals.updateProgram({ ...settings, paused: false });
    }
  });
});
