-- Statements of feedback ingestion (mail_event, mail_message, suppression, transient_bounce). Each runs as ONE round
-- trip per batch.

-- name: ingest-feedback
-- Why: a whole SQS batch of SES events in one statement. Events are inserted idempotently on their identity;
-- each job moves to the highest-ranked status its events carry, and only forward; a job is found by SES message id,
-- or by the job-id tag when the sender died before recording the id (that also settles a job left 'sending');
-- permanent bounces and complaints suppress their recipients. Transient bounces about the address are kept in
-- transient_bounce, and when the repeated-transient rule is on (@TransientThreshold > 0) an address this batch
-- brought a new one for is suppressed once it has @TransientThreshold within @TransientWindowSeconds before its
-- newest. Redelivery changes nothing: the event and bounce rows exist, the status is already there, the
-- suppression rows exist. All sub-statements share one snapshot, so a count over transient_bounce sees only the
-- rows of earlier batches; this batch's new rows are added from the insert's RETURNING.
with input as (
    select *
      from unnest(@EventKeys::text[], @EventTypes::text[], @SesMessageIds::text[], @JobIds::text[],
                  @OccurredAts::timestamptz[], @NewStatuses::text[], @Details::text[], @Errors::text[], @Raws::text[])
           with ordinality as t(event_key, event_type, ses_message_id, job_id, occurred_at, new_status, detail, error, raw, ord)
),
matched as (
    -- The job-id tag is exact when SES echoed it; the SES message id (indexed, not unique: V004) is the fallback.
    -- One row per event either way: a scalar subquery, not a join that a repeated id could multiply.
    select i.*, coalesce(by_tag.job_id,
                         (select m.job_id from mail_message m where m.ses_message_id = i.ses_message_id order by m.job_id limit 1)) as matched_job_id
      from input i
      left join mail_message by_tag on by_tag.job_id = i.job_id
),
locked as materialized (
    -- The rows this batch may advance, locked in job_id order before any is updated: the order claim-batch and
    -- record-results lock in, so an ingest and a record over the same jobs wait for each other instead of deadlocking.
    select m.job_id
      from mail_message m
     where m.job_id in (select matched_job_id from matched where new_status is not null)
     order by m.job_id
       for update
),
inserted as (
    insert into mail_event (event_key, event_type, ses_message_id, job_id, occurred_at, detail, error, raw)
    select distinct on (event_key) event_key, event_type, ses_message_id, coalesce(matched_job_id, job_id), occurred_at, detail,
           coalesce(error, case when matched_job_id is null then 'no job found for this SES message' end), raw
      from matched
     order by event_key, ord
    on conflict (event_key) do nothing
    returning event_key
),
advanced as (
    update mail_message m
       set status = x.new_status,
           ses_message_id = coalesce(m.ses_message_id, x.ses_message_id),
           last_error = case when x.new_status in ('failed', 'bounced', 'complained') then x.detail else m.last_error end,
           lease_owner = null,
           lease_until = null,
           updated_at = now()
      from (select distinct on (matched_job_id) matched_job_id, new_status, ses_message_id, detail
              from matched
             where matched_job_id is not null and new_status is not null
             order by matched_job_id, mail_status_rank(new_status) desc, ord) x
     where m.job_id = x.matched_job_id
       and m.job_id in (select job_id from locked)
       and mail_status_rank(x.new_status) > mail_status_rank(m.status)
    returning m.job_id
),
recorded_bounces as (
    insert into transient_bounce (event_key, email, reason, occurred_at)
    -- lower() here as well as in the client: the check constraint is PostgreSQL's lower(), whose idea of case may
    -- differ from .NET's for rare characters, and a violated constraint would fail every redelivery of the batch.
    select distinct on (event_key, email) event_key, email, reason, coalesce(occurred_at, now())
      from (select event_key, lower(email) as email, reason, occurred_at
              from unnest(@CandidateEventKeys::text[], @CandidateEmails::text[], @CandidateReasons::text[], @CandidateOccurredAts::timestamptz[])
                   as c(event_key, email, reason, occurred_at)) c
     order by event_key, email
    on conflict (event_key, email) do nothing
    returning email, occurred_at
),
repeated as (
    select n.email
      from (select email, max(occurred_at) as newest from recorded_bounces group by email) n
     where @TransientThreshold > 0
       and (select count(*) from transient_bounce t
             where t.email = n.email and t.occurred_at > n.newest - make_interval(secs => @TransientWindowSeconds))
         + (select count(*) from recorded_bounces r
             where r.email = n.email and r.occurred_at > n.newest - make_interval(secs => @TransientWindowSeconds))
           >= @TransientThreshold
),
to_suppress as (
    select lower(email) as email, reason, 1 as preference, ord
      from unnest(@SuppressEmails::text[], @SuppressReasons::text[]) with ordinality as s(email, reason, ord)
    union all
    select email, 'bounce:Transient/Repeated', 2, 0
      from repeated
),
suppressed as (
    -- One row per address: an event's own reason before the repeated-transient rule, then the first in the batch.
    insert into suppression (email, reason, source)
    select distinct on (email) email, reason, 'ses-feedback'
      from to_suppress
     order by email, preference, ord
    on conflict (email) do nothing
    returning email, reason
)
select (select count(*) from inserted)::int as EventsInserted,
       (select count(*) from advanced)::int as StatusesAdvanced,
       (select count(*) from suppressed)::int as SuppressionsAdded,
       (select count(*) from matched where matched_job_id is null and error is null)::int as UnknownMessages,
       (select count(*) from recorded_bounces)::int as TransientBouncesRecorded,
       (select count(*) from suppressed where reason = 'bounce:Transient/Repeated')::int as RepeatedTransientSuppressions;
