import type { Config } from '../../config.js';
import type { ImageStorage } from './images.storage.js';
import { createLocalStorage } from './images.storage-local.js';
import { createS3Storage } from './images.storage-s3.js';

/** Local folder by default; S3 when S3_BUCKET_NAME is set (credentials from the AWS SDK's usual chain). */
export function createImageStorage(config: Config): ImageStorage {
  if (config.s3BucketName) {
    return createS3Storage({
      bucket: config.s3BucketName,
      region: config.awsRegion,
      endpoint: config.s3Endpoint,
    });
  }
  return createLocalStorage(`${config.dataDir}/uploads`);
}
