-- audit_log is append-only (SEC Rule 17a-4 style retention): UPDATE, DELETE and TRUNCATE are
-- rejected for every role that does not own the trigger, including the application's own.
-- Statement-level, so even an UPDATE/DELETE matching no row fails loudly instead of silently.
CREATE FUNCTION "public"."audit_log_reject_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'Record a correction as a new audit_log entry instead.';
END;
$$;--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only"
  BEFORE UPDATE OR DELETE OR TRUNCATE ON "public"."audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "public"."audit_log_reject_change"();
