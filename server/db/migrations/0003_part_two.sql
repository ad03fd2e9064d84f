CREATE TABLE "print_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"store_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"ticket" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"leased_until" timestamp with time zone,
	"leased_by" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"printed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"printer_host" text,
	"printer_port" integer,
	"printer_online" boolean,
	"printer_error" text,
	"printer_checked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "menu_option_groups" (
	"menu_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "menu_option_groups_menu_id_group_id_pk" PRIMARY KEY("menu_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "option_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"name" text NOT NULL,
	"min_select" integer DEFAULT 0 NOT NULL,
	"max_select" integer DEFAULT 1 NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "option_groups_select_range" CHECK ("option_groups"."min_select" BETWEEN 0 AND 20 AND "option_groups"."max_select" BETWEEN 1 AND 20 AND "option_groups"."max_select" >= "option_groups"."min_select")
);
--> statement-breakpoint
CREATE TABLE "options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"name" text NOT NULL,
	"price" integer DEFAULT 0 NOT NULL,
	"is_available" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "options_price_range" CHECK ("options"."price" BETWEEN 0 AND 1000000)
);
--> statement-breakpoint
CREATE TABLE "call_reasons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"label" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"table_id" uuid NOT NULL,
	"table_number" integer NOT NULL,
	"session_id" uuid,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_admin_id" uuid,
	"done_by_username" text
);
--> statement-breakpoint
CREATE TABLE "cart_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"table_id" uuid NOT NULL,
	"menu_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"option_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"note" text,
	"added_by_kind" text NOT NULL,
	"added_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "carts" (
	"table_id" uuid PRIMARY KEY NOT NULL,
	"store_id" uuid NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guest_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"table_id" uuid NOT NULL,
	"session_id" uuid,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"method" text NOT NULL,
	"amount" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_admin_id" uuid,
	"created_by_username" text,
	"refunded_at" timestamp with time zone,
	"refunded_by_admin_id" uuid,
	"refunded_by_username" text
);
--> statement-breakpoint
CREATE TABLE "session_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"admin_id" uuid,
	"username" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "orders_table_idx";--> statement-breakpoint
