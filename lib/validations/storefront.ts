// What the storefront page (Console → Storefront) sends. The origin itself is judged by the one
// rule in lib/validations/storefront-origin.ts, on the server inside the save, so its refusal is worded like
// the form's; the schema only bounds the request.
import { z } from "zod";

export const storefrontOriginInputSchema = z.object({ origin: z.string().max(2_000) });
