import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { request } from '@playwright/test';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { expect, friendSignsUpAndSubscribes, signInToShell, test } from './fixtures.ts';

const BASE = 'http://localhost:3000';

/**
 * An independent verifier of the award's Open Badges 3.0 credential, sharing no code with the
 * issuer: resolves the did:web issuer over HTTP, checks the signature with the key the header
 * names, the required fields, and the award's bit in the status list it points to.
 */
async function verifyCredential(awardId: string) {
  const api = await request.newContext({ baseURL: BASE });
  try {
    const credential = await api.get(`/api/credentials/${awardId}`);
    expect(credential.headers()['content-type']).toBe('application/vc+jwt');
    const jwt = await credential.text();
    const { kid, alg } = decodeProtectedHeader(jwt);
    expect(alg).toBe('EdDSA');
    const did = String(kid).split('#')[0] as string;
    // did:web:localhost%3A3000:issuers:<tenant> → http://localhost:3000/issuers/<tenant>/did.json (http only for localhost).
    const [, , host, ...path] = did.split(':');
    const document = (await (await api.get(`http://${decodeURIComponent(host ?? '')}/${path.join('/')}/did.json`)).json()) as {
      id: string;
      verificationMethod: { id: string; publicKeyJwk: Record<string, string> }[];
    };
    expect(document.id).toBe(did);
    const key = document.verificationMethod.find((m) => m.id === kid)?.publicKeyJwk;
    const { payload } = await jwtVerify(jwt, await importJWK(key as never, 'EdDSA'), { issuer: did });
    expect(payload['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(payload.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    const achievement = (payload.credentialSubject as { achievement: Record<string, unknown> }).achievement;
    for (const field of ['id', 'type', 'name', 'description', 'criteria', 'image']) expect(achievement).toHaveProperty(field);
    expect([payload.jti, payload.sub]).toEqual([payload.id, (payload.credentialSubject as { id: string }).id]);

    const status = payload.credentialStatus as { statusListCredential: string; statusListIndex: string; type: string };
    expect(status.type).toBe('BitstringStatusListEntry');
    const list = await (await api.get(status.statusListCredential)).text();
    const { payload: listPayload } = await jwtVerify(list, await importJWK(key as never, 'EdDSA'), { issuer: did });
    const encoded = (listPayload.credentialSubject as { encodedList: string }).encodedList;
    // Multibase base64url ('u'), GZIP, bit 0 the most significant bit of the first byte.
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    const index = Number(status.statusListIndex);
    return { revoked: ((bits[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0 };
  } finally {
    await api.dispose();
  }
}

/** The tenant's server reports a refund (it holds the secret key; browsers never do). */
async function refund(customer: string) {
  const api = await request.newContext({ baseURL: BASE });
  const res = await api.post('/api/events', {
    headers: { 'x-flywheel-key': 'pk_test_demo', authorization: 'Bearer sk_test_demo' },
    data: { batch: [{ type: 'track', event: 'refund_issued', messageId: randomUUID(), userId: customer }] },
  });
  expect(await res.json()).toEqual({ accepted: 1, duplicates: 0 });
  await api.dispose();
}

test.describe('achievement wall', () => {
  test('Alice’s third friend earns her the badge live; she spends points, shares the badge, and its credential verifies until the refund revokes it', async ({
    browser,
  }) => {
    test.slow();
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const alice = await context.newPage();
    const liveStream = alice.waitForResponse((res) => new URL(res.url()).pathname === '/api/live' && res.status() === 200);
    await signInToShell(alice, 'Alice Chen', '/#/achievements');
    await liveStream;
    const wall = alice.locator('[data-fw-widget="achievement-wall"]');
    const badge = wall.getByRole('article', { name: 'Refer 3 friends' });
    await expect(badge).toBeVisible();
    const progress = badge.locator('progress');
    const qualified = (await progress.count()) > 0 ? Number(await progress.getAttribute('value')) : 0;
    const pointsBefore = Number((await wall.getByTestId('points-available').textContent())?.replace(/\D/g, ''));

    // Her invite link, from the referral center in another tab.
    const referrals = await context.newPage();
    await signInToShell(referrals, 'Alice Chen', '/#/referrals');
    await referrals.getByRole('button', { name: 'Copy link' }).click();
    const link = await referrals.evaluate(() => navigator.clipboard.readText());
    await referrals.close();

    const friends: string[] = [];
    for (let n = qualified; n < 3; n++) {
      const friend = await friendSignsUpAndSubscribes(browser, link, `Wall Friend ${n}`, `wall.friend.${n}@example.org`);
      friends.push(friend.customer);
      await friend.page.context().close();
    }

    // Without a reload: the badge is earned and its 300 points are there.
    await expect(badge.getByText(/^Earned on /)).toBeVisible();
    await expect(wall.getByTestId('points-available')).toHaveText(`${pointsBefore + 300} points`);

    const accessibility = await new AxeBuilder({ page: alice })
      .include('[data-fw-widget="achievement-wall"]')
      .withTags(['wcag2a', 'wcag2aa'])
      .analyze();
    expect(accessibility.violations.map((v) => v.id)).toEqual([]);

    await wall.getByRole('tab', { name: 'Points bank' }).click();
    await wall.getByRole('button', { name: 'Redeem Sticker pack' }).click();
    await alice.getByRole('dialog', { name: 'Redeem Sticker pack?' }).getByRole('button', { name: 'Spend 200 points' }).click();
    await expect(alice.getByText(/Redeemed Sticker pack\. Your code: STICKERS-\d{3}/)).toBeVisible();
    await wall.getByRole('tab', { name: 'History' }).click();
    const history = wall.getByRole('list', { name: 'History' });
    await expect(history.getByRole('listitem').first()).toContainText(/[-−]200/);
    await expect(history.getByRole('listitem').first()).toContainText('Spent');

    await wall.getByRole('tab', { name: 'Badges' }).click();
    await wall.getByRole('button', { name: 'Share Refer 3 friends' }).click();
    const share = alice.getByRole('dialog', { name: 'Share “Refer 3 friends”' });
    await share.getByRole('button', { name: 'Make public' }).click();
    const pageUrl = await share.getByLabel('Public link').inputValue();
    const awardId = pageUrl.split('/b/')[1] as string;

    // Anyone with the link: a second browser context with no session at all, no JavaScript needed.
    const visitor = await browser.newContext({ javaScriptEnabled: false });
    const publicPage = await visitor.newPage();
    await publicPage.goto(pageUrl);
    await expect(publicPage.getByRole('heading', { level: 1, name: 'Refer 3 friends' })).toBeVisible();
    await expect(publicPage.getByText('Alice earned this badge from Acme Analytics (demo)')).toBeVisible();
    await expect(publicPage.locator('meta[property="og:title"]')).toHaveAttribute('content', 'Refer 3 friends');
    const ogImage = await publicPage.locator('meta[property="og:image"]').getAttribute('content');
    const image = await publicPage.request.get(ogImage ?? '');
    expect(image.headers()['content-type']).toBe('image/png');
    await visitor.close();

    expect(await verifyCredential(awardId)).toEqual({ revoked: false });
    await refund(friends[0] as string);
    await expect.poll(async () => (await verifyCredential(awardId)).revoked).toBe(true);
    await context.close();
  });
});
