import "server-only";
import type { Database } from "../db/connect";
import { hitRateLimit } from "../db/queries/rate-limits";
import { photoUploadRefusal, submitTask, type SubmitOutcome } from "../server/tasks";
import { processPhoto, type PhotoRefusal } from "../uploads/photo";
import { storePhoto, type PhotoStore } from "../uploads/store";

/** Uploads per member and per address an hour: a few photos a day need far fewer, a script gets no further. */
export const PHOTO_UPLOAD_LIMITS = {
  perMember: { limit: 20, windowSeconds: 3_600 },
  perAddress: { limit: 60, windowSeconds: 3_600 },
} as const;

export type PhotoUpload = { memberId: string; address: string; taskId: string; clientId: string; caption?: string | undefined; file: Buffer };

/** What became of an upload; the route answers it, the photo form words the reason. */
export type PhotoUploadOutcome =
  | { status: "in_review" | "completed"; points: number }
  | { status: "rate-limited"; retryAfterSeconds: number }
  | { status: "photo-refused"; reason: PhotoRefusal }
  | { status: "refused"; reason: string }
  | { status: "invalid"; reason: string };

function answer(outcome: SubmitOutcome): PhotoUploadOutcome {
  switch (outcome.status) {
    case "in_review":
    case "completed":
      return { status: outcome.status, points: outcome.submission.points };
    case "refused":
      return { status: "refused", reason: outcome.reason };
    case "invalid":
      return { status: "invalid", reason: outcome.problem };
  }
}

/**
 * A photo for a task, cheapest checks first: the member's and the address's upload rate, then the
 * task (active, a photo task, the member's limits, not already sent under this client id), and
 * only then is the file decoded (up to 40 megapixels), re-encoded and stored under a key of the
 * server's. A refused or repeated submission leaves no file behind.
 */
export async function uploadTaskPhoto(db: Database, store: PhotoStore, upload: PhotoUpload, now = new Date()): Promise<PhotoUploadOutcome> {
  const byMember = await hitRateLimit(db, `photo-upload:member:${upload.memberId}`, { ...PHOTO_UPLOAD_LIMITS.perMember, now });
  const byAddress = await hitRateLimit(db, `photo-upload:ip:${upload.address}`, { ...PHOTO_UPLOAD_LIMITS.perAddress, now });
  const limited = [byMember, byAddress].filter((d) => !d.allowed);
  if (limited.length > 0) return { status: "rate-limited", retryAfterSeconds: Math.max(...limited.map((d) => d.retryAfterSeconds)) };

  const refusal = await photoUploadRefusal(db, upload.memberId, upload.taskId, upload.clientId, now);
  if (refusal) return answer(refusal);

  const processed = await processPhoto(upload.file);
  if (!processed.ok) return { status: "photo-refused", reason: processed.reason };
  const photo = await storePhoto(store, processed.photo);
  let kept = false;
  try {
    const outcome = await submitTask(db, upload.memberId, upload.taskId, upload.clientId, { caption: upload.caption }, now, photo);
    kept = (outcome.status === "in_review" || outcome.status === "completed") && !outcome.duplicate;
    return answer(outcome);
  } finally {
    if (!kept) await store.remove(photo.key);
  }
}
