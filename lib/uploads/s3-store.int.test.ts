// Photos and reward pictures in an S3-compatible bucket: a real S3 server (s3rver) on a local
// port, spoken to by the AWS SDK exactly as a production bucket is.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3Store, type ObjectStorageConfig } from "./s3-store";
import { isPhotoKey } from "./store";

describe("object storage (S3 API)", () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), "treue-s3-"));
  const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory, configureBuckets: [{ name: "treue-photos" }] });
  let config: ObjectStorageConfig;
  beforeAll(async () => {
    const { port } = await server.run();
    config = { bucket: "treue-photos", endpoint: `http://127.0.0.1:${port}`, region: "eu-central-1", accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true };
  });
  afterAll(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const key = "0e6f1b9a-3c1d-4e55-9a41-5b7c2d8e9f00.webp";

  it("keeps a photo, gives it back byte for byte, and removes it", async () => {
    const photos = s3Store(config, "photos", isPhotoKey);
    const picture = Buffer.from(Array.from({ length: 5_000 }, (_, i) => i % 251));
    await photos.put(key, picture);
    expect((await photos.get(key))?.equals(picture)).toBe(true);
    await photos.remove(key);
    expect(await photos.get(key)).toBeNull();
  });

  it("keeps members' photos apart from the public reward pictures in the same bucket", async () => {
    const photos = s3Store(config, "photos", isPhotoKey);
    const rewards = s3Store(config, "reward-images", isPhotoKey);
    await photos.put(key, Buffer.from("private"));
    expect(await rewards.get(key)).toBeNull();
    await rewards.put(key, Buffer.from("public"));
    expect((await photos.get(key))?.toString()).toBe("private");
    expect((await rewards.get(key))?.toString()).toBe("public");
  });

  it("never reads or writes a key that is not one of ours", async () => {
    const photos = s3Store(config, "photos", isPhotoKey);
    expect(await photos.get("../reward-images/x.webp")).toBeNull();
    expect(await photos.get("0e6f1b9a-3c1d-4e55-9a41-5b7c2d8e9f01.webp")).toBeNull();
    await expect(photos.put("../../etc/passwd", Buffer.from("x"))).rejects.toThrow("not a photo key");
  });
});
