-- Statements on mail_message. Loaded by name (see SqlQueries); each runs as ONE round trip for a whole batch.

-- name: claim-batch
-- Why: decides, for every job of a batch at once, whether this invocation sends it now. The insert is the lock:
-- a new job is claimed by inserting it as 'sending' with a lease; who may re-claim an existing row, and why
-- 'held_elsewhere' differs from 'in_flight', is the lease rule (see LeaseRules, src/BulkMailer.Sender/Leases).
-- Suppressed recipients end 'suppressed' here; invalid jobs are recorded 'rejected' here; a job of a cancelled campaign
-- (the campaign table, V007) ends 'cancelled' here and a job of a paused one is not claimed at all ('paused': handed
-- back), so the campaign check costs no round trip of its own. The outer select reads the
-- pre-statement snapshot, so a row another transaction inserted concurrently shows as missing — that job is someone
-- else's claim, 'in_flight'.
-- The send governor (V012, docs/operators.md "Send governor") rides on this round trip: the jobs the claim would take
-- for sending are numbered in job-id order and ask send_governor_take for that many permits; the first 'granted'
-- are claimed, each with the milliseconds from now it may be sent at (SendAfterMs), the rest are not touched and come
-- back 'no_permit' (or 'quota_exhausted' when the 24-hour quota stopped them) with their estimated wait. A job
-- counted from the snapshot that another claim takes concurrently costs a permit it does not use (never one too few).
-- @GovernorKey null: no governor (every candidate granted at once).
with input as (
    select distinct on (job_id) job_id, campaign_id, recipient, reject_reason, message_id
      from unnest(@JobIds::text[], @CampaignIds::text[], @Recipients::text[], @RejectReasons::text[], @MessageIds::text[])
           with ordinality as t(job_id, campaign_id, recipient, reject_reason, message_id, ord)
     order by job_id, ord
),
decided as (
    select i.job_id, i.campaign_id, i.recipient, i.reject_reason, i.message_id,
           case when i.reject_reason is not null then 'rejected'
                when k.state = 'cancelled' then 'cancelled'
                when s.email is not null then 'suppressed'
                when k.state = 'paused' then 'paused'
                else 'sending' end as new_status
      from input i
      left join suppression s on s.email = lower(i.recipient)
      left join campaign k on k.campaign_id = i.campaign_id
),
candidates as (
    select d.job_id, row_number() over (order by d.job_id)::int as n
      from decided d
      left join mail_message m on m.job_id = d.job_id
     where d.new_status = 'sending'
       and (m.job_id is null
            or (m.status = 'sending' and (m.lease_until is null or m.lease_until < now() or m.lease_owner = @Owner)))
),
permits as (
    select p.*
      from (select count(*)::int as wanted from candidates) w,
           lateral send_governor_take(@GovernorKey, @Rate, @Burst, w.wanted, @MaxWaitMs, @QuotaRemaining, @QuotaAgeMs,
                                      @QuotaMaxAgeMs, @QuotaInFlightMs, @RecoveryPerSecond) p
),
slotted as (
    select c.job_id, c.n <= p.granted as granted, p.quota_limited, p.granted_at,
           greatest(0, p.debt_ms + (c.n - p.burst) * p.interval_ms) as after_ms
      from candidates c cross join permits p
),
claimed as (
    insert into mail_message as m (job_id, campaign_id, recipient, status, attempts, last_error, lease_owner, lease_until, lease_message)
    select job_id, campaign_id, recipient, new_status,
           case when new_status = 'sending' then 1 else 0 end,
           case new_status when 'rejected' then reject_reason when 'suppressed' then 'recipient is on the suppression list'
                           when 'cancelled' then 'campaign cancelled before the mail was sent' end,
           case when new_status = 'sending' then @Owner end,
           case when new_status = 'sending' then now() + make_interval(secs => @LeaseSeconds) end,
           case when new_status = 'sending' then message_id end
      from decided
     -- a paused campaign's job leaves its row as it is (none, or 'sending' with its lease) until the campaign resumes
     where new_status <> 'paused'
       -- a candidate beyond the grant is not claimed: its row stays as it is
       and not exists (select from slotted x where x.job_id = decided.job_id and not x.granted)
     -- Rows are inserted (and existing ones locked) in job_id order, the order record-results and ingest-feedback
     -- lock in, so two statements over the same jobs queue behind each other instead of deadlocking.
     order by job_id
    on conflict (job_id) do update
       set status = excluded.status,
           attempts = m.attempts + excluded.attempts,
           last_error = coalesce(excluded.last_error, m.last_error),
           lease_owner = excluded.lease_owner,
           lease_until = excluded.lease_until,
           lease_message = excluded.lease_message,
           updated_at = now()
     where m.status = 'sending'
       and (m.lease_until is null or m.lease_until < now() or m.lease_owner = @Owner)
       -- an invalid redelivery of a job id never overrides a valid claim
       and excluded.status <> 'rejected'
    returning m.job_id, m.status, m.attempts
)
select d.job_id as JobId,
       case when x.job_id is not null and not x.granted then case when x.quota_limited then 'quota_exhausted' else 'no_permit' end
            when c.job_id is not null then c.status
            when m.status is not null and m.status <> 'sending' then 'final'
            when d.new_status = 'paused' then 'paused'
            when m.status = 'sending' and m.lease_message is not null and d.message_id is not null
                 and m.lease_message <> d.message_id then 'held_elsewhere'
            when m.status is null or m.status = 'sending' then 'in_flight'
            else 'final' end as Outcome,
       coalesce(c.status, m.status, 'sending') as Status,
       coalesce(c.attempts, m.attempts, 0) as Attempts,
       -- counted from the answer, not the grant: the time the rest of the statement took is not added to every slot
       coalesce(greatest(0, x.after_ms - extract(epoch from clock_timestamp() - x.granted_at) * 1000), 0)::double precision as PermitAfterMs
  from decided d
  left join claimed c on c.job_id = d.job_id
  left join slotted x on x.job_id = d.job_id
  left join mail_message m on m.job_id = d.job_id;

