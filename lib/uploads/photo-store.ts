// Where task photos are kept, as types only: the configuration (lib/env.ts) and both stores name
// them without importing each other.

/** A place for photo files by key: a folder on disk (lib/uploads/store.ts) or a bucket (s3-store.ts). */
export interface PhotoStore {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  remove(key: string): Promise<void>;
}

/** An S3-compatible bucket (AWS, MinIO, Ceph, Hetzner, Cloudflare R2 …); keys and endpoint from the configuration. */
export type ObjectStorageConfig = {
  bucket: string;
  /** Unset: AWS itself. */
  endpoint?: string | undefined;
  region: string;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  /** bucket in the path (most self-hosted servers) rather than in the host name. */
  forcePathStyle: boolean;
};