ALTER TABLE "idempotency_keys" ALTER COLUMN "order_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "unit_price" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "subtotal" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "total_amount" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "other_table_ids" uuid[];--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "session_id" uuid;--> statement-breakpoint
ALTER TABLE "menu_categories" ADD COLUMN "translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "menu_categories" ADD COLUMN "station_id" uuid;--> statement-breakpoint
ALTER TABLE "menus" ADD COLUMN "translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "menus" ADD COLUMN "allergens" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "menus" ADD COLUMN "badges" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "call_id" uuid;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "payment_id" uuid;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "voided_quantity" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "options" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "voids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "station_id" uuid;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "done_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "table_number" integer;--> statement-breakpoint
UPDATE "orders" o SET "table_number" = t."number" FROM "tables" t WHERE t."id" = o."table_id";--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "table_number" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "source" text DEFAULT 'table' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "created_by_admin_id" uuid;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "created_by_username" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "deleted_by_admin_id" uuid;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "deleted_by_username" text;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "guest_ordering" text DEFAULT 'open-tables' NOT NULL;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "ask_guest_count" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "require_pin" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "table_sessions" ADD COLUMN "opened_by" text DEFAULT 'order' NOT NULL;--> statement-breakpoint
ALTER TABLE "table_sessions" ADD COLUMN "guests" integer;--> statement-breakpoint
ALTER TABLE "table_sessions" ADD COLUMN "pin" text;--> statement-breakpoint
ALTER TABLE "table_sessions" ADD COLUMN "merged_into_session_id" uuid;--> statement-breakpoint
ALTER TABLE "tables" ADD COLUMN "qr_code" text DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') NOT NULL;--> statement-breakpoint
ALTER TABLE "print_jobs" ADD CONSTRAINT "print_jobs_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "menu_option_groups" ADD CONSTRAINT "menu_option_groups_menu_id_menus_id_fk" FOREIGN KEY ("menu_id") REFERENCES "public"."menus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "menu_option_groups" ADD CONSTRAINT "menu_option_groups_group_id_option_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."option_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "option_groups" ADD CONSTRAINT "option_groups_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "options" ADD CONSTRAINT "options_group_id_option_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."option_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "options" ADD CONSTRAINT "options_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_reasons" ADD CONSTRAINT "call_reasons_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_table_id_tables_id_fk" FOREIGN KEY ("table_id") REFERENCES "public"."tables"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_session_id_table_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."table_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cart_lines" ADD CONSTRAINT "cart_lines_table_id_carts_table_id_fk" FOREIGN KEY ("table_id") REFERENCES "public"."carts"("table_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carts" ADD CONSTRAINT "carts_table_id_tables_id_fk" FOREIGN KEY ("table_id") REFERENCES "public"."tables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carts" ADD CONSTRAINT "carts_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guest_tokens" ADD CONSTRAINT "guest_tokens_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guest_tokens" ADD CONSTRAINT "guest_tokens_table_id_tables_id_fk" FOREIGN KEY ("table_id") REFERENCES "public"."tables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guest_tokens" ADD CONSTRAINT "guest_tokens_session_id_table_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."table_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_session_id_table_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."table_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_log" ADD CONSTRAINT "session_log_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_log" ADD CONSTRAINT "session_log_session_id_table_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."table_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "print_jobs_queue_idx" ON "print_jobs" USING btree ("station_id","seq") WHERE "print_jobs"."printed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "print_jobs_store_idx" ON "print_jobs" USING btree ("store_id","created_at");--> statement-breakpoint
CREATE INDEX "stations_store_idx" ON "stations" USING btree ("store_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stations_store_name_live_key" ON "stations" USING btree ("store_id",lower("name")) WHERE "stations"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "menu_option_groups_group_idx" ON "menu_option_groups" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "option_groups_store_idx" ON "option_groups" USING btree ("store_id");--> statement-breakpoint
CREATE INDEX "options_group_idx" ON "options" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "call_reasons_store_idx" ON "call_reasons" USING btree ("store_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calls_one_open_key" ON "calls" USING btree ("table_id") WHERE "calls"."status" = 'open';--> statement-breakpoint
CREATE INDEX "calls_store_created_idx" ON "calls" USING btree ("store_id","created_at");--> statement-breakpoint
CREATE INDEX "calls_table_created_idx" ON "calls" USING btree ("table_id","created_at");--> statement-breakpoint
CREATE INDEX "cart_lines_table_idx" ON "cart_lines" USING btree ("table_id","created_at");--> statement-breakpoint
CREATE INDEX "guest_tokens_table_idx" ON "guest_tokens" USING btree ("table_id");--> statement-breakpoint
CREATE INDEX "guest_tokens_session_idx" ON "guest_tokens" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "payments_session_idx" ON "payments" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "payments_store_created_idx" ON "payments" USING btree ("store_id","created_at");--> statement-breakpoint
CREATE INDEX "session_log_session_idx" ON "session_log" USING btree ("session_id","created_at");--> statement-breakpoint
ALTER TABLE "menu_categories" ADD CONSTRAINT "menu_categories_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_live_store_idx" ON "orders" USING btree ("store_id","order_no") WHERE "orders"."archived_at" IS NULL;--> statement-breakpoint
CREATE INDEX "orders_table_created_idx" ON "orders" USING btree ("table_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_store_created_idx" ON "orders" USING btree ("store_id","created_at");--> statement-breakpoint
CREATE INDEX "table_sessions_table_opened_idx" ON "table_sessions" USING btree ("table_id","opened_at");--> statement-breakpoint
CREATE INDEX "table_sessions_store_opened_idx" ON "table_sessions" USING btree ("store_id","opened_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tables_qr_code_key" ON "tables" USING btree ("qr_code");--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_voided_range" CHECK ("order_items"."voided_quantity" BETWEEN 0 AND "order_items"."quantity");--> statement-breakpoint
ALTER TABLE "table_sessions" ADD CONSTRAINT "table_sessions_guests_range" CHECK ("table_sessions"."guests" BETWEEN 1 AND 99);;--> statement-breakpoint
-- Archived orders join the live ones: one table, archived in place from now on. Their items
-- become rows again (history kept them as a JSON snapshot).
INSERT INTO "orders" ("id", "store_id", "table_id", "table_number", "session_id", "order_no", "status", "total_amount",
  "created_at", "updated_at", "archived_at", "deleted_at", "deleted_by_admin_id", "deleted_by_username")
SELECT "id", "store_id", "table_id", "table_number", "session_id", "order_no", "status", "total_amount",
  "created_at", "archived_at", "archived_at", "deleted_at", "deleted_by_admin_id", "deleted_by_username"
FROM "order_history";--> statement-breakpoint
INSERT INTO "order_items" ("order_id", "line_no", "menu_id", "name", "unit_price", "quantity", "subtotal")
SELECT h."id", x.ordinality, (x.item->>'menuId')::uuid, x.item->>'name', (x.item->>'unitPrice')::bigint,
  (x.item->>'quantity')::int, (x.item->>'subtotal')::bigint
FROM "order_history" h, jsonb_array_elements(h."items") WITH ORDINALITY AS x(item, ordinality);--> statement-breakpoint
-- Every store has a station (dishes of unrouted categories go to it) and the default call presets.
INSERT INTO "stations" ("store_id", "name", "sort_order") SELECT "id", '주방', 0 FROM "stores";--> statement-breakpoint
INSERT INTO "call_reasons" ("store_id", "label", "sort_order")
SELECT s."id", r.label, r.ord - 1
FROM "stores" s, unnest(ARRAY['물', '수저·젓가락', '앞접시', '물티슈', '계산 요청']) WITH ORDINALITY AS r(label, ord);
