-- V011: the role the maintenance function logs in as (docs/operators.md, Retention and the stuck-job alarm), and the
-- index its metrics statement finds recently active campaigns with. The role may delete stored SES events and read
-- the columns the retention and the counts need — no address, no raw event, nothing else.
-- Idempotent, and valid on a plain PostgreSQL as well as on RDS (a role is cluster-wide), like V005 and V010.

-- The role itself: may log in, nothing else. No password: on RDS it authenticates with IAM tokens.
do $$
begin
    if not exists (select from pg_roles where rolname = 'bulkmailer_maintenance') then
        create role bulkmailer_maintenance login nosuperuser nocreatedb nocreaterole;
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
        grant rds_iam to bulkmailer_maintenance;
    end if;
end
$$;

-- Reach the tables of the schema, without CREATE on it.
grant usage on schema public to bulkmailer_maintenance;

-- prune-events: DELETE, and SELECT on the columns its WHERE reads (PostgreSQL requires it); not on raw or detail.
grant select (id, occurred_at, received_at), delete on mail_event to bulkmailer_maintenance;

-- maintenance-snapshot: the columns it counts by; not the recipient, the job id or the error.
grant select (campaign_id, status, lease_until, updated_at) on mail_message to bulkmailer_maintenance;

-- maintenance-snapshot finds the campaigns whose jobs changed recently every run; without this index that is a scan
-- of the whole table, which only grows. Built here, the index holds writes to mail_message while it is built (about
-- a second per million rows): docs/operators.md says to deploy this version between campaigns.
create index if not exists mail_message_updated_idx on mail_message (updated_at);
