"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useRef, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { ConsoleProblem, getConsoleJson } from "@/lib/console/client";
import type { TillLookup } from "@/lib/server/till/find-member";
import type { TillBooking } from "@/lib/server/till/book-purchase";
import type { TillRedemption } from "@/lib/server/till/redeem-coupon";
import { currencySymbol, formatMoney } from "@/lib/i18n/money";
import { formatMemberNumber } from "@/lib/loyalty/member-number";
import { RECEIPT_MAX, STORE_NAME_MAX } from "@/lib/loyalty/till";
import { centsFromText } from "@/lib/validations/form-input";
import { tillBookSchema, tillRedeemSchema, tillStore } from "@/lib/validations/till";
import { FormErrorSummary } from "../form-error-summary";
import { useConsoleAction } from "../use-console-action";
import { CardScanner } from "./card-scanner";

/** Where this device keeps its store's name between visits. */
const STORE_KEY = "treue.till.store";
const STORE_EVENT = "treue:till-store";
/** The device's store: read after hydration, kept in step when it changes here or in another tab. */
function subscribeStore(changed: () => void) {
  window.addEventListener(STORE_EVENT, changed);
  window.addEventListener("storage", changed);
  return () => {
    window.removeEventListener(STORE_EVENT, changed);
    window.removeEventListener("storage", changed);
  };
}
const readStore = () => window.localStorage.getItem(STORE_KEY) ?? "";
const bigInput = `${inputClasses} min-h-12 text-base`;
const bigButton = "min-h-12 px-5 text-base";

/**
 * The till on a tablet: the store (remembered on the device), finding the member by card or code,
 * booking the purchase, redeeming a coupon. Each step says what went wrong in words staff can act on.
 */
export function TillDesk({ currency }: { currency: string }) {
  const t = useTranslations("console.till");
  const format = useFormatter();
  const locale = useLocale();
  const store = useSyncExternalStore(subscribeStore, readStore, () => null);
  const [found, setFound] = useState<TillLookup | null>(null);
  const [booked, setBooked] = useState<TillBooking | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const saveStore = (name: string) => {
    window.localStorage.setItem(STORE_KEY, name);
    window.dispatchEvent(new Event(STORE_EVENT));
  };

  const nextCustomer = () => {
    setFound(null);
    setBooked(null);
    searchRef.current?.focus();
  };

  const points = (n: number) => t("pointsValue", { points: n });
  return (
    <div className="space-y-4">
      <StoreBar store={store} onSave={saveStore} />
      <div className="grid gap-4 md:grid-cols-2 md:items-start">
        <div className="space-y-4">
          <FindMember
            inputRef={searchRef}
            onFound={(lookup) => {
              setFound(lookup);
              setBooked(null);
            }}
          />
          {found && (
            <section aria-labelledby="till-member-title" data-testid="till-member" className="rounded-3xl border border-brand-200 bg-white p-5 shadow-sm md:p-6">
              <p className="text-xs font-medium tracking-wide text-stone-600 uppercase">{t("member")}</p>
              <h2 id="till-member-title" className="mt-1 text-xl font-semibold text-stone-900" data-testid="till-member-name">
                {found.member.name ?? t("noName")}
              </h2>
              <p className="truncate text-sm text-stone-600">
                {found.member.email}
                {found.member.memberNumber && <> · {formatMemberNumber(found.member.memberNumber)}</>}
              </p>
              <dl className="mt-4 grid grid-cols-2 gap-3">
                <div className="rounded-2xl bg-brand-50 px-4 py-3">
                  <dt className="text-xs font-medium text-brand-800">{t("balance")}</dt>
                  <dd className="mt-0.5 text-xl font-bold whitespace-nowrap text-stone-900 tabular-nums sm:text-2xl" data-testid="till-balance">
                    {points(found.member.balance)}
                  </dd>
                </div>
                <div className="rounded-2xl bg-stone-100 px-4 py-3">
                  <dt className="text-xs font-medium text-stone-700">{t("tier")}</dt>
                  <dd className="mt-0.5 text-lg font-semibold text-stone-900">{found.member.tier ? found.member.tier.name[locale === "en" ? "en" : "de"] : t("noTier")}</dd>
                </div>
              </dl>
            </section>
          )}
        </div>
        <div className="space-y-4">
          <BookPurchase
            key={found?.member.id ?? "none"}
            memberId={found?.member.id ?? null}
            store={store ?? ""}
            currency={currency}
            booked={booked}
            onBooked={(booking) => {
              setBooked(booking);
              // The new balance at once; a tier the purchase reached, by the name the booking answered.
              setFound((f) => {
                if (!f || f.member.id !== booking.memberId) return f;
                const tier = booking.tier === null ? null : booking.tier.id === f.member.tier?.id ? f.member.tier : { id: booking.tier.id, name: { de: booking.tier.name, en: booking.tier.name } };
                return { ...f, member: { ...f.member, balance: booking.balance, tier } };
              });
            }}
            onNext={nextCustomer}
          />
          {found && (
            <Coupons
              lookup={found}
              store={store ?? ""}
              onRedeemed={(code) => setFound((f) => (f ? { ...f, member: { ...f.member, coupons: f.member.coupons.filter((c) => c.code !== code) } } : f))}
              formatDate={(iso) => format.dateTime(new Date(iso), { dateStyle: "medium" })}
            />
          )}
        </div>
      </div>
      <p className="sr-only" aria-live="polite">
        {booked ? t("booked", { amount: formatMoney(locale, booked.amountCents, booked.currency), receipt: booked.receipt, points: booked.points }) : ""}
      </p>
    </div>
  );
}

