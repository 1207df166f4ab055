// The demo shop: a German outdoor and bike shop with a program, a shopper with a history and
// a staff account. Safe to run on every start: every row has a fixed key and is only inserted once.
import { sql } from "drizzle-orm";
import { env } from "../env";
import { parseEarnRule, type OrderLine } from "../loyalty/earn-rule";
import { expiresAt } from "../loyalty/expiry";
import { orderEarnKey, orderSource } from "../loyalty/ledger-keys";
import { creditOrder, type CreditRules } from "../loyalty/order-credit";
import { cliSurveyTemplate } from "../loyalty/survey-templates";
import { parseTierRule, type QualifyingOrder } from "../loyalty/tier-standing";
import type { Database, Tx } from "./connect";
import { forgetProgramConfig, getProgramConfig } from "./queries/program";
import { settleTiersIn } from "./queries/tiers";
import { couponCodes, coupons, earnRuleVersions, ledgerEntries, members, orders, programs, referrals, rewards, taskSubmissions, tasks, tiers } from "./schema";

import { PROGRAM_ID as DEMO_PROGRAM_ID } from "./program-id";
export const DEMO_SHOPPER = { email: "anna@demo.treue.shop", name: "Anna Berg", shopCustomerId: "cust_1001" };
/** A second shopper with another basket (tents, not bikes and clothes): Home and the catalog fit each of them. */
export const DEMO_CAMPER = { email: "ben@demo.treue.shop", name: "Ben Kraus", shopCustomerId: "cust_1002" };
/** The demo's moderator (reviews and photos only) and its owner (the whole console). */
export const DEMO_STAFF = { email: "team@demo.treue.shop", name: "Jonas (Team Gipfelglück)" };
export const DEMO_OWNER = { email: "owner@demo.treue.shop", name: "Lea Gipfel (Inhaberin)" };
/** The demo store's till (Console → Kasse only): finds shoppers by their card, books in-store purchases, redeems coupons. */
export const DEMO_TILL = { email: "kasse@demo.treue.shop", name: "Kasse Laden München" };

const earnRule = { pointsPerUnit: 1, excludedCategories: ["gift-cards"] };
const referralRule = { referrerPoints: 250, friendDiscountCents: 1_000, friendMinOrderCents: 5_000, qualifyingOrderCents: 5_000, returnWindowDays: 14 };
const demoBranding = {
  shopName: "Gipfelglück Outdoor",
  shopUrl: "https://gipfelglueck.example",
  primaryColor: "#136441",
  imprintUrl: "https://gipfelglueck.example/impressum",
  privacyUrl: "https://gipfelglueck.example/datenschutz",
};
const DEMO_REFERRAL_CODE = "ANNA7KM";
const challenges = [
  { id: "reviews-month", title: { de: "3 Bewertungen diesen Monat", en: "3 reviews this month" }, taskKind: "product_review", target: 3, period: "month", bonusPoints: 100 },
  { id: "follow-all", title: { de: "Folge uns überall", en: "Follow us everywhere" }, taskKind: "social_follow", target: 2, period: "month", bonusPoints: 25 },
];

const demoTiers = [
  { id: "bronze", name: { de: "Bronze", en: "Bronze" }, thresholdCents: 0, multiplierPercent: 100, position: 1, benefits: {} },
  { id: "silber", name: { de: "Silber", en: "Silver" }, thresholdCents: 25_000, multiplierPercent: 125, position: 2, benefits: { freeShipping: true } },
  {
    id: "gold",
    name: { de: "Gold", en: "Gold" },
    thresholdCents: 75_000,
    multiplierPercent: 150,
    position: 3,
    benefits: { freeShipping: true, exclusiveRewards: true, earlyAccess: true },
  },
];