-- name: record-results
-- Why: one update for the whole batch after the sends. Status only moves forward (feedback may already have
-- delivered it); the SES message id is kept once known; the lease is cleared or kept as LeaseRules says. The error
-- is this send's unless feedback already moved the row past 'sent': a bounce's or complaint's diagnostic is the one
-- a person needs. The rows are locked first in job_id order (as claim-batch and ingest-feedback do), so a record and
-- an ingest over the same jobs wait for each other instead of deadlocking. Safe to run twice (StaticConnection retries).
-- SES throttles that still happened ride along (@Throttles > 0): the send governor's AIMD factor is multiplied by
-- @DecreaseFactor (at most once per @DecreaseSpacingMs, after its linear recovery so far), never below @MinFactor —
-- GovernorArithmetic.AfterThrottle in C#.
with slowed as (
    update send_governor g
       set factor = greatest(@MinFactor, send_governor_factor(g.factor, g.factor_changed_at, clock_timestamp(), @RecoveryPerSecond) * @DecreaseFactor),
           factor_changed_at = clock_timestamp(),
           updated_at = clock_timestamp()
     where g.governor_key = @GovernorKey
       and @Throttles > 0
       and g.factor_changed_at <= clock_timestamp() - @DecreaseSpacingMs * interval '1 millisecond'
    returning g.governor_key
),
r as (
    select *
      from unnest(@JobIds::text[], @Statuses::text[], @SesMessageIds::text[], @Errors::text[], @ReleaseLeases::boolean[])
           as r(job_id, status, ses_message_id, error, release)
),
locked as materialized (
    select m.job_id
      from mail_message m
     where m.job_id in (select job_id from r)
       -- reading slowed here runs it first: the governor row is locked before the job rows, the order claim-batch
       -- takes them in, so a throttled record and a claim over the same jobs never deadlock
       and (select count(*) from slowed) >= 0
     order by m.job_id
       for update
)
update mail_message m
   set status = case when mail_status_rank(r.status) > mail_status_rank(m.status) then r.status else m.status end,
       ses_message_id = coalesce(m.ses_message_id, r.ses_message_id),
       last_error = case when mail_status_rank(m.status) > mail_status_rank('sent') then m.last_error else r.error end,
       lease_owner = case when m.status = 'sending' and r.status = 'sending' and not r.release then m.lease_owner end,
       lease_until = case when m.status = 'sending' and r.status = 'sending' and not r.release then m.lease_until end,
       updated_at = now()
  from r
 where m.job_id = r.job_id
   and m.job_id in (select job_id from locked);
