-- The application connects as a member of `nexus_app`, never as the owner that runs these migrations
-- (least privilege: a compromised web or worker process can read and write rows, but cannot rewrite
-- history or change the schema). `nexus_app` is a group role: a deployment creates its own login
-- role IN ROLE nexus_app (README "Running over real services"), or creates nexus_app itself with LOGIN
-- before migrating. Creating it here needs CREATEROLE, which an owner has on every managed Postgres.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'nexus_app') THEN
    CREATE ROLE nexus_app NOLOGIN;
  END IF;
EXCEPTION
  -- Two schemas migrated at once (parallel test files) may both find the role missing.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;--> statement-breakpoint
DO $$
DECLARE
  target text := current_schema();
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO nexus_app', target);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO nexus_app', target);
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO nexus_app', target);
  -- Tables and sequences later migrations create get the same grants (ALTER DEFAULT PRIVILEGES applies
  -- to objects this owner creates); an append-only table must revoke UPDATE and DELETE in its migration.
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO nexus_app', target);
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO nexus_app', target);
  -- audit_log is append-only (SEC Rule 17a-4(f): records preserved in a non-rewriteable form): the app
  -- may add and read entries only. TRUNCATE and TRIGGER were never granted, and only the owner may
  -- ALTER TABLE ... DISABLE TRIGGER, so the append-only trigger of 0001 stays in force for the app.
  EXECUTE format('REVOKE UPDATE, DELETE ON %I.audit_log FROM nexus_app', target);
  -- The app checks at start-up that nothing is pending, without DDL.
  EXECUTE format('GRANT SELECT ON %I.__drizzle_migrations TO nexus_app', target);
END
$$;
