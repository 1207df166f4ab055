"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "../db";
import { setMemberName } from "../db/queries/members";
import { memberNameSchema } from "../validations/auth";
import { authedAction } from "./authed";

export type UpdateNameState = { status: "idle" | "saved" | "invalid" };

export const updateName = authedAction(async (member, _previous: UpdateNameState, formData: FormData): Promise<UpdateNameState> => {
  const parsed = memberNameSchema.safeParse(formData.get("name"));
  if (!parsed.success) return { status: "invalid" };
  await setMemberName(await getDb(), member.id, parsed.data);
  // Screens are documents: only the one the form is on is shown again; the others read the name when opened.
  revalidatePath("/profile");
  return { status: "saved" };
});