/** The store this till stands in: asked once, then one quiet line with "change". */
function StoreBar({ store, onSave }: { store: string | null; onSave: (name: string) => void }) {
  const t = useTranslations("console.till");
  const tConsole = useTranslations("console");
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | undefined>();
  if (store === null) return <div className="h-12" aria-hidden="true" />; // the device's choice is read after the first paint
  if (store && !editing) {
    return (
      <p className="flex min-h-12 flex-wrap items-center gap-x-3 gap-y-1 rounded-2xl border border-stone-200 bg-white px-4 text-sm" data-testid="till-store">
        <span className="text-stone-600">{t("storeCurrent")}:</span>
        <span className="font-semibold text-stone-900">{store}</span>
        <button
          type="button"
          className="ml-auto inline-flex min-h-11 items-center px-2 font-semibold text-brand-800 hover:underline"
          onClick={() => {
            setName(store);
            setEditing(true);
          }}
        >
          {t("storeChange")}
        </button>
      </p>
    );
  }
  const save = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = tillStore.safeParse(name);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(issue?.code === "too_small" ? tConsole("validation.required") : t("storeInvalid"));
      return;
    }
    setError(undefined);
    onSave(parsed.data);
    setEditing(false);
  };
  return (
    <form onSubmit={save} noValidate className="flex flex-wrap items-end gap-3 rounded-3xl border border-gold-300 bg-gold-300/20 p-4">
      <Field required id="till-store" label={t("store")} hint={t("storeHint")} error={error} className="min-w-56 flex-1">
        <input {...describedBy("till-store", { hint: true, error })} value={name} onChange={(e) => setName(e.target.value)} maxLength={STORE_NAME_MAX} autoComplete="off" className={bigInput} />
      </Field>
      <Button type="submit" className={bigButton}>
        {t("storeSave")}
      </Button>
    </form>
  );
}

function FindMember({ onFound, inputRef }: { onFound: (lookup: TillLookup) => void; inputRef: React.RefObject<HTMLInputElement | null> }) {
  const t = useTranslations("console.till");
  const [query, setQuery] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const lookUp = async (text: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const found = await getConsoleJson<TillLookup>(`/api/console/till/lookup?${new URLSearchParams({ q: text })}`);
      onFound(found);
    } catch (problem) {
      setError(problem instanceof ConsoleProblem ? problem.detail : String(problem));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="till-find-title" className="rounded-3xl border border-stone-200 bg-white p-5 md:p-6">
      <h2 id="till-find-title" className="mb-3 text-base font-semibold">
        {t("findTitle")}
      </h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void lookUp(query);
        }}
        className="space-y-3"
      >
        <Field id="till-lookup" label={t("lookup")} hint={t("lookupHint")} error={error}>
          <input
            {...describedBy("till-lookup", { hint: true, error })}
            ref={inputRef}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            inputMode="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={100}
            className={`${bigInput} font-mono tracking-wider`}
          />
        </Field>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" className={`${bigButton} flex-1`} disabled={busy}>
            {t("search")}
          </Button>
          <CardScanner
            onScan={(text) => {
              setQuery(text);
              void lookUp(text);
            }}
          />
        </div>
      </form>
    </section>
  );
}

