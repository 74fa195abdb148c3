import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UGC_LIMITS } from '@flywheel/contracts/ugc';
import { TRPCError } from '@trpc/server';

/** Where uploaded images are kept: local disk by default, an S3-compatible bucket when configured. */
export type MediaStore = {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the bytes (a customer's erasure); nothing stored under the key is not an error. */
  delete(key: string): Promise<void>;
};

/** Files under `dir` (the BFF's `DATA_DIR/media`), one per key. */
export function diskMediaStore(dir: string): MediaStore {
  // Keys are made by this module (`ugc/<tenant>/<uuid>.webp`), never by a customer.
  const path = (key: string) => join(dir, key);
  return {
    async put(key, bytes) {
      await mkdir(dirname(path(key)), { recursive: true });
      await writeFile(path(key), bytes);
    },
    async get(key) {
      try {
        return await readFile(path(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(path(key), { force: true });
    },
  };
}

export type S3Options = {
  bucket: string;
  region: string;
  /** For S3-compatible services (MinIO, R2, …); AWS needs none. */
  endpoint?: string | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  forcePathStyle?: boolean | undefined;
};

/**
 * Objects in an S3-compatible bucket, through the AWS SDK (credentials from the options or the
 * SDK's usual chain). The SDK is loaded on first use: a BFF that keeps images on disk never pays
 * for it at start.
 */
export function s3MediaStore(options: S3Options): MediaStore {
  let sdk: Promise<{ s3: typeof import('@aws-sdk/client-s3'); client: import('@aws-sdk/client-s3').S3Client }> | undefined;
  const connect = () => {
    sdk ??= import('@aws-sdk/client-s3').then((s3) => ({
      s3,
      client: new s3.S3Client({
        region: options.region,
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.forcePathStyle ? { forcePathStyle: true } : {}),
        ...(options.accessKeyId && options.secretAccessKey
          ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
          : {}),
      }),
    }));
    return sdk;
  };
  return {
    async put(key, bytes, contentType) {
      const { s3, client } = await connect();
      await client.send(new s3.PutObjectCommand({ Bucket: options.bucket, Key: key, Body: bytes, ContentType: contentType }));
    },
    async get(key) {
      const { s3, client } = await connect();
      try {
        const object = await client.send(new s3.GetObjectCommand({ Bucket: options.bucket, Key: key }));
        return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : null;
      } catch (error) {
        if (error instanceof s3.NoSuchKey) return null;
        throw error;
      }
    },
    async delete(key) {
      const { s3, client } = await connect();
      await client.send(new s3.DeleteObjectCommand({ Bucket: options.bucket, Key: key }));
    },
  };
}

const ACCEPTED = ['jpeg', 'png', 'webp', 'gif'];
const MAX_EDGE = 2000;

/**
 * An upload as the showcase stores it: decoded by content (the name and the declared type are the
 * customer's to fake), refused unless it is a JPEG, PNG, WebP or GIF (SVG can carry script),
 * turned upright, scaled to fit 2000 px, and re-encoded as WebP, which drops EXIF and GPS.
 */
export async function reencodeImage(bytes: Buffer) {
  if (bytes.length > UGC_LIMITS.imageBytes) {
    throw new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: `file: an image may be at most ${UGC_LIMITS.imageBytes / 1024 / 1024} MB` });
  }
  const refuse = () => new TRPCError({ code: 'BAD_REQUEST', message: 'file: must be a JPEG, PNG, WebP or GIF image' });
  // Loaded on the first upload: libvips is not needed to start the BFF.
  const { default: sharp } = await import('sharp');
  const image = sharp(bytes, { limitInputPixels: UGC_LIMITS.imagePixels, failOn: 'error' });
  const metadata = await image.metadata().catch(() => {
    throw refuse();
  });
  if (!metadata.format || !ACCEPTED.includes(metadata.format)) throw refuse();
  try {
    const { data, info } = await image
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, contentType: 'image/webp' as const };
  } catch {
    // A truncated file, or one whose pixels exceed the limit, fails only when decoded.
    throw refuse();
  }
}
