-- Statements of feedback ingestion (mail_event, mail_message, suppression). Each runs as ONE round trip per batch.

-- name: ingest-feedback
-- Why: a whole SQS batch of SES events in one statement. Events are inserted idempotently on their identity;
-- each job moves to the highest-ranked status its events carry, and only forward; a job is found by SES message id,
-- or by the job-id tag when the sender died before recording the id (that also settles a job left 'sending');
-- permanent bounces and complaints suppress their recipients. Redelivery changes nothing: the event rows exist,
-- the status is already there, the suppression rows exist.
with input as (
    select *
      from unnest(@EventKeys::text[], @EventTypes::text[], @SesMessageIds::text[], @JobIds::text[],
                  @OccurredAts::timestamptz[], @NewStatuses::text[], @Details::text[], @Errors::text[], @Raws::text[])
           with ordinality as t(event_key, event_type, ses_message_id, job_id, occurred_at, new_status, detail, error, raw, ord)
),
matched as (
    select i.*, coalesce(by_id.job_id, by_tag.job_id) as matched_job_id
      from input i
      left join mail_message by_id on by_id.ses_message_id = i.ses_message_id
      left join mail_message by_tag on by_tag.job_id = i.job_id
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
       and mail_status_rank(x.new_status) > mail_status_rank(m.status)
    returning m.job_id
),
suppressed as (
    insert into suppression (email, reason, source)
    select distinct on (email) email, reason, 'ses-feedback'
      from unnest(@SuppressEmails::text[], @SuppressReasons::text[]) as s(email, reason)
     order by email
    on conflict (email) do nothing
    returning email
)
select (select count(*) from inserted)::int as EventsInserted,
       (select count(*) from advanced)::int as StatusesAdvanced,
       (select count(*) from suppressed)::int as SuppressionsAdded,
       (select count(*) from matched where matched_job_id is null and error is null)::int as UnknownMessages;
