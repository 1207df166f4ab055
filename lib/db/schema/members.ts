// Shoppers and staff, and how they sign in. (lib/db/schema/index.ts gathers every part.)
import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { memberRoles } from "../../loyalty/roles";
import { createdAt } from "./columns";

/** A shopper. Signing in creates one; a shop event may create one first, which sign-in then claims by e-mail. */
export const members = pgTable(
  "members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull().unique(),
    emailVerified: timestamp("email_verified", { withTimezone: true }),
    name: text("name"),
    image: text("image"),
    shopCustomerId: text("shop_customer_id").unique(),
    locale: text("locale"),
    /** "member" for shoppers; staff roles open the console (lib/console/roles.ts). */
    role: text("role", { enum: memberRoles }).notNull().default("member"),
    birthday: date("birthday"),
    pointsBalance: integer("points_balance").notNull().default(0),
    /** Points a refund could not take back because they were already spent; later earnings settle it first. */
    pointsDebt: integer("points_debt").notNull().default(0),
    /** The tier last recorded for the member (the standing itself is computed from orders). */
    tierId: text("tier_id"),
    tierKeptUntil: timestamp("tier_kept_until", { withTimezone: true }),
    /** A tier kept until tier_floor_until although the orders earn less: set when the shop changes its tiers. */
    tierFloorId: text("tier_floor_id"),
    tierFloorUntil: timestamp("tier_floor_until", { withTimezone: true }),
    /** The highest tier the shopper has been congratulated on, so a tier-up is celebrated once. */
    tierCelebratedId: text("tier_celebrated_id"),
    /** The number on the member's card (wallet pass, till): ten digits, the last a Luhn check digit (lib/loyalty/member-number.ts); made on first use. */
    memberNumber: text("member_number").unique(),
    /** The member's personal invite code (/r/CODE), made on first use. */
    referralCode: text("referral_code").unique(),
    /** Push categories the member switched off (lib/db/schema notificationCategories); offers stay off until asked for. */
    pushMuted: text("push_muted").array().notNull().default(sql`'{offers}'::text[]`),
    /** Categories the member switched off for e-mail (Profile, or an unsubscribe link). */
    emailMuted: text("email_muted").array().notNull().default(sql`'{}'::text[]`),
    /** Marketing e-mail (double opt-in): asked for at, then confirmed by the link in the confirmation mail. */
    marketingMailRequestedAt: timestamp("marketing_mail_requested_at", { withTimezone: true }),
    marketingMailConfirmedAt: timestamp("marketing_mail_confirmed_at", { withTimezone: true }),
    /** Mobile number (E.164) and when the member asked for texts instead of e-mail (its own opt-in). */
    phone: text("phone"),
    smsConsentAt: timestamp("sms_consent_at", { withTimezone: true }),
    /** WhatsApp to `phone`: when the member opted in on Profile, and the exact sentence they agreed to (proof of consent). STOP clears both. */
    whatsappConsentAt: timestamp("whatsapp_consent_at", { withTimezone: true }),
    whatsappConsentText: text("whatsapp_consent_text"),
    /** Set when the member's personal data was erased on request (GDPR); the ledger sums stay. */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("members_email_lower", sql`${t.email} = lower(${t.email})`),
    check("members_balance_non_negative", sql`${t.pointsBalance} >= 0`),
    check("members_debt_non_negative", sql`${t.pointsDebt} >= 0`),
    check("members_role_known", sql`${t.role} in ('member', 'owner', 'admin', 'support', 'moderator', 'store')`),
    check("members_number_format", sql`${t.memberNumber} is null or ${t.memberNumber} ~ '^[0-9]{10}$'`),
    // Staff search: prefix matches on e-mail and name stay index scans on 100,000 members.
    index("members_email_prefix_idx").using("btree", sql`${t.email} text_pattern_ops`),
    index("members_name_prefix_idx").using("btree", sql`lower(${t.name}) text_pattern_ops`),
    index("members_staff_idx").on(t.role).where(sql`${t.role} <> 'member'`),
    // Insights count members by sign-up and enrolment; migration 0009 makes it covering (INCLUDE id,
    // role, email_verified: none of them change with the balance, so ledger writes stay HOT updates).
    index("members_created_idx").on(t.createdAt),
    check("members_locale_known", sql`${t.locale} is null or ${t.locale} in ('de', 'en')`),
  ],
);

/** next-auth: a member's link to an external identity provider (the shop's OIDC). */
export const accounts = pgTable(
  "accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refreshToken: text("refresh_token"),
    accessToken: text("access_token"),
    expiresAt: integer("expires_at"),
    tokenType: text("token_type"),
    scope: text("scope"),
    idToken: text("id_token"),
    sessionState: text("session_state"),
  },
  (t) => [unique("accounts_provider_account").on(t.provider, t.providerAccountId), index("accounts_member_idx").on(t.memberId)],
);

/** next-auth: pending magic links (the token is stored hashed by next-auth). */
export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/**
 * "Open my loyalty app" from the shop's pages (lib/storefront/handover.ts): a one-time token the
 * app exchanges for its own session, good for two minutes and once. Only its SHA-256 is kept, so
 * the table never holds a usable token.
 */
export const storefrontHandovers = pgTable(
  "storefront_handovers",
  {
    tokenHash: text("token_hash").primaryKey(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("storefront_handovers_expires").on(t.expiresAt)],
);
