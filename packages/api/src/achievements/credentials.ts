/// <reference path="./bitstring.d.ts" />
import type { JsonWebKey } from 'node:crypto';
import { Bitstring } from '@digitalbazaar/bitstring';
import { inLocale } from '@flywheel/contracts/widget';
import { credentialKeyPair, type Db, decryptSecret, type SecretsKey, schema, type Tx } from '@flywheel/db';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { importJWK, SignJWT } from 'jose';
import { STATUS_LIST_LENGTH } from './progress.ts';

/**
 * Open Badges 3.0 credentials (decision 014): each award is an `OpenBadgeCredential` signed as a
 * VC-JWT (OB 3.0 §8.2) with the tenant's Ed25519 key, issued by a did:web the BFF serves, and
 * revocable through a Bitstring Status List the BFF serves too.
 */
const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** did:web puts the host (its port percent-encoded) and the path in the id: `did:web:host%3A3000:issuers:<tenant>`. */
export function issuerDid(origin: string, tenantId: string): string {
  return `did:web:${encodeURIComponent(new URL(origin).host)}:issuers:${tenantId}`;
}

/** Where the did:web method resolves the issuer's DID document. */
export const didDocumentPath = (tenantId: string) => `/issuers/${tenantId}/did.json`;
export const statusListPath = (tenantId: string) => `/issuers/${tenantId}/status/revocation`;
export const credentialPath = (awardId: string) => `/api/credentials/${awardId}`;
export const badgePagePath = (awardId: string) => `/b/${awardId}`;

/** The tenant's key pair, made now for a tenant created before credentials existed. */
async function keysOf(db: Db | Tx, secretsKey: SecretsKey, tenantId: string) {
  const t = schema.tenants;
  await db
    .update(t)
    .set(credentialKeyPair(secretsKey))
    .where(and(eq(t.id, tenantId), isNull(t.credentialPublicJwk)));
  const [row] = await db
    .select({
      name: t.name,
      publicJwk: t.credentialPublicJwk,
      privateCiphertext: t.credentialPrivateJwkCiphertext,
      keyId: t.credentialKeyId,
      retired: t.credentialRetiredKeys,
    })
    .from(t)
    .where(and(eq(t.id, tenantId), isNotNull(t.credentialPublicJwk)));
  if (!row?.publicJwk || !row.privateCiphertext) return null;
  return {
    name: row.name,
    keyId: row.keyId,
    retired: row.retired,
    publicJwk: row.publicJwk,
    privateJwk: JSON.parse(decryptSecret(secretsKey, row.privateCiphertext)) as JsonWebKey,
  };
}

async function sign(
  db: Db,
  secretsKey: SecretsKey,
  origin: string,
  tenantId: string,
  claims: { payload: Record<string, unknown>; jti: string; sub: string; nbf: Date },
) {
  const keys = await keysOf(db, secretsKey, tenantId);
  if (!keys) return null;
  const did = issuerDid(origin, tenantId);
  // No iat: EdDSA is deterministic, so an award's credential is the same bytes every time (the
  // baked image and the endpoint agree); nbf already says when it holds.
  return new SignJWT(claims.payload)
    .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: `${did}#${keys.keyId}` })
    .setIssuer(did)
    .setJti(claims.jti)
    .setSubject(claims.sub)
    .setNotBefore(Math.floor(claims.nbf.getTime() / 1000))
    .sign(await importJWK(keys.privateJwk as Parameters<typeof importJWK>[0], 'EdDSA'));
}

/**
 * The issuer's DID document: its current public key, and the retired ones that still verify the
 * credentials they signed (a badge baked before a rotation keeps verifying).
 */
export async function didDocument(db: Db, secretsKey: SecretsKey, origin: string, tenantId: string) {
  const keys = await keysOf(db, secretsKey, tenantId);
  if (!keys) return null;
  const did = issuerDid(origin, tenantId);
  const methods = [{ id: keys.keyId, publicJwk: keys.publicJwk }, ...keys.retired].map(({ id, publicJwk: { kty, crv, x } }) => ({
    id: `${did}#${id}`,
    type: 'JsonWebKey2020',
    controller: did,
    publicKeyJwk: { kty, crv, x },
  }));
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((method) => method.id),
  };
}