const demoRewards: Omit<typeof rewards.$inferInsert, "programId">[] = [
  {
    id: "shipping",
    kind: "free_shipping",
    pointsCost: 150,
    name: { de: "Gratis Versand", en: "Free shipping" },
    description: { de: "Für deine nächste Bestellung, ganz ohne Mindestbestellwert.", en: "On your next order, no minimum." },
    image: "/rewards/shipping.svg",
    position: 1,
  },
  {
    id: "eur5",
    kind: "amount_off",
    pointsCost: 250,
    valueCents: 500,
    minOrderCents: 5_000,
    name: { de: "5 € Rabatt", en: "€5 off" },
    description: { de: "Auf deine nächste Bestellung ab 50 €.", en: "On your next order of €50 or more." },
    image: "/rewards/amount.svg",
    position: 2,
  },
  {
    id: "punkte-rabatt",
    kind: "points_off",
    pointsCost: 100,
    stepValueCents: 100,
    minValueCents: 500,
    maxValueCents: 5_000,
    name: { de: "Punkte in Rabatt", en: "Points into money off" },
    description: { de: "100 Punkte = 1 € Rabatt. Du wählst, wie viel: 5 bis 50 € auf deine nächste Bestellung.", en: "100 points = €1 off. You choose how much: €5 to €50 off your next order." },
    image: "/rewards/points.svg",
    position: 2,
  },
  {
    id: "early",
    kind: "sale_access",
    pointsCost: 300,
    name: { de: "Früher Zugang zum Winter-Sale", en: "Early access to the winter sale" },
    description: { de: "48 Stunden vor allen anderen shoppen. Ab Silber.", en: "Shop 48 hours before everyone else. Silver and up." },
    image: "/rewards/sale.svg",
    couponValidDays: 14,
    minTierId: "silber",
    stock: 100,
    position: 3,
  },
  {
    id: "bottle",
    kind: "free_product",
    pointsCost: 400,
    sku: "FLASCHE-075",
    name: { de: "Trinkflasche Gipfelglück", en: "Gipfelglück water bottle" },
    description: { de: "Edelstahl, 0,75 l, gratis zu deiner nächsten Bestellung. Solange der Vorrat reicht.", en: "Steel, 0.75 l, free with your next order while stocks last." },
    image: "/rewards/product.svg",
    stock: 25,
    perMemberLimit: 1,
    category: "bike",
    position: 4,
  },
  {
    id: "zeltlampe",
    kind: "free_product",
    pointsCost: 350,
    sku: "ZELTLAMPE-USB",
    name: { de: "Zeltlampe mit USB", en: "USB tent lamp" },
    description: { de: "Hängt im Zelt, lädt am Powerbank. Gratis zu deiner nächsten Bestellung.", en: "Hangs in the tent, charges from a power bank. Free with your next order." },
    image: "/rewards/product.svg",
    perMemberLimit: 1,
    category: "zelte",
    position: 4,
  },
  {
    id: "pct10",
    kind: "percent_off",
    pointsCost: 600,
    percentOff: 10,
    name: { de: "10 % auf alles", en: "10% off everything" },
    description: { de: "Einmal einlösbar, auch im Sale.", en: "Once, sale items included." },
    image: "/rewards/percent.svg",
    perMemberLimit: 1,
    position: 5,
  },
  {
    id: "eur20",
    kind: "amount_off",
    pointsCost: 900,
    valueCents: 2_000,
    minOrderCents: 15_000,
    name: { de: "20 € Rabatt", en: "€20 off" },
    description: { de: "Auf deine nächste Bestellung ab 150 €.", en: "On your next order of €150 or more." },
    image: "/rewards/amount.svg",
    usesCodePool: true,
    position: 6,
  },
  {
    id: "gold25",
    kind: "percent_off",
    pointsCost: 1_200,
    percentOff: 25,
    name: { de: "25 % auf einen Rucksack", en: "25% off a backpack" },
    description: { de: "Exklusiv für Gold-Mitglieder.", en: "Exclusive to Gold members." },
    image: "/rewards/percent.svg",
    minTierId: "gold",
    category: "bags",
    position: 7,
  },
];

/** The shop's own codes for the 20 € reward (as if uploaded from its shop system). */
const demoPoolCodes = Array.from({ length: 40 }, (_, i) => ({ rewardId: "eur20", code: `GG20-${(7_301 + i * 37).toString(36).toUpperCase()}` }));

