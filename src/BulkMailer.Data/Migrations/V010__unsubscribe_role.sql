-- V010: the role the unsubscribe function logs in as. Its URL is public (docs/security.md, Unsubscribe), so the
-- role may do exactly what a verified one-click request needs: add a row to the suppression list. It cannot read the
-- list, lift a suppression, or touch any other table.
-- Idempotent, and valid on a plain PostgreSQL as well as on RDS (a role is cluster-wide), like V005.

-- The role itself: may log in, nothing else. No password: on RDS it authenticates with IAM tokens.
do $$
begin
    if not exists (select from pg_roles where rolname = 'bulkmailer_unsubscribe') then
        create role bulkmailer_unsubscribe login nosuperuser nocreatedb nocreaterole;
    end if;
exception
    -- Two databases of one cluster migrating at once: the other one created it between the check and the create.
    when duplicate_object or unique_violation then null;
end
$$;

-- RDS IAM authentication: only a member of rds_iam may log in with a token; the role exists only on RDS.
do $$
begin
    if exists (select from pg_roles where rolname = 'rds_iam') then
        grant rds_iam to bulkmailer_unsubscribe;
    end if;
end
$$;

-- Reach the tables of the schema, without CREATE on it.
grant usage on schema public to bulkmailer_unsubscribe;

-- The suppress statement (insert … on conflict do nothing) needs INSERT alone: no SELECT, UPDATE or DELETE.
grant insert on suppression to bulkmailer_unsubscribe;