function BookPurchase({
  memberId,
  store,
  currency,
  booked,
  onBooked,
  onNext,
}: {
  memberId: string | null;
  store: string;
  currency: string;
  booked: TillBooking | null;
  onBooked: (booking: TillBooking) => void;
  onNext: () => void;
}) {
  const t = useTranslations("console.till");
  const locale = useLocale();
  const format = useFormatter();
  const [amount, setAmount] = useState("");
  const [receipt, setReceipt] = useState("");
  const action = useConsoleAction<unknown, TillBooking>("till.book", {
    success: (r) => t("booked", { amount: formatMoney(locale, r.amountCents, r.currency), receipt: r.receipt, points: r.points }),
    refresh: false,
    currency,
  });
  const errors = action.fieldErrors;
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    action.submit(tillBookSchema, { memberId, amountCents: centsFromText(amount), receipt, store }, {
      onSuccess: (booking) => {
        setAmount("");
        setReceipt("");
        onBooked(booking);
      },
    });
  };
  const disabled = !memberId || !store;
  return (
    <section aria-labelledby="till-book-title" className="rounded-3xl border border-stone-200 bg-white p-5 md:p-6">
      <h2 id="till-book-title" className="mb-3 text-base font-semibold">
        {t("bookTitle")}
      </h2>
      {booked ? (
        <div className="space-y-4" data-testid="till-booked">
          <div className="rounded-2xl bg-brand-50 p-4" role="status">
            <p className="text-lg font-semibold text-brand-900">{t("bookedTitle")}</p>
            <p className="mt-1 text-base text-stone-900">{t("booked", { amount: formatMoney(locale, booked.amountCents, booked.currency), receipt: booked.receipt, points: booked.points })}</p>
            <p className="mt-1 text-sm text-stone-700">{t("newBalance", { balance: t("pointsValue", { points: booked.balance }) })}</p>
          </div>
          <Button type="button" className={`${bigButton} w-full`} onClick={onNext}>
            {t("next")}
          </Button>
        </div>
      ) : (
        <form onSubmit={submit} noValidate className="space-y-3">
          {!memberId && <p className="rounded-2xl bg-stone-100 px-4 py-3 text-sm text-stone-700">{t("findFirst")}</p>}
          {memberId && !store && <p className="rounded-2xl bg-gold-300/30 px-4 py-3 text-sm text-stone-900">{t("storeMissing")}</p>}
          <div className="grid gap-3 sm:grid-cols-2 md:grid-cols-1 xl:grid-cols-2">
            <Field required id="till-amount" label={`${t("amount")} (${currencySymbol(locale, currency)})`} error={errors["/amountCents"]}>
              <input
                {...describedBy("till-amount", { error: errors["/amountCents"] })}
                value={amount}
                onChange={(e) => setAmount(e.target.value)}
                inputMode="decimal"
                autoComplete="off"
                placeholder={format.number(0, { minimumFractionDigits: 2 })}
                disabled={disabled}
                className={`${bigInput} text-right tabular-nums`}
              />
            </Field>
            <Field required id="till-receipt" label={t("receipt")} hint={t("receiptHint")} error={errors["/receipt"]}>
              <input
                {...describedBy("till-receipt", { hint: true, error: errors["/receipt"] })}
                value={receipt}
                onChange={(e) => setReceipt(e.target.value)}
                maxLength={RECEIPT_MAX}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                disabled={disabled}
                className={bigInput}
              />
            </Field>
          </div>
          {errors["/store"] && <p className="text-sm text-red-800">{errors["/store"]}</p>}
          <FormErrorSummary {...action.summary} />
          <Button type="submit" className={`${bigButton} w-full`} disabled={disabled || action.isPending}>
            {t("book")}
          </Button>
        </form>
      )}
    </section>
  );
}

function Coupons({ lookup, store, onRedeemed, formatDate }: { lookup: TillLookup; store: string; onRedeemed: (code: string) => void; formatDate: (iso: string) => string }) {
  const t = useTranslations("console.till");
  const locale = useLocale();
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const action = useConsoleAction<unknown, TillRedemption>("till.redeem", { success: (r) => t("redeemed", { code: r.code }), refresh: false });
  const { coupons } = lookup.member;
  const redeem = (code: string) =>
    action.submit(tillRedeemSchema, { code, store, requestId }, {
      onSuccess: (r) => {
        setRequestId(crypto.randomUUID()); // the next tap is a new use; a retry of this one is not
        onRedeemed(r.code);
      },
    });
  return (
    <section aria-labelledby="till-coupons-title" className="rounded-3xl border border-stone-200 bg-white p-5 md:p-6" data-testid="till-coupons">
      <h2 id="till-coupons-title" className="mb-3 text-base font-semibold">
        {t("coupons")}
      </h2>
      {!store && <p className="mb-3 rounded-2xl bg-gold-300/30 px-4 py-3 text-sm text-stone-900">{t("storeMissing")}</p>}
      {coupons.length === 0 ? (
        <p className="text-sm text-stone-600">{t("noCoupons")}</p>
      ) : (
        <ul className="divide-y divide-stone-100">
          {coupons.map((coupon) => {
            const scanned = coupon.code === lookup.couponCode;
            return (
              <li key={coupon.id} data-testid="till-coupon" className={`flex flex-wrap items-center justify-between gap-3 py-3 ${scanned ? "-mx-3 rounded-2xl bg-gold-300/25 px-3" : ""}`}>
                <div className="min-w-0">
                  <p className="font-medium text-stone-900">
                    {coupon.name[locale === "en" ? "en" : "de"]}
                    {scanned && <span className="ml-2 rounded-full bg-gold-300 px-2 py-0.5 text-xs font-semibold text-stone-900">{t("scanned")}</span>}
                  </p>
                  <p className="text-sm text-stone-600">
                    <code className="font-mono">{coupon.code}</code> · {t("validUntil", { date: formatDate(coupon.expiresAt) })}
                  </p>
                </div>
                <Button type="button" variant={scanned ? "primary" : "secondary"} className={bigButton} disabled={!store || action.isPending} aria-label={t("redeemCode", { code: coupon.code })} onClick={() => redeem(coupon.code)}>
                  {t("redeem")}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
