"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "../db";
import { moderateSubmission } from "../db/queries/tasks";
import { nudgePushDelivery } from "../jobs/push-delivery";
import { authedAction } from "./authed";

const decisionSchema = z.discriminatedUnion("decision", [
  z.object({ submissionId: z.uuid(), decision: z.literal("approve") }),
  z.object({ submissionId: z.uuid(), decision: z.literal("reject"), reason: z.string().trim().min(3).max(300) }),
]);

/** Staff approve or reject a review or photo. Anyone else changes nothing. */
export const moderate = authedAction(async (member, formData: FormData): Promise<void> => {
  if (member.role !== "staff") return;
  const parsed = decisionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return;
  const { submissionId } = parsed.data;
  await moderateSubmission(
    await getDb(),
    member.id,
    submissionId,
    parsed.data.decision === "approve" ? { approve: true } : { approve: false, reason: parsed.data.reason },
  );
  nudgePushDelivery();
  revalidatePath("/staff/reviews");
});
