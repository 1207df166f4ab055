import "server-only";
import { adjustPoints, cancelCoupon, reissueCoupon } from "../../server/members";
import { getProgramLaunch, cancelScheduledChange } from "../../db/queries/console-program";
import { addRewardCodes, importProgram, launchProgram, saveChallenges, saveJourney, saveEarnRule, saveProgramSettings, saveReward, saveTask, saveTiers, scheduleChange } from "../../server/program";
import { inviteStaff, setStaffRole } from "../../server/staff";
import { getConnectorSettings } from "../../db/queries/connectors";
import { saveDiscountSettings, setConnectorSecret, setPaidStatuses } from "../../connectors/settings";
import { adminBaseUrl } from "../../connectors/discounts/admin-url";
import { checkDiscountAccess, endShopDiscountNow } from "../../connectors/discounts/run";
import { sendTestDelivery } from "../../connectors/send-test";
import { deleteShopApiSecret, storeShopApiSecret } from "../../shop-api/secret-store";
import { generateShopSecret, SHOP_SECRET_GRACE_MS } from "../../shop-api/secret-grace";
import { sendTestEvent } from "../../shop-api/send-test-event";
import { shopSecrets } from "../../shop-api/shop-secret";
import { eraseMember } from "../../server/privacy";
import { addInternalNote, assignConversation, deleteCannedAnswer, replyToConversation, resolveWithPoints, saveCannedAnswer, setConversationClosed } from "../../server/conversations";
import {
  cannedAnswerDeleteSchema,
  cannedAnswerSchema,
  conversationAssignSchema,
  conversationIdSchema,
  conversationNoteSchema,
  conversationReplySchema,
  conversationResolveSchema,
} from "../../validations/conversations";
import { isPhotoKey, photoStore } from "../../uploads/store";
import { moderateSubmission } from "../../server/tasks";
import { reevaluateTiers } from "../../server/tiers";
import { env } from "../../env";
import { jobQueue, nudgeDelivery, runSoon } from "../../jobs/runner";
import { JOB_SCHEDULES } from "../../jobs/job-names";
import { campaignInputSchema } from "../../loyalty/campaigns";
import { parseCodeList } from "../../loyalty/coupon-code";
import { previewAudience, rewardExists } from "../../db/queries/campaigns";
import { cancelCampaign, createCampaign } from "../../server/campaigns";
import { listJobRuns } from "../../db/queries/jobs";
import { writeAudit } from "../../db/queries/audit";
import { addConsoleStorefrontOrigin, removeConsoleStorefrontOrigin } from "../../storefront/console-origins";
import { storefrontOriginInputSchema } from "../../validations/storefront";
import { sendStaffInvite } from "../../mail/staff-invite";
import { bookStorePurchase, redeemCouponAtTill } from "../../server/till";
import { tillBookSchema, tillRedeemSchema } from "../../validations/till";
import {
  adjustPointsSchema,
  cancelCouponSchema,
  challengesSchema,
  journeySaveSchema,
  campaignPreviewSchema,
  campaignCancelSchema,
  connectorPaidStatusesSchema,
  connectorSecretSchema,
  connectorDiscountCheckSchema,
  connectorDiscountsSchema,
  connectorTestSchema,
  shopApiSecretSchema,
  shopApiTestSchema,
  shopApiSecretDeleteSchema,
  earnRuleChangeSchema,
  eraseMemberSchema,
  jobRetrySchema,
  moderationSchema,
  programSettingsSchema,
  programSetupSchema,
  rewardCodesSchema,
  rewardSchema,
  staffInviteSchema,
  staffRoleSchema,
  tiersChangeSchema,
} from "../../validations/console";
import { z } from "zod";
import { consoleAction, type ConsoleAction } from "../action";
import { defaultProgram, programDocumentSchema, taskDocumentSchema } from "../../loyalty/program-document";
import { consoleActionCapability, type ConsoleActionName } from "../action-names";
import type { Capability } from "../../loyalty/roles";
import { ConsoleError } from "../../errors";

/** A scheduled change may start now or later, never in the past: history is not rewritten. */
const PAST_TOLERANCE_MS = 5 * 60_000;

/** When a change takes effect: now when unset; a moment more than a few minutes ago is refused. */
function effectiveFrom(requested: string | undefined, now: Date): Date {
  const from = requested ? new Date(requested) : now;
  if (from.getTime() < now.getTime() - PAST_TOLERANCE_MS) throw new ConsoleError("refused", "effectiveInPast");
  return from;
}

/**
 * Every console mutation, by the name the browser posts to (/api/console/<name>). One table, so
 * the role check cannot be forgotten and a test can walk all of them.
 */
