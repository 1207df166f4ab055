import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { SeriesChart, type ChartSeries } from "@/components/console/series-chart";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, inputClasses } from "@/components/ui/field";
import { LinkTabs } from "@/components/ui/tabs";
import { Table, Td, Th } from "@/components/ui/table";
import { requireCapability } from "@/lib/console/guard";
import { getDb } from "@/lib/db";
import type { SeriesPoint } from "@/lib/db/queries/metric-series";
import { getInsights } from "@/lib/db/queries/metric-snapshots";
import { programCurrency } from "@/lib/db/queries/program";
import { currencyDigits, formatMoney } from "@/lib/i18n/money";
import { env } from "@/lib/env";
import { getMessageInsights, type MessageInsight } from "@/lib/db/queries/message-insights";
import { getChannelMetrics } from "@/lib/db/queries/channel-metrics";
import { orderChannels } from "@/lib/db/schema";
import { journeyFromSource } from "@/lib/loyalty/journeys";
import type { Metrics } from "@/lib/db/queries/metrics";
import type { DurationFigures } from "@/lib/db/queries/support-metrics";
import { defaultBucket, durationParts, periodBounds, periodPresets, periodSchema, presetPeriod, type Bucket, type Period, type PeriodPreset } from "@/lib/loyalty/metrics";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("console.insights"))("title") };
}

type Search = { preset?: string; from?: string; to?: string; by?: string; fresh?: string };
type CardKey = "nps" | "repeat" | "cli" | "upsell" | "redemption" | "liability" | "active" | "revenue" | "orders" | "aov" | "enrolledShare" | "firstResponse" | "resolution";

