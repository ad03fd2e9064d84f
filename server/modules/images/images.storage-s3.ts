import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { assertSafeKey, type ImageStorage } from './images.storage.js';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** An S3-compatible server instead of AWS; path-style addressing is used then. */
  endpoint?: string | undefined;
  /** Explicit credentials (tests); otherwise the AWS SDK's default chain (instance role, env, profile). */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
}

type Sdk = typeof import('@aws-sdk/client-s3');

// The SDK is loaded on first use: installations that keep pictures on disk never load it.
let sdk: Promise<Sdk> | undefined;
const loadSdk = () => {
  sdk ??= import('@aws-sdk/client-s3');
  return sdk;
};

function isNotFound(s3: Sdk, err: unknown): boolean {
  if (!(err instanceof s3.S3ServiceException)) return false;
  return err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata.httpStatusCode === 404;
}

/**
 * Pictures in a private S3 bucket, encrypted at rest (SSE-S3). The app streams them to clients,
 * so the bucket never needs a public policy and image URLs stay stable.
 */
export function createS3Storage(options: S3StorageOptions): ImageStorage {
  const { bucket } = options;
  let connection: Promise<{ s3: Sdk; client: S3Client }> | undefined;
  const connect = () => {
    connection ??= loadSdk().then((s3) => ({
      s3,
      client: new s3.S3Client({
        region: options.region,
        ...(options.endpoint
          ? {
              endpoint: options.endpoint,
              forcePathStyle: true,
              // S3-compatible servers often lack the newer default checksums; send them only when required.
              requestChecksumCalculation: 'WHEN_REQUIRED' as const,
              responseChecksumValidation: 'WHEN_REQUIRED' as const,
            }
          : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
      }),
    }));
    return connection;
  };

  return {
    kind: 's3',

    async check() {
      // HeadBucket, not HeadObject: a missing bucket answers a HEAD on any key with the same 404
      // as a missing key. Needs s3:ListBucket, which the app's role has.
      const { s3, client } = await connect();
      await client.send(new s3.HeadBucketCommand({ Bucket: bucket }));
    },

    async put(key, bytes, contentType) {
      assertSafeKey(key);
      const { s3, client } = await connect();
      await client.send(
        new s3.PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: bytes,
          ContentType: contentType,
          ContentLength: bytes.length,
          ServerSideEncryption: 'AES256',
        }),
      );
    },

    async get(key) {
      assertSafeKey(key);
      const { s3, client } = await connect();
      try {
        const res = await client.send(new s3.GetObjectCommand({ Bucket: bucket, Key: key }));
        if (!(res.Body instanceof Readable)) return null;
        return { body: res.Body, size: res.ContentLength };
      } catch (err) {
        if (isNotFound(s3, err)) return null;
        throw err;
      }
    },

    async exists(key) {
      assertSafeKey(key);
      const { s3, client } = await connect();
      try {
        await client.send(new s3.HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (err) {
        if (isNotFound(s3, err)) return false;
        throw err;
      }
    },

    async delete(key) {
      assertSafeKey(key);
      const { s3, client } = await connect();
      await client.send(new s3.DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}