const label = (de: string, en: string) => ({ de, en });
const demoTasks = [
  {
    id: "review",
    kind: "product_review",
    points: 50,
    title: label("Produkt bewerten", "Review a product"),
    description: label("Erzähl anderen, wie sich dein Kauf draußen schlägt.", "Tell others how your purchase does outdoors."),
    config: { dailyCap: 3, minTextLength: 40 },
    position: 1,
  },
  {
    id: "photo",
    kind: "photo_upload",
    points: 75,
    title: label("Foto hochladen", "Upload a photo"),
    description: label("Zeig uns deine Ausrüstung im Einsatz – am liebsten dein Zelt am Lagerplatz.", "Show us your gear in action – best of all your tent at camp."),
    config: { dailyCap: 2, maxPerMember: 10, category: "zelte" },
    position: 2,
  },
  {
    id: "nps",
    kind: "survey",
    points: 30,
    title: label("Kurze Umfrage", "Quick survey"),
    description: label("Zwei Fragen, eine Minute.", "Two questions, one minute."),
    config: {
      // Asked again each quarter: one answer per shopper and quarter feeds the NPS trend.
      repeatEvery: "quarter",
      questions: [
        { id: "nps", type: "nps", label: label("Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?", "How likely are you to recommend us?") },
        { id: "why", type: "text", label: label("Was ist der wichtigste Grund für Ihre Bewertung?", "What is the main reason for your score?"), maxLength: 1_000 },
      ],
    },
    position: 3,
  },
  {
    id: "treue-index",
    kind: "survey",
    points: 30,
    title: label("Drei Fragen an dich", "Three questions for you"),
    description: label("Wie treu bist du uns? Eine Minute.", "How loyal are you? One minute."),
    config: { repeatEvery: "quarter", questions: cliSurveyTemplate },
    position: 4,
  },
  { id: "profile", kind: "profile_completion", points: 25, title: label("Profil vervollständigen", "Complete your profile"), config: {}, position: 4 },
  { id: "birthday", kind: "birthday", points: 100, title: label("Geburtstagsbonus", "Birthday bonus"), config: {}, position: 5 },
  { id: "newsletter", kind: "newsletter", points: 20, title: label("Newsletter abonnieren", "Join the newsletter"), config: {}, position: 6 },
  {
    id: "social",
    kind: "social_follow",
    points: 15,
    title: label("Folge uns", "Follow us"),
    config: {
      dailyCap: 2,
      socialLinks: [
        { network: "Instagram", url: "https://www.instagram.com/" },
        { network: "YouTube", url: "https://www.youtube.com/" },
      ],
    },
    position: 7,
  },
];

type DemoOrder = { shopOrderId: string; daysAgo: number; items: { sku: string; name: string; quantity: number; unit_price_cents: number; category: string }[] };

const demoOrders: DemoOrder[] = [
  { shopOrderId: "1038", daysAgo: 240, items: [{ sku: "HELM-AIR-M", name: "Fahrradhelm Air M", quantity: 1, unit_price_cents: 8_999, category: "bike" }] },
  {
    shopOrderId: "1039",
    daysAgo: 190,
    items: [
      { sku: "SCHUH-TREK-42", name: "Trekkingschuh Alpin 42", quantity: 1, unit_price_cents: 15_995, category: "shoes" },
      { sku: "SOCKE-MERINO", name: "Merino-Wandersocken", quantity: 2, unit_price_cents: 1_995, category: "apparel" },
    ],
  },
  { shopOrderId: "1040", daysAgo: 120, items: [{ sku: "LAMPE-USB", name: "Fahrradlicht-Set USB", quantity: 1, unit_price_cents: 3_490, category: "bike" }] },
  { shopOrderId: "1041", daysAgo: 45, items: [{ sku: "JACKE-HARD-W", name: "Hardshell-Jacke Damen", quantity: 1, unit_price_cents: 21_900, category: "apparel" }] },
  { shopOrderId: "1042", daysAgo: 6, items: [{ sku: "RUCK-28", name: "Tagesrucksack 28 l", quantity: 1, unit_price_cents: 4_299, category: "bags" }] },
];

