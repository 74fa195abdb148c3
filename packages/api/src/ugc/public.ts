import type { GalleryInput } from '@flywheel/contracts/ugc';
import { type Db, schema } from '@flywheel/db';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { customerFromClaims } from '../customers/index.ts';
import type { CustomerClaims } from '../identity/index.ts';
import { gallery } from './gallery.ts';
import type { MediaStore } from './media.ts';
import { uploadImage } from './submissions.ts';
import { itemOf, lookups } from './views.ts';

// What the BFF's plain routes need: the public pages (rendered on the server, for anonymous
// visitors and search engines) and the image upload, which is a file rather than a tRPC call.

async function tenantName(db: Db, tenantId: string) {
  const [tenant] = await db.select({ name: schema.tenants.name }).from(schema.tenants).where(eq(schema.tenants.id, tenantId));
  return tenant?.name ?? null;
}

/** A published submission for its public page `/s/<id>`, with its tenant's name; null for anything not public. */
export async function publicSubmission(db: Db, id: string, origin: string) {
  const [row] = await db
    .select()
    .from(schema.ugcSubmissions)
    .where(and(eq(schema.ugcSubmissions.id, id), eq(schema.ugcSubmissions.status, 'approved')));
  if (!row) return null;
  const item = itemOf(row, await lookups(db, row.tenantId, [row]), 'public', origin);
  return { item, tenantId: row.tenantId, tenant: (await tenantName(db, row.tenantId)) ?? '' };
}

/** A page of a tenant's public gallery `/g/<tenant id>` (newest first, no experiment: visitors are anonymous). */
export async function publicGallery(db: Db, tenantId: string, input: z.output<typeof GalleryInput>, origin: string) {
  const tenant = await tenantName(db, tenantId);
  if (tenant === null) return null;
  return { tenant, ...(await gallery(db, { tenantId, viewerId: null, origin, leadOrder: 'latest' }, input)) };
}

/** An image upload from a widget: the customer its token names (created on first sight) uploads it. */
export async function uploadAs(
  deps: { db: Db; media: MediaStore },
  tenantId: string,
  claims: CustomerClaims,
  upload: { bytes: Buffer; name: string },
  origin: string,
) {
  return uploadImage(deps.db, deps.media, await customerFromClaims(deps.db, tenantId, claims), upload, origin);
}
