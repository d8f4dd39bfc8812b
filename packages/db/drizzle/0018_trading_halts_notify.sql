-- Routers hold the active trading halts in memory (services' routing/halt-snapshot.ts) and read them again
-- when this channel announces a change. NOTIFY is delivered on commit only, so a rolled-back halt or lift
-- announces nothing (PostgreSQL docs, NOTIFY). Statement-level, so a bulk lift announces once; any writer
-- (the worker's surveillance, the API, an operator's psql) is covered.
CREATE FUNCTION "public"."trading_halts_notify_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('nexus_trading_halts', TG_OP);
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "trading_halts_notify_change"
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "public"."trading_halts"
  FOR EACH STATEMENT EXECUTE FUNCTION "public"."trading_halts_notify_change"();
