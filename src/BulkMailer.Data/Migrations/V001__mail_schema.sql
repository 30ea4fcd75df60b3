-- V001: the three tables of docs/contract.md §4 (Database) and the indexes their statements need.

-- The forward order of statuses; feedback only ever moves a row to a higher rank.
-- Mirrors BulkMailer.Core.Jobs.MailStatus.Rank (a test keeps the two equal).
create function mail_status_rank(status text) returns int
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
end;

create table mail_message (
    job_id         text primary key check (length(job_id) between 1 and 128),
    campaign_id    text,
    -- null only for a body that was not JSON at all (recorded under its SQS message id).
    recipient      text,
    status         text not null check (mail_status_rank(status) is not null),
    ses_message_id text,
    attempts       int not null default 0,
    last_error     text,
    -- A claim is a lease: while it runs, another delivery of the same job is not sent (see README, "Idempotency").
    lease_owner    text,
    lease_until    timestamptz,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);

-- Feedback finds its job by SES message id; unique because one SES message is one job.
create unique index mail_message_ses_message_id_key on mail_message (ses_message_id) where ses_message_id is not null;
-- Reports and operators count a campaign by status.
create index mail_message_campaign_status_idx on mail_message (campaign_id, status);
-- Operators (and the stuck-job alarm) look for leases left behind by dead environments.
create index mail_message_sending_idx on mail_message (lease_until) where status = 'sending';

create table mail_event (
    id             bigint generated always as identity primary key,
    -- The event's identity (see FeedbackParser): redelivery of the same SES event is one row.
    event_key      text not null unique,
    event_type     text not null,
    ses_message_id text,
    job_id         text,
    occurred_at    timestamptz,
    detail         text,
    -- Why the body could not be used (unparseable, unknown type, unknown message); null when it was.
    error          text,
    raw            text not null,
    received_at    timestamptz not null default now()
);

-- A job's history, newest first.
create index mail_event_job_idx on mail_event (job_id, occurred_at);
create index mail_event_ses_message_idx on mail_event (ses_message_id);

create table suppression (
    email      text primary key check (email = lower(email)),
    reason     text not null,
    source     text not null,
    created_at timestamptz not null default now()
);
