-- Run once by the postgres image when its data volume is new (docker-entrypoint-initdb.d).
-- Two roles, least privilege (README "Running over real services"):
--   postgres   the owner: runs the migrations (the compose `migrate` service) and nothing else;
--   nexus_app  the application (web and worker): reads and writes rows, may only SELECT and INSERT on
--              audit_log, and cannot change the schema. Migration 0003 grants it exactly that; it finds
--              the role already here (created with LOGIN so the apps can connect as it).
-- The password is for this local compose stack only; set your own on any shared deployment.
CREATE ROLE nexus_app LOGIN PASSWORD 'nexus_app';