const camperOrders: DemoOrder[] = [
  {
    shopOrderId: "1101",
    daysAgo: 70,
    items: [
      { sku: "ZELT-2", name: "Zelt Duo", quantity: 1, unit_price_cents: 19_900, category: "zelte" },
      { sku: "ISOMATTE-L", name: "Isomatte Komfort L", quantity: 1, unit_price_cents: 5_990, category: "zelte" },
    ],
  },
  { shopOrderId: "1102", daysAgo: 12, items: [{ sku: "HERINGE-ALU", name: "Alu-Heringe (12 Stück)", quantity: 1, unit_price_cents: 1_490, category: "zelte" }] },
];

type DemoRules = CreditRules<(typeof demoTiers)[number]>;

/** The demo program's rules as the app applies them (lib/loyalty/order-credit.ts): one earn-rule version, the default tier rule. */
function demoCreditRules(): DemoRules {
  const rule = parseEarnRule(earnRule);
  return { ruleAt: () => ({ rule, version: 1 }), tierRule: parseTierRule({}, env().timezone), tiers: demoTiers };
}

/**
 * One past order, credited as the shop's events would have credited it: the one crediting rule,
 * the ledger's own keys. Returns the order for the customer's history, or null when it was seeded
 * on an earlier start.
 */
async function creditDemoOrder(tx: Tx, rules: DemoRules, memberId: string, history: QualifyingOrder[], order: { shopOrderId: string; items: OrderLine[]; subtotalCents: number; paidAt: Date }) {
  const credit = creditOrder(rules, history, order, order.paidAt);
  history.push({ paidAt: order.paidAt, netCents: order.subtotalCents });
  const [placed] = await tx
    .insert(orders)
    .values({ memberId, shopOrderId: order.shopOrderId, currency: "EUR", subtotalCents: order.subtotalCents, items: order.items, paidAt: order.paidAt, pointsEarned: credit.points, ruleVersion: credit.ruleVersion })
    .onConflictDoNothing()
    .returning({ id: orders.id });
  if (!placed) return null;
  if (credit.points > 0) {
    await tx.insert(ledgerEntries).values({
      memberId,
      delta: credit.points,
      kind: "earn_order",
      sourceRef: orderSource(order.shopOrderId),
      idempotencyKey: orderEarnKey(order.shopOrderId),
      createdAt: order.paidAt,
      expiresAt: credit.expiresAt,
      ruleVersion: credit.ruleVersion,
    });
  }
  return placed;
}

/** A shopper's past orders with the points each earned, as the shop's events would have credited them. */
async function seedOrders(tx: Tx, rules: DemoRules, memberId: string, list: DemoOrder[], now: Date) {
  const history: QualifyingOrder[] = [];
  for (const order of [...list].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const paidAt = new Date(now.getTime() - order.daysAgo * 86_400_000);
    const subtotalCents = order.items.reduce((sum, item) => sum + item.quantity * item.unit_price_cents, 0);
    await creditDemoOrder(tx, rules, memberId, history, { shopOrderId: order.shopOrderId, items: order.items, subtotalCents, paidAt });
  }
}

/** A free-shipping coupon Anna redeemed and used between orders, so the wallet has a history. */
async function seedUsedCoupon(tx: Tx, memberId: string, now: Date) {
  const issuedAt = new Date(now.getTime() - 100 * 86_400_000);
  const shipping = demoRewards.find((r) => r.id === "shipping")!;
  const [coupon] = await tx
    .insert(coupons)
    .values({
      memberId,
      rewardId: "shipping",
      code: "TREUE-DEMO-VERS-AND1",
      requestId: "demo-redemption",
      pointsCost: shipping.pointsCost,
      terms: { kind: "free_shipping", name: shipping.name, valueCents: null, percentOff: null, sku: null, minOrderCents: null },
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + 30 * 86_400_000),
      usedAt: new Date(issuedAt.getTime() + 3 * 86_400_000),
      usedOrderId: "1040-2",
    })
    .onConflictDoNothing()
    .returning({ id: coupons.id });
  if (!coupon) return; // seeded on an earlier start
  await tx.insert(ledgerEntries).values({
    memberId,
    delta: -shipping.pointsCost,
    kind: "redeem",
    sourceRef: "reward:shipping",
    idempotencyKey: `redeem:${coupon.id}`,
    createdAt: issuedAt,
  });
}

