-- V007: an operator's say over a campaign (bulkmailer campaign cancel|pause|resume, docs/operators.md "A campaign's
-- life"), and the final status 'cancelled' of the jobs a cancel stops before SES accepted them.

-- One row per campaign an operator acted on; a campaign without a row is active. The row may exist before any of the
-- campaign's jobs is claimed (right after an enqueue every job is still in the queue), so it is keyed by the id alone.
create table campaign (
    campaign_id text primary key check (length(campaign_id) between 1 and 128),
    state       text not null check (state in ('active', 'paused', 'cancelled')),
    updated_at  timestamptz not null default now()
);

-- The forward order of statuses, now with 'cancelled': decided at the claim, before any send, and never moved, like
-- 'rejected' and 'suppressed'. Mirrors BulkMailer.Core.Jobs.MailStatus.Rank (a test keeps the two equal); the
-- status check constraint of V001 accepts exactly the statuses this function ranks.
create or replace function mail_status_rank(status text) returns int
language sql immutable strict parallel safe
return case status
    when 'sending' then 0
    when 'sent' then 1
    when 'delivered' then 2
    when 'failed' then 2
    when 'bounced' then 3
    when 'complained' then 4
    when 'rejected' then 9
    when 'suppressed' then 9
    when 'cancelled' then 9
end;
