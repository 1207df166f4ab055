// What the app's "Hilfe" and Console → Gespräche send. The same schemas check the form in the
// browser and the request on the server.
import { z } from "zod";
import { SUPPORT_POINTS, TEXT } from "./limits";
import { msg } from "./issue-message";

const body = z.string().trim().min(TEXT.conversationMessage.min, msg("validation.messageEmpty")).max(TEXT.conversationMessage.max);
const reason = z.string().trim().min(TEXT.reason.min, msg("validation.reasonTooShort")).max(TEXT.reason.max);

/** A shopper's message in the app; `requestId` is the client's, so a retried send is the same message. */
export const shopperMessageSchema = z.object({ body, requestId: z.uuid() });

/** "Punkte fehlen?": the order that earned nothing. */
export const claimSchema = z.object({
  orderNumber: z.string().trim().min(1).max(64),
  orderDate: z.iso.date(),
  message: z.string().trim().max(1000).optional(),
});

export const conversationReplySchema = z.object({ conversationId: z.uuid(), body, requestId: z.uuid() });
export const conversationNoteSchema = z.object({ conversationId: z.uuid(), body: z.string().trim().min(TEXT.cannedAnswer.min, msg("validation.messageEmpty")).max(TEXT.cannedAnswer.max) });
export const conversationAssignSchema = z.object({ conversationId: z.uuid(), assigneeId: z.uuid().nullable() });
export const conversationIdSchema = z.object({ conversationId: z.uuid() });

/** "Resolve with points": an adjustment with its reason (read by the shopper in their history), and the conversation closed. */
export const conversationResolveSchema = z.object({
  conversationId: z.uuid(),
  points: z.number().int().min(SUPPORT_POINTS.min).max(SUPPORT_POINTS.max),
  reason,
  requestId: z.uuid(),
});

export const cannedAnswerSchema = z.object({
  id: z.uuid().optional(),
  locale: z.enum(["de", "en"]),
  title: z.string().trim().min(TEXT.cannedAnswerTitle.min).max(TEXT.cannedAnswerTitle.max),
  body: z.string().trim().min(TEXT.cannedAnswer.min).max(TEXT.cannedAnswer.max),
});
export const cannedAnswerDeleteSchema = z.object({ id: z.uuid() });
