import "server-only";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { getMemberDossier } from "@/lib/db/queries/console-members";
import { isUuid } from "@/lib/validations/ids";

/** One member's dossier, read once per request (layout and page share it); null for an unknown id. */
export const loadMemberDossier = cache(async (id: string) => (isUuid(id) ? getMemberDossier(await getDb(), id, new Date()) : null));
