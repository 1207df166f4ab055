ALTER TABLE "connector_orders" ADD COLUMN "shop" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Orders kept before: with one registered Shopware shop they are that shop's; with several, no shop can tell them apart and none reads them.
UPDATE "connector_orders" SET "shop" = (SELECT "shop_id" FROM "shopware_shops" LIMIT 1) WHERE "platform" = 'shopware' AND (SELECT count(*) FROM "shopware_shops") = 1;
