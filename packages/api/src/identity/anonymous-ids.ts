import { createHmac, hkdfSync, randomUUID, timingSafeEqual } from 'node:crypto';
import type { SecretsKey } from '@flywheel/db';

/** 128 bits of HMAC-SHA256, base64url: forging one is as hard as guessing the key. */
const SIGNATURE_CHARS = 22;

/**
 * Anonymous visitors' ids, minted by the BFF and signed, so that an event from a browser names a
 * visitor Flywheel issued and not one made up: a made-up unit per request could otherwise
 * manufacture an experiment's winner. An id is `<uuid>.<signature>`, the signature an HMAC of the
 * tenant and the uuid under a key derived from TENANT_SECRETS_KEY (so nothing new to configure, and
 * an id issued for one tenant is no id for another). Stateless: verifying reads no table.
 */
export class AnonymousIds {
  readonly #key: Buffer;

  constructor(secretsKey: SecretsKey) {
    this.#key = Buffer.from(hkdfSync('sha256', secretsKey, Buffer.alloc(0), 'flywheel anonymous ids v1', 32));
  }

  issue(tenantId: string): string {
    const id = randomUUID();
    return `${id}.${this.#sign(tenantId, id)}`;
  }

  verify(tenantId: string, anonymousId: string): boolean {
    const [id, signature, ...rest] = anonymousId.split('.');
    if (!id || signature?.length !== SIGNATURE_CHARS || rest.length > 0) return false;
    return timingSafeEqual(Buffer.from(signature), Buffer.from(this.#sign(tenantId, id)));
  }

  #sign(tenantId: string, id: string): string {
    return createHmac('sha256', this.#key).update(`${tenantId}:${id}`).digest('base64url').slice(0, SIGNATURE_CHARS);
  }
}