const demoFriends = [
  // Ordered 55 days ago: the return window is long over, Anna got her points.
  { email: "jonas.becker@example.com", name: "Jonas Becker", joinedDaysAgo: 60, order: { id: "2001", daysAgo: 55, cents: 8_990 } },
  // Ordered 5 days ago: Anna's points are pending for another 9 days.
  { email: "lena.wolf@example.com", name: "Lena Wolf", joinedDaysAgo: 8, order: { id: "2002", daysAgo: 5, cents: 6_450 } },
  // Signed up, has not ordered yet.
  { email: "max.roth@example.com", name: "Max Roth", joinedDaysAgo: 2, order: null },
];

/** Anna's invitations: one rewarded, one pending, one joined without an order. */
async function seedReferrals(tx: Tx, referrerId: string, now: Date) {
  const at = (days: number) => new Date(now.getTime() - days * 86_400_000);
  for (const friend of demoFriends) {
    const [member] = await tx.insert(members).values({ email: friend.email, name: friend.name, locale: "de" }).onConflictDoNothing().returning({ id: members.id });
    if (!member) continue; // seeded on an earlier start
    const referral = { referrerId, friendId: member.id, friendEmail: friend.email, claimedAt: at(friend.joinedDaysAgo), joinedAt: at(friend.joinedDaysAgo) };
    if (!friend.order) {
      await tx.insert(referrals).values({ ...referral, status: "joined" });
      continue;
    }
    const paidAt = at(friend.order.daysAgo);
    const order = await creditDemoOrder(tx, demoCreditRules(), member.id, [], { shopOrderId: friend.order.id, items: [], subtotalCents: friend.order.cents, paidAt });
    if (!order) continue;
    const pendingUntil = new Date(paidAt.getTime() + referralRule.returnWindowDays * 86_400_000);
    const rewarded = pendingUntil <= now;
    const [row] = await tx
      .insert(referrals)
      .values({
        ...referral,
        status: rewarded ? "rewarded" : "pending",
        qualifyingOrderId: order!.id,
        points: referralRule.referrerPoints,
        qualifiedAt: paidAt,
        pendingUntil,
        rewardedAt: rewarded ? pendingUntil : null,
      })
      .returning({ id: referrals.id });
    if (rewarded) {
      await tx.insert(ledgerEntries).values({
        memberId: referrerId,
        delta: referralRule.referrerPoints,
        kind: "referral",
        sourceRef: `referral:${row!.id}`,
        idempotencyKey: `referral:${row!.id}`,
        createdAt: pendingUntil,
        expiresAt: new Date(pendingUntil.getTime() + 365 * 86_400_000),
      });
    }
  }
}

/** Anna's tasks: the newsletter done, a review approved, another waiting for the staff. */
async function seedTaskHistory(tx: Tx, memberId: string, now: Date) {
  const at = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const [staff] = await tx.select({ id: members.id }).from(members).where(sql`${members.email} = ${DEMO_STAFF.email}`);
  const history = [
    { clientId: "demo-newsletter", taskId: "newsletter", kind: "newsletter", status: "completed" as const, payload: { optIn: true }, points: 20, createdAt: at(200) },
    {
      clientId: "demo-review-rucksack",
      taskId: "review",
      kind: "product_review",
      status: "approved" as const,
      productSku: "RUCK-28",
      payload: { rating: 5, productName: "Tagesrucksack 28 l", text: "Leicht, sitzt auch voll bepackt gut und hat ein eigenes Fach für die Trinkblase. Klare Empfehlung." },
      points: 50,
      createdAt: at(4),
      decidedAt: at(3),
      decidedBy: staff?.id ?? null,
    },
    {
      clientId: "demo-review-jacke",
      taskId: "review",
      kind: "product_review",
      status: "in_review" as const,
      productSku: "JACKE-HARD-W",
      payload: { rating: 4, productName: "Hardshell-Jacke Damen", text: "Hält Regen und Wind zuverlässig ab, die Kapuze passt über den Helm. Ärmel könnten länger sein." },
      points: 50,
      createdAt: at(1),
    },
  ];
  for (const item of history) {
    const [row] = await tx.insert(taskSubmissions).values({ memberId, ...item }).onConflictDoNothing().returning();
    if (!row || (row.status !== "completed" && row.status !== "approved")) continue;
    await tx.insert(ledgerEntries).values({
      memberId,
      delta: row.points,
      kind: "earn_task",
      sourceRef: `task:${row.taskId}`,
      idempotencyKey: `task:${row.id}`,
      createdAt: row.decidedAt ?? row.createdAt,
      expiresAt: new Date((row.decidedAt ?? row.createdAt).getTime() + 365 * 86_400_000),
    });
  }
}

