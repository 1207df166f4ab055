// The shop's look and legal links, as the console saves them. Pure: parsing with defaults.
import { z } from "zod";
import { msg } from "../validations/issue-message";

const httpsUrl = z
  .url()
  .max(500)
  .refine((u) => u.startsWith("https://"), msg("validation.url"));
const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, msg("validation.color"));

export const brandingSchema = z.object({
  shopName: z.string().trim().min(1).max(80).optional(),
  shopUrl: httpsUrl.optional(),
  /** An https:// address, or a logo uploaded in the console (served from /api/reward-images/). */
  logoUrl: z.union([z.string().regex(/^\/api\/reward-images\/[0-9a-f-]{36}\.webp$/), httpsUrl]).optional(),
  primaryColor: hexColour.optional(),
  /** Impressum and Datenschutz: required for German shops, shown in the app's footer. */
  imprintUrl: httpsUrl.optional(),
  privacyUrl: httpsUrl.optional(),
});
export type Branding = z.infer<typeof brandingSchema>;

/** A stored branding that no longer parses (an old release's shape) shows as unbranded, never as an error page. */
export function parseBranding(raw: unknown): Branding {
  const parsed = brandingSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}
