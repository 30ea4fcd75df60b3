-- V005: the application role the sender and feedback functions log in as: the DML they need and nothing else, so a
-- compromised function cannot change the schema. The master login stays the migrator's alone.
-- Idempotent, and valid on a plain PostgreSQL as well as on RDS: a role is cluster-wide, so another database of the
-- same cluster may have created it already.

-- The role itself: may log in, may not create roles, databases or anything that needs a superuser. No password:
-- on RDS it authenticates with IAM tokens; elsewhere an operator sets one.
do $$
begin
    if not exists (select from pg_roles where rolname = 'bulkmailer_app') then
        create role bulkmailer_app login nosuperuser nocreatedb nocreaterole;
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
        grant rds_iam to bulkmailer_app;
    end if;
end
$$;

-- Reach the tables of the schema, without CREATE on it.
grant usage on schema public to bulkmailer_app;

-- Read and write the rows of every table that exists now.
grant select, insert, update, delete on all tables in schema public to bulkmailer_app;

-- Draw values from every sequence that exists now (identity columns and serials).
grant usage, select on all sequences in schema public to bulkmailer_app;

-- The same for tables later migrations create (they run as this migration's login, the one these defaults bind).
alter default privileges in schema public grant select, insert, update, delete on tables to bulkmailer_app;

-- The same for sequences later migrations create.
alter default privileges in schema public grant usage, select on sequences to bulkmailer_app;