const historyCategories = [
  ["ZELT-2P", "Zelt Trekking 2P", "zelte", 24_900],
  ["JACKE-HARD-M", "Hardshell-Jacke Herren", "apparel", 21_900],
  ["SCHUH-TREK-44", "Trekkingschuh Alpin 44", "shoes", 15_995],
  ["RUCK-28", "Tagesrucksack 28 l", "bags", 4_299],
  ["LAMPE-USB", "Fahrradlicht-Set USB", "bike", 3_490],
  ["SOCKE-MERINO", "Merino-Wandersocken", "apparel", 1_995],
] as const;

/**
 * Twenty-four more customers with a year of orders, some signed in to Treue and some not, and their
 * NPS and loyalty-index answers: enough history for every chart in the console's insights. The
 * numbers come from a fixed formula, so every start seeds the same shop.
 */
async function seedShopHistory(tx: Tx, rules: DemoRules, now: Date) {
  const day = 86_400_000;
  for (let i = 1; i <= 24; i++) {
    const email = `kunde${String(i).padStart(2, "0")}@demo.treue.shop`;
    const enrolled = i % 3 !== 0;
    const joined = new Date(now.getTime() - (380 - i * 7) * day);
    const [member] = await tx
      .insert(members)
      .values({ email, name: `Demo-Kund:in ${i}`, shopCustomerId: `cust_${2000 + i}`, locale: "de", emailVerified: enrolled ? joined : null, createdAt: joined })
      .onConflictDoNothing()
      .returning({ id: members.id });
    if (!member) continue; // seeded on an earlier start
    // Enrolled customers order more often: the program's effect the insights should show.
    const count = enrolled ? 2 + (i % 4) : 1 + (i % 2);
    const history: QualifyingOrder[] = [];
    for (let k = 0; k < count; k++) {
      const daysAgo = Math.max(1, 360 - i * 11 - k * 47);
      const paidAt = new Date(now.getTime() - daysAgo * day);
      const a = historyCategories[(i + k) % historyCategories.length]!;
      const b = historyCategories[(i * 2 + k) % historyCategories.length]!;
      const items = [a, ...(k % 2 === 1 ? [b] : [])].map(([sku, name, category, price]) => ({ sku, name, category, quantity: 1, unit_price_cents: price }));
      const subtotalCents = items.reduce((sum, item) => sum + item.unit_price_cents, 0);
      await creditDemoOrder(tx, rules, member.id, history, { shopOrderId: `H${i}-${k}`, items, subtotalCents, paidAt });
    }
    if (enrolled) {
      const answeredAt = new Date(now.getTime() - ((i * 13) % 170) * day - day);
      const score = [10, 9, 9, 8, 7, 10, 6, 9, 3, 10, 8, 9][i % 12]!;
      const answers = [
        { taskId: "nps", answers: { nps: score }, key: "nps" },
        { taskId: "treue-index", answers: { cli_recommend: score, cli_buy_again: Math.min(10, score + 1), cli_try_other: Math.max(0, score - 2) }, key: "cli" },
      ];
      for (const a of answers) {
        const [submission] = await tx
          .insert(taskSubmissions)
          .values({ memberId: member.id, taskId: a.taskId, kind: "survey", clientId: `demo-${a.key}-${i}`, status: "completed", payload: { answers: a.answers }, points: 30, createdAt: answeredAt, decidedAt: answeredAt })
          .onConflictDoNothing()
          .returning({ id: taskSubmissions.id });
        if (submission) await tx.insert(ledgerEntries).values({ memberId: member.id, delta: 30, kind: "earn_task", sourceRef: `task:${a.taskId}`, idempotencyKey: `task:${submission.id}`, createdAt: answeredAt, expiresAt: expiresAt(answeredAt, rules.ruleAt(answeredAt).rule.pointsValidMonths, rules.tierRule.timeZone) });
      }
    }
  }
}

