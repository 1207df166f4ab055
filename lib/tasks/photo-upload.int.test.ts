import sharp from "sharp";
import { beforeAll, expect, it } from "vitest";
import { canSeePhoto } from "../db/queries/tasks";
import { seedDemo } from "../db/seed-demo";
import { members, tasks, taskSubmissions } from "../db/schema";
import { describeEachDatabase } from "../db/test-databases";
import { PROGRAM_ID } from "../db/program-id";
import type { PhotoStore } from "../uploads/store";
import { PHOTO_UPLOAD_LIMITS, uploadTaskPhoto } from "./photo-upload";

function memoryStore(): PhotoStore & { files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>();
  return {
    files,
    async put(key, data) {
      files.set(key, data);
    },
    async get(key) {
      return files.get(key) ?? null;
    },
    async remove(key) {
      files.delete(key);
    },
  };
}

// Not an image at all: decoding it first would answer "not-an-image", whatever the task.
const garbage = Buffer.from("this is not a picture, and decoding it would be the first thing to fail");

async function picture() {
  const noise = Buffer.from(Array.from({ length: 64 * 48 * 3 }, () => Math.floor(Math.random() * 256)));
  return sharp(noise, { raw: { width: 64, height: 48, channels: 3 } })
    .resize(640, 480, { kernel: "nearest" })
    .png()
    .toBuffer();
}

describeEachDatabase("photo uploads", (db) => {
  const now = new Date("2026-11-23T10:00:00Z");
  let n = 0;
  async function shopper() {
    const [m] = await db().insert(members).values({ email: `uploader${++n}@example.com` }).returning({ id: members.id });
    return m!.id;
  }
  const upload = (memberId: string, taskId: string, file: Buffer, over: { clientId?: string; address?: string } = {}) =>
    uploadTaskPhoto(db(), store, { memberId, address: over.address ?? `198.51.100.${n}`, taskId, clientId: over.clientId ?? crypto.randomUUID(), file }, now);
  let store = memoryStore();

  beforeAll(async () => {
    await seedDemo(db(), now);
    await db()
      .insert(tasks)
      .values([
        { id: "photo-ended", programId: PROGRAM_ID, kind: "photo_upload", points: 10, title: { de: "Vorbei", en: "Over" }, config: { validUntil: "2026-01-01T00:00:00.000Z" } },
        { id: "photo-off", programId: PROGRAM_ID, kind: "photo_upload", points: 10, title: { de: "Aus", en: "Off" }, active: false },
      ]);
  });

  it("looks at the task and the member's limits before it decodes a file", async () => {
    store = memoryStore();
    const id = await shopper();
    expect(await upload(id, "no-such-task", garbage)).toEqual({ status: "refused", reason: "unknown-task" });
    expect(await upload(id, "photo-off", garbage)).toEqual({ status: "refused", reason: "unknown-task" });
    expect(await upload(id, "photo-ended", garbage)).toEqual({ status: "refused", reason: "ended" });
    expect(await upload(id, "nps", garbage)).toEqual({ status: "invalid", reason: "not-a-photo-task" });
    // Today's cap (two) reached: a third file is not even opened.
    const row = { memberId: id, taskId: "photo", kind: "photo_upload", status: "in_review" as const, points: 75, createdAt: now };
    await db()
      .insert(taskSubmissions)
      .values([
        { ...row, clientId: "cap-1", payload: { key: "aaaaaaaa-3c1d-4e55-9a41-5b7c2d8e9f00.webp", width: 1, height: 1, hash: "0000000000000001" } },
        { ...row, clientId: "cap-2", payload: { key: "bbbbbbbb-3c1d-4e55-9a41-5b7c2d8e9f00.webp", width: 1, height: 1, hash: "0000000000000003" } },
      ]);
    expect(await upload(id, "photo", garbage)).toEqual({ status: "refused", reason: "daily-cap" });
    // A resend of a submission already made answers it, without opening the new file.
    expect(await upload(id, "photo", garbage, { clientId: "cap-1" })).toEqual({ status: "in_review", points: 75 });
    expect(store.files.size).toBe(0);
    // Only then is the file judged.
    expect(await upload(await shopper(), "photo", garbage)).toEqual({ status: "photo-refused", reason: "not-an-image" });
    expect(store.files.size).toBe(0);
  });

  it("stores an accepted photo under a key of its own, once, for its owner only", async () => {
    store = memoryStore();
    const id = await shopper();
    const file = await picture();
    const clientId = crypto.randomUUID();
    expect(await upload(id, "photo", file, { clientId })).toEqual({ status: "in_review", points: 75 });
    expect(await upload(id, "photo", file, { clientId })).toEqual({ status: "in_review", points: 75 });
    expect(store.files.size).toBe(1);
    const [key] = [...store.files.keys()];
    expect(await canSeePhoto(db(), { id, role: "member" }, key!)).toBe(true);
    expect(await canSeePhoto(db(), { id: await shopper(), role: "member" }, key!)).toBe(false);
    // The same picture from someone else: refused, and its file gone again.
    expect(await upload(await shopper(), "photo", file)).toEqual({ status: "refused", reason: "duplicate-photo" });
    expect(store.files.size).toBe(1);
  });

  it("answers too many uploads per member and per address before anything else", async () => {
    store = memoryStore();
    const id = await shopper();
    const address = "203.0.113.7";
    for (let i = 0; i < PHOTO_UPLOAD_LIMITS.perMember.limit; i++) expect(await upload(id, "no-such-task", garbage, { address })).toMatchObject({ status: "refused" });
    expect(await upload(id, "photo", garbage, { address: "203.0.113.8" })).toMatchObject({ status: "rate-limited", retryAfterSeconds: expect.any(Number) });
    // Many members behind one address: the address's own limit.
    let sent = PHOTO_UPLOAD_LIMITS.perMember.limit;
    while (sent < PHOTO_UPLOAD_LIMITS.perAddress.limit) {
      const other = await shopper();
      for (let i = 0; i < 10 && sent < PHOTO_UPLOAD_LIMITS.perAddress.limit; i++, sent++) expect(await upload(other, "no-such-task", garbage, { address })).toMatchObject({ status: "refused" });
    }
    expect(await upload(await shopper(), "photo", garbage, { address })).toMatchObject({ status: "rate-limited" });
    expect(await upload(await shopper(), "no-such-task", garbage, { address: "203.0.113.9" })).toEqual({ status: "refused", reason: "unknown-task" });
  });
});
