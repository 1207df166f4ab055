import { z } from "zod";

/** An e-mail address as shoppers type it: trimmed and lower-cased, so one person is one member. */
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((email) => email.toLowerCase());

export const memberNameSchema = z.string().trim().min(1).max(80);
