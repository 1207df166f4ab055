"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "../db";
import { createSupportRequest } from "../db/queries/support";
import { missingPointsSchema } from "../validations/console";
import { authedAction } from "./authed";

export type MissingPointsState = { status: "idle" | "sent" | "duplicate" | "invalid"; field?: "orderNumber" | "orderDate" | "message" };

/** "Punkte fehlen?": the shopper names an order; it lands in the staff's support queue. */
export const reportMissingPoints = authedAction(async (member, _previous: MissingPointsState, formData: FormData): Promise<MissingPointsState> => {
  const parsed = missingPointsSchema.safeParse({
    orderNumber: formData.get("orderNumber") ?? "",
    orderDate: formData.get("orderDate") ?? "",
    message: formData.get("message") || undefined,
  });
  if (!parsed.success) return { status: "invalid", field: parsed.error.issues[0]?.path[0] as MissingPointsState["field"] };
  const outcome = await createSupportRequest(await getDb(), member.id, parsed.data);
  revalidatePath("/history");
  return { status: outcome === "created" ? "sent" : "duplicate" };
});
