-- Two database roles (docs/database.md): the migrator (whoever runs migrations) owns the schema;
-- the app role `wegwijs_app` reads and writes data but may only INSERT into (and read) the audit
-- log — never UPDATE, DELETE or TRUNCATE it. Created only where the migrator may create roles.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wegwijs_app')
     AND (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    BEGIN
      CREATE ROLE wegwijs_app NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- created meanwhile by another database's migration on the same server
    END;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wegwijs_app') THEN
    GRANT USAGE ON SCHEMA public TO wegwijs_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO wegwijs_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO wegwijs_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO wegwijs_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO wegwijs_app;
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM wegwijs_app;
  END IF;
END;
$$;