export async function seedDemo(db: Database, now = new Date()): Promise<{ shopperBalance: number }> {
  const seeded = await db.transaction(async (tx) => {
    const programStart = new Date(now.getTime() - 400 * 86_400_000);
    await tx
      .insert(programs)
      .values({ id: DEMO_PROGRAM_ID, name: "Gipfelglück Outdoor", currency: "EUR", earnRule, referralRule, challenges, branding: demoBranding, launchedAt: programStart, createdAt: programStart })
      .onConflictDoNothing();
    await tx.insert(earnRuleVersions).values({ version: 1, programId: DEMO_PROGRAM_ID, rule: earnRule, effectiveFrom: programStart }).onConflictDoNothing();
    // Seeded once: from then on the console owns the program, and a restart must not undo its changes.
    await tx.insert(tiers).values(demoTiers.map((tier) => ({ ...tier, programId: DEMO_PROGRAM_ID }))).onConflictDoNothing();
    await tx.insert(rewards).values(demoRewards.map((reward) => ({ ...reward, programId: DEMO_PROGRAM_ID }))).onConflictDoNothing();
    await tx.insert(couponCodes).values(demoPoolCodes).onConflictDoNothing();
    await tx.insert(tasks).values(demoTasks.map((task) => ({ ...task, programId: DEMO_PROGRAM_ID }))).onConflictDoNothing();

    await tx
      .insert(members)
      .values([
        { ...DEMO_SHOPPER, birthday: "1990-05-14", locale: "de", referralCode: DEMO_REFERRAL_CODE },
        { email: DEMO_STAFF.email, name: DEMO_STAFF.name, role: "moderator", locale: "de" },
        { email: DEMO_OWNER.email, name: DEMO_OWNER.name, role: "owner", locale: "de" },
        { email: DEMO_TILL.email, name: DEMO_TILL.name, role: "store", locale: "de" },
      ])
      .onConflictDoNothing();
    const [shopper] = await tx
      .select({ id: members.id })
      .from(members)
      .where(sql`${members.email} = ${DEMO_SHOPPER.email}`);
    if (!shopper) throw new Error("demo shopper missing after seeding");

    const rules = demoCreditRules();
    await seedOrders(tx, rules, shopper.id, demoOrders, now);
    const [camper] = await tx
      .insert(members)
      .values({ ...DEMO_CAMPER, locale: "de", emailVerified: new Date(now.getTime() - 70 * 86_400_000) })
      .onConflictDoNothing()
      .returning({ id: members.id });
    if (camper) await seedOrders(tx, rules, camper.id, camperOrders, now);
    await seedUsedCoupon(tx, shopper.id, now);
    await seedReferrals(tx, shopper.id, now);
    await seedTaskHistory(tx, shopper.id, now);
    await seedShopHistory(tx, rules, now);
    const [balance] = await tx
      .select({ points: members.pointsBalance })
      .from(members)
      .where(sql`${members.id} = ${shopper.id}`);
    return { shopperBalance: balance?.points ?? 0 };
  });
  forgetProgramConfig(db);
  // The history makes tiers, as the shop's events would have recorded them.
  const customers = await db.select({ id: members.id }).from(members).where(sql`${members.role} = 'member' and exists (select 1 from orders o where o.member_id = ${members.id})`);
  const config = await getProgramConfig(db);
  await db.transaction((tx) => settleTiersIn(tx, config, customers.map((c) => c.id), now));
  return seeded;
}
