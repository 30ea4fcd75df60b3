-- Read-only statements that watch a campaign settle (local run, bench, integration tests). The status sets are
-- parameters passed from MailStatus (Final, Settled), so the SQL and the domain cannot disagree on "final".

-- name: count-progress
-- Why: one round trip per poll tells how many jobs are final, how many settled, and how many mails SES accepted.
select count(*) filter (where status = any(@Final::text[])) as Final,
       count(*) filter (where status = any(@Settled::text[])) as Settled,
       count(*) filter (where ses_message_id is not null) as SentBySes
  from mail_message;

-- name: count-by-status
-- Why: a run report lists how many jobs ended in each status.
select status as Status, count(*) as Jobs
  from mail_message
 group by status;

-- name: job-statuses
-- Why: the exactly-once check compares each job's status with what SES accepted for it.
select job_id as JobId, status as Status
  from mail_message;

-- name: recipients-in-statuses
-- Why: an end-to-end check compares the recipients of bounced or complained jobs with the suppression list.
select distinct lower(recipient)
  from mail_message
 where status = any(@Statuses::text[])
 order by 1;

-- name: suppressed-emails
-- Why: the suppression list at the end of a run, sorted, for that same comparison.
select email
  from suppression
 order by email;

-- name: count-events
-- Why: the feedback bench checks that every SES event it queued was ingested exactly once and matched to its job.
select count(*) as Rows,
       count(distinct event_key) as DistinctKeys,
       count(*) filter (where job_id is not null and error is null) as Matched
  from mail_event;