/** Whether the program works: the headline numbers for a period against the one before, each saying on the page how it is counted. */
export default async function InsightsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireCapability("insights");
  const search = await searchParams;
  const timezone = env().timezone;
  const now = new Date();
  const preset: PeriodPreset | "custom" = search.from || search.to ? "custom" : periodPresets.includes(search.preset as PeriodPreset) ? (search.preset as PeriodPreset) : "thisMonth";
  const parsed = preset === "custom" ? periodSchema.safeParse({ from: search.from, to: search.to }) : null;
  const period: Period = preset === "custom" ? (parsed?.success ? parsed.data : presetPeriod("thisMonth", now, timezone)) : presetPeriod(preset, now, timezone);
  const db = await getDb();
  const bucket: Bucket = search.by === "week" || search.by === "month" ? search.by : defaultBucket(period);
  const { start, end } = periodBounds(period, timezone);
  const [t, tJourneys, format, locale, currency, { current, previous, series, computedAt }, messages, channels] = await Promise.all([
    getTranslations("console.insights"),
    getTranslations("console.journeys.names"),
    getFormatter(),
    getLocale(),
    programCurrency(db),
    getInsights(db, period, timezone, bucket, search.fresh === "1" ? { maxAgeMs: 0 } : {}),
    getMessageInsights(db, start, end),
    getChannelMetrics(db, period, timezone),
  ]);
  const sourceName = (m: MessageInsight) => {
    const journey = journeyFromSource(m.source);
    return journey ? tJourneys(journey) : t("messages.campaign", { name: m.campaign ?? "–" });
  };

  const percent = (v: number | null) => (v === null ? t("none") : format.number(v, { style: "percent", maximumFractionDigits: 1 }));
  const money = (minor: number | null) => (minor === null ? t("none") : formatMoney(locale, minor, currency));
  const minorPerUnit = 10 ** currencyDigits(currency);
  const plain = (v: number | null) => (v === null ? t("none") : format.number(v));
  const duration = (seconds: number | null) => {
    if (seconds === null) return t("none");
    const { unit, ...parts } = durationParts(seconds);
    return t(`duration.${unit}`, parts);
  };
  // A snapshot computed before the support figures existed has none: shown as "none" until it is recomputed.
  const noFigures: DurationFigures = { count: 0, median_seconds: null, p90_seconds: null };
  const supportOf = (m: Metrics, kind: "first_response" | "resolution") => (m as Partial<Metrics>).support?.[kind] ?? noFigures;
  const durationCard = (key: "firstResponse" | "resolution", kind: "first_response" | "resolution") => {
    const [these, before] = [supportOf(current, kind), supportOf(previous, kind)];
    return { key, value: duration(these.median_seconds), before: duration(before.median_seconds), ...(these.count > 0 && { extra: t("durationExtra", { p90: duration(these.p90_seconds), count: these.count }) }) };
  };
  const cards: { key: CardKey; value: string; before: string; extra?: string; values?: Record<string, string | number> }[] = [
    {
      key: "nps",
      value: plain(current.nps.score),
      before: plain(previous.nps.score),
      extra: t("groups", { promoters: current.nps.promoters, passives: current.nps.passives, detractors: current.nps.detractors, answers: current.nps.answers }),
    },
    { key: "repeat", value: percent(current.repeat_purchase_rate), before: percent(previous.repeat_purchase_rate) },
    {
      key: "cli",
      value: current.cli.score === null ? t("none") : format.number(current.cli.score, { maximumFractionDigits: 1 }),
      before: previous.cli.score === null ? t("none") : format.number(previous.cli.score, { maximumFractionDigits: 1 }),
      ...(current.cli.band && { extra: t(`bands.${current.cli.band}`) }),
    },
    { key: "upsell", value: current.upsell_ratio === null ? t("none") : format.number(current.upsell_ratio, { maximumFractionDigits: 2 }), before: previous.upsell_ratio === null ? t("none") : format.number(previous.upsell_ratio, { maximumFractionDigits: 2 }) },
    { key: "redemption", value: percent(current.redemption_rate), before: percent(previous.redemption_rate) },
    {
      key: "liability",
      value: money(current.points_liability.cents),
      before: money(previous.points_liability.cents),
      extra: `${format.number(current.points_liability.points)} P`,
      values: { value: format.number(current.points_liability.point_value_milli_cents / 100, { maximumFractionDigits: 2 }) },
    },
    { key: "active", value: plain(current.active_members), before: plain(previous.active_members) },
    { key: "revenue", value: money(current.revenue_cents), before: money(previous.revenue_cents) },
    { key: "orders", value: plain(current.orders), before: plain(previous.orders) },
    { key: "aov", value: money(current.aov_cents), before: money(previous.aov_cents) },
    { key: "enrolledShare", value: percent(current.enrolled_share), before: percent(previous.enrolled_share) },
    durationCard("firstResponse", "first_response"),
    durationCard("resolution", "resolution"),
  ];
  const query = { from: period.from, to: period.to };
  const s = (key: string, kind: ChartSeries["kind"], colour: string, label = key): ChartSeries => ({ key, kind, colour, label: t(`series.${label}`) });
  const charts: { name: "nps" | "orders" | "revenue" | "points" | "referrals" | "push"; rows: SeriesPoint[]; series: ChartSeries[]; money?: boolean }[] = [
    { name: "nps", rows: series.nps, series: [s("score", "line", "#136441")] },
    { name: "orders", rows: series.orders, series: [s("enrolled_orders", "bar", "#136441", "enrolled"), s("other_orders", "bar", "#a8a29e", "other")] },
    { name: "revenue", rows: series.orders, series: [s("enrolled_revenue_cents", "bar", "#136441", "enrolled"), s("other_revenue_cents", "bar", "#a8a29e", "other")], money: true },
    { name: "points", rows: series.points, series: [s("issued", "bar", "#136441"), s("redeemed", "bar", "#b45309"), s("expired", "bar", "#78716c")] },
    { name: "referrals", rows: series.referrals, series: [s("opened", "bar", "#a8a29e"), s("joined", "bar", "#48b77f"), s("qualified", "bar", "#136441")] },
    { name: "push", rows: series.push, series: [s("sent", "bar", "#a8a29e"), s("opened", "bar", "#136441")] },
  ];
  return (
    <>
      <PageHeader
        title={t("title")}
        intro={t("intro", { timezone })}
        actions={
          <>
            <a href={`/api/console/insights/export?${new URLSearchParams(query)}`} download className={buttonClasses("secondary")}>
              {t("csv")}
            </a>
            <a href={`/api/console/insights/export?${new URLSearchParams({ ...query, sep: "semicolon" })}`} download className={buttonClasses("secondary")}>
              {t("csvSemicolon")}
            </a>
          </>
        }
      />
      <div className="mb-4 space-y-3">
        <LinkTabs
          label={t("period")}
          current={preset === "custom" ? "custom" : `/console/insights?preset=${preset}`}
          tabs={periodPresets.map((p) => ({ href: `/console/insights?preset=${p}`, label: t(p) }))}
        />
        <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("custom")}>
          <Field id="insights-from" label={t("from")}>
            <input id="insights-from" name="from" type="date" defaultValue={period.from} className={inputClasses} required />
          </Field>
          <Field id="insights-to" label={t("to")}>
            <input id="insights-to" name="to" type="date" defaultValue={period.to} className={inputClasses} required />
          </Field>
          <button type="submit" className={buttonClasses("secondary")}>
            {t("show")}
          </button>
        </form>
        {parsed && !parsed.success && (
          <p role="alert" className="text-sm text-red-800">
            {t("invalid", { detail: parsed.error.issues[0]?.message ?? "" })}
          </p>
        )}
        <p className="text-sm text-stone-700" data-testid="insights-who-counts">
          {t("whoCounts")}
        </p>
        <p className="text-sm text-stone-600" data-testid="insights-period">
          {format.dateTime(new Date(`${period.from}T12:00:00Z`), { dateStyle: "medium" })} – {format.dateTime(new Date(new Date(`${period.to}T12:00:00Z`).getTime() - 86_400_000), { dateStyle: "medium" })}
          {" · "}
          <span data-testid="insights-computed">{t("computedAt", { at: format.dateTime(new Date(computedAt), { dateStyle: "short", timeStyle: "short" }) })}</span>{" "}
          <a href={`/console/insights?${new URLSearchParams({ ...query, by: bucket, fresh: "1" })}`} className="font-semibold text-brand-800 hover:underline">
            {t("recompute")}
          </a>
        </p>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {cards.map((card) => {
          const [label, definition] = [t(`cards.${card.key}.label`), t(`cards.${card.key}.definition`, { value: "", ...card.values, currency })];
          return (
            <li key={card.key}>
              <Card className="h-full" data-testid={`metric-${card.key}`}>
                <p className="text-sm text-stone-600">{label}</p>
                <p className="mt-1 text-2xl font-bold tabular-nums" data-testid="metric-value">
                  {card.value}
                </p>
                {card.extra && <p className="text-sm text-stone-700">{card.extra}</p>}
                <p className="mt-1 text-xs text-stone-600">{t("compared", { value: card.before })}</p>
                <details className="mt-2 text-xs text-stone-700">
                  <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-800">{t("definition")}</summary>
                  <p>{definition}</p>
                </details>
              </Card>
            </li>
          );
        })}
      </ul>
      <section className="mt-8 space-y-4" aria-labelledby="time-title">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="time-title" className="text-lg font-semibold">
            {t("overTime")}
          </h2>
          <LinkTabs
            label={t("overTime")}
            current={`/console/insights?${new URLSearchParams({ ...query, by: bucket })}`}
            tabs={(["week", "month"] as const).map((by) => ({ href: `/console/insights?${new URLSearchParams({ ...query, by })}`, label: t(by === "week" ? "byWeek" : "byMonth") }))}
          />
        </div>
        <div className="grid gap-6 xl:grid-cols-2">
          {charts.map((chart) => (
            <Card key={chart.name} data-testid={`chart-${chart.name}`}>
              <SeriesChart
                title={t(`charts.${chart.name}`)}
                rows={chart.rows}
                series={chart.series}
                formatValue={chart.money ? (v) => format.number(v / minorPerUnit, { style: "currency", currency, maximumFractionDigits: 0 }) : (v) => format.number(v)}
                formatBucket={(b) => format.dateTime(new Date(`${b}T12:00:00Z`), bucket === "month" ? { month: "short", year: "2-digit" } : { day: "numeric", month: "short" })}
                tableLabel={t("table")}
                empty={t("noData")}
              />
              <a href={`/api/console/insights/export?${new URLSearchParams({ ...query, by: bucket, series: chart.name })}`} download className="mt-2 inline-flex min-h-11 items-center text-sm font-semibold text-brand-800 hover:underline">
                {t("csv")}
              </a>
            </Card>
          ))}
        </div>
      </section>
      <section className="mt-8 space-y-3" aria-labelledby="channels-title" data-testid="insights-channels">
        <h2 id="channels-title" className="text-lg font-semibold">
          {t("channels.title")}
        </h2>
        <p className="text-sm text-stone-600">{t("channels.intro")}</p>
        <Table caption={t("channels.title")}>
          <thead>
            <tr>
              <Th>{t("channels.channel")}</Th>
              <Th className="text-right">{t("channels.orders")}</Th>
              <Th className="text-right">{t("channels.revenue")}</Th>
              <Th className="text-right">{t("channels.points")}</Th>
            </tr>
          </thead>
          <tbody>
            {orderChannels.map((channel) => (
              <tr key={channel} data-testid={`channel-${channel}`}>
                <Td>{t(`channels.${channel}`)}</Td>
                <Td className="text-right tabular-nums">{format.number(channels[channel].orders)}</Td>
                <Td className="text-right tabular-nums">{money(channels[channel].revenue_cents)}</Td>
                <Td className="text-right tabular-nums">{format.number(channels[channel].points)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <details className="text-xs text-stone-700">
          <summary className="min-h-11 cursor-pointer py-2 font-medium text-brand-800">{t("definition")}</summary>
          <p>{t("channels.definition")}</p>
        </details>
      </section>
      <section className="mt-8 space-y-3" aria-labelledby="effect-title">
        <h2 id="effect-title" className="text-lg font-semibold">
          {t("effect")}
        </h2>
        <Table caption={t("effect")}>
          <thead>
            <tr>
              <Th>{t("metric")}</Th>
              <Th className="text-right">{t("enrolled")}</Th>
              <Th className="text-right">{t("notEnrolled")}</Th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <Td>{t("customers")}</Td>
              <Td className="text-right tabular-nums">{plain(current.enrolled_customers.customers)}</Td>
              <Td className="text-right tabular-nums">{plain(current.not_enrolled_customers.customers)}</Td>
            </tr>
            <tr>
              <Td>{t("cards.aov.label")}</Td>
              <Td className="text-right tabular-nums">{money(current.enrolled_customers.aov_cents)}</Td>
              <Td className="text-right tabular-nums">{money(current.not_enrolled_customers.aov_cents)}</Td>
            </tr>
            <tr>
              <Td>{t("cards.repeat.label")}</Td>
              <Td className="text-right tabular-nums">{percent(current.enrolled_customers.repeat_purchase_rate)}</Td>
              <Td className="text-right tabular-nums">{percent(current.not_enrolled_customers.repeat_purchase_rate)}</Td>
            </tr>
          </tbody>
        </Table>
      </section>
      <section className="mt-8 space-y-3" aria-labelledby="messages-title">
        <h2 id="messages-title" className="text-lg font-semibold">
          {t("messages.title")}
        </h2>
        <p className="text-sm text-stone-600">
          {t("messages.intro")} {t(env().mailOpenTracking ? "messages.opensTracked" : "messages.opensUntracked")}
        </p>
        {messages.length === 0 ? (
          <p className="text-sm text-stone-700">{t("messages.empty")}</p>
        ) : (
          <Table caption={t("messages.title")}>
            <thead>
              <tr>
                <Th>{t("messages.source")}</Th>
                <Th>{t("messages.channel")}</Th>
                <Th className="text-right">{t("messages.sent")}</Th>
                <Th className="text-right">{t("messages.delivered")}</Th>
                <Th className="text-right">{t("messages.opened")}</Th>
                <Th className="text-right">{t("messages.clicked")}</Th>
                <Th className="text-right">{t("messages.unsubscribed")}</Th>
                <Th className="text-right">{t("messages.converted")}</Th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={`${m.source}:${m.channel}`} data-testid="message-insight">
                  <Td>{sourceName(m)}</Td>
                  <Td>{t(`messages.channels.${m.channel}`)}</Td>
                  <Td className="text-right tabular-nums">{format.number(m.sent)}</Td>
                  <Td className="text-right tabular-nums">{format.number(m.delivered)}</Td>
                  <Td className="text-right tabular-nums">{format.number(m.opened)}</Td>
                  <Td className="text-right tabular-nums">{format.number(m.clicked)}</Td>
                  <Td className="text-right tabular-nums">{format.number(m.unsubscribed)}</Td>
                  <Td className="text-right tabular-nums">{format.number(m.converted)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </>
  );
}
