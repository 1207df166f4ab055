import "server-only";
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { ObjectStorageConfig, PhotoStore } from "./photo-store";

export type { ObjectStorageConfig };

const clients = new Map<string, S3Client>();

function client(config: ObjectStorageConfig): S3Client {
  const id = JSON.stringify(config);
  let s3 = clients.get(id);
  if (!s3) {
    s3 = new S3Client({
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      ...(config.endpoint && { endpoint: config.endpoint }),
      ...(config.accessKeyId && config.secretAccessKey && { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }),
    });
    clients.set(id, s3);
  }
  return s3;
}

/**
 * Photos or reward pictures as objects under `prefix/` in the bucket. The bucket stays private:
 * the app serves every picture itself (/api/photos checks who may see it), so no object URL is
 * ever handed out.
 */
export function s3Store(config: ObjectStorageConfig, prefix: string, isKey: (key: string) => boolean): PhotoStore {
  const s3 = client(config);
  const objectKey = (key: string) => {
    if (!isKey(key)) throw new Error(`not a photo key: ${key}`);
    return `${prefix}/${key}`;
  };
  return {
    async put(key, data) {
      // If-None-Match: an existing picture is never overwritten (keys are fresh UUIDs anyway).
      await s3.send(new PutObjectCommand({ Bucket: config.bucket, Key: objectKey(key), Body: data, ContentType: "image/webp", IfNoneMatch: "*" }));
    },
    async get(key) {
      if (!isKey(key)) return null;
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: config.bucket, Key: objectKey(key) }));
        return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : null;
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === "NoSuchKey") return null;
        throw error;
      }
    },
    async remove(key) {
      await s3.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: objectKey(key) }));
    },
  };
}
