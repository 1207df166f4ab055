CREATE TABLE "metric_snapshots" (
	"key" text PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"payload" json NOT NULL
);
--> statement-breakpoint
-- The smallest or largest product type (category, else SKU) of an order's items, byte-ordered so the
-- result never depends on the server's locale (which also keeps the function truly immutable).
CREATE FUNCTION treue_product_type_bound(items jsonb, largest boolean) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN largest THEN max(t COLLATE "C") ELSE min(t COLLATE "C") END
  FROM jsonb_array_elements(CASE WHEN jsonb_typeof(items) = 'array' THEN items ELSE '[]'::jsonb END) AS item,
       LATERAL (SELECT coalesce(nullif(item->>'category', ''), item->>'sku') AS t) AS type
$$;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "product_type_min" text GENERATED ALWAYS AS (treue_product_type_bound(items, false)) STORED;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "product_type_max" text GENERATED ALWAYS AS (treue_product_type_bound(items, true)) STORED;--> statement-breakpoint
-- Insights sum orders and ledger rows by period; covering indexes let them read the index alone.
DROP INDEX "orders_paid_at_idx";--> statement-breakpoint
CREATE INDEX "orders_paid_at_idx" ON "orders" USING btree ("paid_at") INCLUDE ("member_id", "subtotal_cents", "refunded_cents", "product_type_min", "product_type_max");--> statement-breakpoint
DROP INDEX "ledger_created_idx";--> statement-breakpoint
CREATE INDEX "ledger_created_idx" ON "ledger_entries" USING btree ("created_at") INCLUDE ("member_id", "delta", "kind");--> statement-breakpoint
CREATE INDEX "members_created_idx" ON "members" USING btree ("created_at") INCLUDE ("id", "role", "email_verified");--> statement-breakpoint
CREATE TABLE "connector_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"delivery_id" text NOT NULL,
	"topic" text NOT NULL,
	"outcome" text NOT NULL,
	"detail" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connector_orders" (
	"platform" text NOT NULL,
	"order_id" text NOT NULL,
	"taxes_included" boolean NOT NULL,
	"gross_cents" integer NOT NULL,
	"net_cents" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connector_orders_platform_order_id_pk" PRIMARY KEY("platform","order_id")
);
--> statement-breakpoint
CREATE TABLE "connector_settings" (
	"platform" text PRIMARY KEY NOT NULL,
	"secret_ciphertext" text,
	"secret_hint" text,
	"paid_statuses" text[],
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "connector_deliveries_recent_idx" ON "connector_deliveries" USING btree ("platform","received_at");
--> statement-breakpoint
-- The balance still moves only with ledger rows and in the same statement, now once per member and
-- statement (a bulk insert such as the history import updates each member once, not once per row).
CREATE FUNCTION treue_apply_ledger_deltas() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE members m SET points_balance = m.points_balance + d.delta, updated_at = now()
  FROM (SELECT member_id, sum(delta) AS delta FROM inserted_entries GROUP BY member_id) d
  WHERE m.id = d.member_id;
  RETURN NULL;
END;
$$;--> statement-breakpoint
DROP TRIGGER ledger_entries_apply_delta ON ledger_entries;--> statement-breakpoint
DROP FUNCTION treue_apply_ledger_delta();--> statement-breakpoint
CREATE TRIGGER ledger_entries_apply_delta AFTER INSERT ON ledger_entries
REFERENCING NEW TABLE AS inserted_entries FOR EACH STATEMENT EXECUTE FUNCTION treue_apply_ledger_deltas();--> statement-breakpoint
CREATE TABLE "shopware_shops" (
	"shop_id" text PRIMARY KEY NOT NULL,
	"shop_url" text NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"api_key_ciphertext" text,
	"secret_key_ciphertext" text,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