/**
 * Gives the tenant a new credential key; credentials are signed with it from now on. The old key
 * stays in the DID document so what it signed keeps verifying, unless it leaked: then it is
 * dropped, and every credential it signed stops verifying (the live ones are re-signed on request).
 */
export async function rotateCredentialKey(db: Db, secretsKey: SecretsKey, tenantId: string, old: 'keep-verifying' | 'leaked') {
  // Under the tenant row's lock: two rotations at once must not both make "key-3", one of them lost.
  return db.transaction(async (tx) => {
    await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.id, tenantId)).for('update');
    const keys = await keysOf(tx, secretsKey, tenantId);
    if (!keys) return null;
    const next = `key-${Number(/^key-(\d+)$/.exec(keys.keyId)?.[1] ?? 1) + 1}`;
    const retired =
      old === 'keep-verifying'
        ? [...keys.retired, { id: keys.keyId, publicJwk: keys.publicJwk, retiredAt: new Date().toISOString() }]
        : keys.retired;
    await tx
      .update(schema.tenants)
      .set({ ...credentialKeyPair(secretsKey), credentialKeyId: next, credentialRetiredKeys: retired })
      .where(eq(schema.tenants.id, tenantId));
    return { keyId: next, verifying: [next, ...retired.map((key) => key.id)] };
  });
}

/** The award's OpenBadgeCredential as a compact VC-JWT, or null when there is no such award. */
export async function awardCredential(db: Db, secretsKey: SecretsKey, origin: string, awardId: string) {
  const [row] = await db
    .select({ award: schema.badgeAwards, badge: schema.badges, tenant: schema.tenants.name })
    .from(schema.badgeAwards)
    .innerJoin(schema.badges, eq(schema.badges.id, schema.badgeAwards.badgeId))
    .innerJoin(schema.tenants, eq(schema.tenants.id, schema.badgeAwards.tenantId))
    .where(eq(schema.badgeAwards.id, awardId));
  if (!row) return null;
  const { award, badge } = row;
  const did = issuerDid(origin, award.tenantId);
  const texts = inLocale(badge.texts, 'en');
  const id = `${origin}${credentialPath(award.id)}`;
  const subject = `urn:uuid:${award.customerId}`;
  const statusList = `${origin}${statusListPath(award.tenantId)}`;
  const credential = {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: did, type: ['Profile'], name: row.tenant },
    validFrom: award.awardedAt.toISOString(),
    name: texts.name,
    credentialSubject: {
      id: subject,
      type: ['AchievementSubject'],
      achievement: {
        id: `${origin}/badges/${badge.id}`,
        type: ['Achievement'],
        name: award.tier === 'standard' ? texts.name : `${texts.name} (${award.tier})`,
        description: texts.description,
        criteria: { narrative: texts.criteria },
        image: { id: `${origin}${badgePagePath(award.id)}/badge.png`, type: 'Image' },
      },
    },
    credentialStatus: {
      id: `${statusList}#${award.statusIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(award.statusIndex),
      statusListCredential: statusList,
    },
  };
  return sign(db, secretsKey, origin, award.tenantId, { payload: credential, jti: id, sub: subject, nbf: award.awardedAt });
}

/** The tenant's revocation list as a signed BitstringStatusListCredential: a set bit is a revoked award. */
export async function statusListCredential(db: Db, secretsKey: SecretsKey, origin: string, tenantId: string) {
  const revoked = await db
    .select({ index: schema.badgeAwards.statusIndex })
    .from(schema.badgeAwards)
    .where(and(eq(schema.badgeAwards.tenantId, tenantId), isNotNull(schema.badgeAwards.revokedAt)));
  const bits = new Bitstring({ length: STATUS_LIST_LENGTH });
  for (const { index } of revoked) bits.set(index, true);
  const id = `${origin}${statusListPath(tenantId)}`;
  const now = new Date();
  const credential = {
    '@context': [VC_CONTEXT],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuerDid(origin, tenantId),
    validFrom: now.toISOString(),
    credentialSubject: {
      id: `${id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      // Multibase base64url ('u') of the GZIP-compressed bits, as the spec requires.
      encodedList: `u${await bits.encodeBits()}`,
    },
  };
  return sign(db, secretsKey, origin, tenantId, { payload: credential, jti: id, sub: `${id}#list`, nbf: now });
}