export const consoleActions = {
  "members.adjust": consoleAction(adjustPointsSchema, ({ db, staff, now }, input) => adjustPoints(db, staff, input, now)),
  "coupons.cancel": consoleAction(cancelCouponSchema, async ({ db, staff, now }, input) => {
    const ended = await endShopDiscountNow(db, input.couponId, now);
    if (!ended.ok) throw new ConsoleError("refused", "shopDiscountStillLive", { reason: ended.reason });
    await cancelCoupon(db, staff, input.couponId, input.reason, now);
    return {};
  }),
  "members.erase": consoleAction(eraseMemberSchema, async ({ db, staff, now }, input) => {
    const { photoKeys } = await eraseMember(db, staff, input.memberId, input.confirmEmail, now);
    const store = photoStore();
    await Promise.all(photoKeys.filter(isPhotoKey).map((key) => store.remove(key)));
    return { photosRemoved: photoKeys.length };
  }),
  "conversations.reply": consoleAction(conversationReplySchema, async ({ db, staff, now }, input) => {
    const sent = await replyToConversation(db, staff, input, now);
    nudgeDelivery();
    return sent;
  }),
  "conversations.note": consoleAction(conversationNoteSchema, async ({ db, staff, now }, input) => {
    await addInternalNote(db, staff, input, now);
    return {};
  }),
  "conversations.assign": consoleAction(conversationAssignSchema, async ({ db, staff, now }, input) => {
    await assignConversation(db, staff, input, now);
    return {};
  }),
  "conversations.resolve": consoleAction(conversationResolveSchema, async ({ db, staff, now }, input) => {
    const resolved = await resolveWithPoints(db, staff, input, now);
    nudgeDelivery();
    return resolved;
  }),
  "conversations.close": consoleAction(conversationIdSchema, async ({ db, staff, now }, input) => {
    await setConversationClosed(db, staff, { conversationId: input.conversationId, closed: true }, now);
    return {};
  }),
  "conversations.reopen": consoleAction(conversationIdSchema, async ({ db, staff, now }, input) => {
    await setConversationClosed(db, staff, { conversationId: input.conversationId, closed: false }, now);
    return {};
  }),
  "canned.save": consoleAction(cannedAnswerSchema, ({ db, staff, now }, input) => saveCannedAnswer(db, staff, input, now)),
  "canned.delete": consoleAction(cannedAnswerDeleteSchema, async ({ db, staff, now }, input) => {
    await deleteCannedAnswer(db, staff, input.id, now);
    return {};
  }),
  "coupons.reissue": consoleAction(cancelCouponSchema, async ({ db, staff, now }, input) => {
    const ended = await endShopDiscountNow(db, input.couponId, now);
    if (!ended.ok) throw new ConsoleError("refused", "shopDiscountStillLive", { reason: ended.reason });
    return reissueCoupon(db, staff, input.couponId, input.reason, now);
  }),
  "program.earn-rule": consoleAction(earnRuleChangeSchema, ({ db, staff, now }, input) => saveEarnRule(db, staff, input.rule, effectiveFrom(input.effectiveFrom, now), now)),
  "program.tiers": consoleAction(tiersChangeSchema, async ({ db, staff, now }, { effectiveFrom: requested, ...change }) => {
    const from = effectiveFrom(requested, now);
    if (from > now) {
      await scheduleChange(db, staff, "tiers", change, from, now);
      return { scheduled: from.toISOString(), members: 0, floors: 0 };
    }
    await cancelScheduledChange(db, "tiers");
    await saveTiers(db, staff, change, now);
    return { scheduled: null, ...(await reevaluateTiers(db, now)) };
  }),
  "program.settings": consoleAction(programSettingsSchema, async ({ db, staff, now }, { effectiveFrom: requested, ...settings }) => {
    const from = effectiveFrom(requested, now);
    if (from > now) {
      await scheduleChange(db, staff, "settings", settings, from, now);
      return { scheduled: from.toISOString() };
    }
    await cancelScheduledChange(db, "settings");
    await saveProgramSettings(db, staff, settings, now);
    return { scheduled: null };
  }),
  "program.import": consoleAction(programDocumentSchema, async ({ db, staff, now }, input) => {
    const imported = await importProgram(db, staff, input, now);
    await reevaluateTiers(db, now);
    return imported;
  }),
  "program.setup": consoleAction(programSetupSchema, async ({ db, staff, now }, input) => {
    if ((await getProgramLaunch(db)).exists) throw new ConsoleError("conflict", "programExists");
    return importProgram(db, staff, programDocumentSchema.parse(defaultProgram(input.name)), now);
  }),
  "program.launch": consoleAction(z.object({}), async ({ db, staff, now }) => {
    await launchProgram(db, staff, now);
    return {};
  }),
  "tasks.save": consoleAction(taskDocumentSchema, ({ db, staff, now }, input) => saveTask(db, staff, input, now)),
  "program.challenges": consoleAction(challengesSchema, async ({ db, staff, now }, input) => {
    await saveChallenges(db, staff, input.challenges, now);
    return {};
  }),
  "journeys.save": consoleAction(journeySaveSchema, async ({ db, staff, now }, input) => {
    await saveJourney(db, staff, input.key, input.settings, now);
    return {};
  }),
  "campaigns.preview": consoleAction(campaignPreviewSchema, ({ db, now }, input) => previewAudience(db, input.segment, now)),
  "campaigns.create": consoleAction(campaignInputSchema, async ({ db, staff, now }, input) => {
    if (input.reward && !(await rewardExists(db, input.reward.id))) throw new ConsoleError("refused", "rewardNotFound");
    const created = await createCampaign(db, staff, input, now);
    // Due now (or within the minute): no need to wait for the next scheduled round.
    if (new Date(input.scheduledAt).getTime() <= now.getTime() + 60_000) runSoon(JOB_SCHEDULES.campaigns.name);
    return created;
  }),
  "campaigns.cancel": consoleAction(campaignCancelSchema, async ({ db, staff, now }, input) => {
    if (!(await cancelCampaign(db, staff, input.id, now))) throw new ConsoleError("conflict", "campaignNotCancellable");
    return {};
  }),
  "rewards.save": consoleAction(rewardSchema, ({ db, staff, now }, input) => saveReward(db, staff, input, now)),
  "rewards.codes": consoleAction(rewardCodesSchema, ({ db, staff, now }, input) => {
    if ((input.csv === undefined) === (input.generate === undefined)) throw new ConsoleError("refused", "codesSource");
    if (input.csv !== undefined) {
      // Checked here as well as in the query, so the refusal points at the form's CSV field.
      const parsed = parseCodeList(input.csv);
      if (parsed.invalid.length > 0) throw new ConsoleError("refused", "invalidCodes", { lines: parsed.invalid.slice(0, 5).map((l) => `${l.line}: ${l.value}`).join(", ") }, { pointer: "/csv" });
      if (parsed.codes.length === 0) throw new ConsoleError("refused", "noCodes", {}, { pointer: "/csv" });
    }
    return addRewardCodes(db, staff, input, now);
  }),
  "connectors.secret": consoleAction(connectorSecretSchema, async ({ db, staff }, input) => {
    const key = env().encryptionKey;
    if (!key) throw new ConsoleError("refused", "noEncryptionKey");
    await setConnectorSecret(db, staff, input.platform, input.secret, key);
    return { hint: input.secret.slice(-4) };
  }),
  "connectors.paid-statuses": consoleAction(connectorPaidStatusesSchema, async ({ db, staff }, input) => {
    await setPaidStatuses(db, staff, "woocommerce", input.statuses);
    return {};
  }),
  "connectors.test": consoleAction(connectorTestSchema, async ({ db }, input) => {
    const config = env();
    const secret = (await getConnectorSettings(db, input.platform, config.encryptionKey)).secret ?? config.connectorSecrets[input.platform];
    if (!secret) throw new ConsoleError("refused", "noConnectorSecret");
    if (!config.publicUrl) throw new ConsoleError("refused", "noPublicUrl");
    return sendTestDelivery(input.platform, config.publicUrl, secret);
  }),
  "connectors.discounts": consoleAction(connectorDiscountsSchema, async ({ db, staff }, input) => {
    const key = env().encryptionKey;
    if (!key) throw new ConsoleError("refused", "noEncryptionKey");
    const credentials: Record<string, string> | undefined =
      input.platform === "shopify" ? (input.accessToken ? { accessToken: input.accessToken } : undefined)
      : input.platform === "woocommerce" ? (input.consumerKey && input.consumerSecret ? { consumerKey: input.consumerKey, consumerSecret: input.consumerSecret } : undefined)
      : undefined;
    const adminUrl = input.platform === "shopware" || input.adminUrl === undefined ? undefined : input.adminUrl === "" ? null : adminBaseUrl(input.adminUrl)!.toString().replace(/\/$/, "");
    await saveDiscountSettings(db, staff, input.platform, { enabled: input.enabled, ...(adminUrl !== undefined && { adminUrl }), ...(credentials && { credentials }) }, key);
    return {};
  }),
  "connectors.discount-check": consoleAction(connectorDiscountCheckSchema, ({ db }, input) => checkDiscountAccess(db, input.platform)),
  "shop-api.secret": consoleAction(shopApiSecretSchema, async ({ db, staff, now }, input) => {
    const config = env();
    if (config.shopSecret) throw new ConsoleError("refused", "shopSecretFromEnv");
    if (!config.encryptionKey) throw new ConsoleError("refused", "noEncryptionKey");
    const secret = input.secret ?? generateShopSecret();
    await storeShopApiSecret(db, staff, secret, config.encryptionKey, now, input.endPrevious ? null : new Date(now.getTime() + SHOP_SECRET_GRACE_MS));
    // The one time the whole secret is shown: the console copies it into the shop, then only its end is.
    return { secret, hint: secret.slice(-4) };
  }),
  "shop-api.test": consoleAction(shopApiTestSchema, async ({ db, now }) => {
    const config = env();
    const secrets = await shopSecrets(now, db);
    if (!secrets) throw new ConsoleError("refused", "noShopSecret");
    if (!config.publicUrl) throw new ConsoleError("refused", "noPublicUrl");
    return sendTestEvent(config.publicUrl, secrets.signing, now);
  }),
  // Offered while TREUE_SHOP_SECRET is set: a stored secret would take over again once the variable is removed.
  "shop-api.secret-delete": consoleAction(shopApiSecretDeleteSchema, async ({ db, staff, now }) => {
    if (!env().shopSecret) throw new ConsoleError("refused", "storedShopSecretInUse");
    return { deleted: await deleteShopApiSecret(db, staff, now) };
  }),
  "storefront.add-origin": consoleAction(storefrontOriginInputSchema, async ({ db, staff, now }, input) => ({ origins: await addConsoleStorefrontOrigin(db, staff, input.origin, env().storefrontOrigins, now) })),
  "storefront.remove-origin": consoleAction(storefrontOriginInputSchema, async ({ db, staff, now }, input) => ({ origins: await removeConsoleStorefrontOrigin(db, staff, input.origin, now) })),
  "moderation.decide": consoleAction(moderationSchema, async ({ db, staff, now }, input) => {
    const decision = input.decision === "approve" ? ({ approve: true } as const) : ({ approve: false, reason: input.reason! } as const);
    const outcomes = [];
    for (const id of input.submissionIds) outcomes.push(await moderateSubmission(db, staff, id, decision, now));
    nudgeDelivery();
    return { decided: outcomes.filter((o) => o === "approved" || o === "rejected").length, skipped: outcomes.filter((o) => o === "already-decided" || o === "unknown").length };
  }),
  "staff.invite": consoleAction(staffInviteSchema, async ({ db, staff, now }, input) => {
    const invited = await inviteStaff(db, staff, input.email, input.role, env().ownerEmails, now);
    await sendStaffInvite(input.email, input.role, staff.name ?? staff.email);
    return invited;
  }),
  "staff.role": consoleAction(staffRoleSchema, async ({ db, staff, now }, input) => {
    await setStaffRole(db, staff, input.memberId, input.role, env().ownerEmails, now);
    return {};
  }),
  "jobs.retry": consoleAction(jobRetrySchema, async ({ db, staff, now }, input) => {
    const queue = jobQueue();
    if (!queue) throw new ConsoleError("conflict", "noJobQueue");
    const [run] = await listJobRuns(db, [input.job], { id: input.id });
    if (!run || run.state !== "failed") throw new ConsoleError("not-found", "jobNotFound");
    await queue.boss.retry(input.job, input.id);
    await writeAudit(db, staff, "jobs.retry", `job:${input.job}:${input.id}`, { state: run.state }, { state: "retry" }, now);
    return {};
  }),
  "till.book": consoleAction(tillBookSchema, async ({ db, staff, now }, input) => {
    const booked = await bookStorePurchase(db, staff, input, now);
    nudgeDelivery(); // the member's "you earned" message
    return booked;
  }),
  "till.redeem": consoleAction(tillRedeemSchema, ({ db, staff, now }, input) => redeemCouponAtTill(db, staff, input, now)),
} satisfies Record<ConsoleActionName, ConsoleAction>;

export function findConsoleAction(name: string): (ConsoleAction & { capability: Capability }) | undefined {
  if (!Object.hasOwn(consoleActionCapability, name)) return undefined;
  const action = consoleActions[name as ConsoleActionName] as ConsoleAction;
  return { ...action, capability: consoleActionCapability[name as ConsoleActionName] };
}
