"use server";

// The buttons of the pages a mail's links open. No sign-in: the signed token in the link is the
// authority, and the page re-reads the state afterwards (so a reload shows what is true).
import { redirect } from "next/navigation";
import { getDb } from "../db";
import { confirmConsentWithToken, unsubscribeWithToken } from "../mail/signed-actions";

export async function unsubscribeByLink(token: string): Promise<void> {
  await unsubscribeWithToken(await getDb(), token);
  redirect(`/unsubscribe/${encodeURIComponent(token)}`);
}

export async function confirmConsentByLink(token: string): Promise<void> {
  await confirmConsentWithToken(await getDb(), token, new Date());
  redirect(`/consent/${encodeURIComponent(token)}`);
}
