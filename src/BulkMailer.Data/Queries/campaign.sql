-- Statements on campaign (V007) and the per-campaign view of mail_message that `bulkmailer status` and
-- `bulkmailer campaign` use (docs/operators.md, "A campaign's life"). Operators' statements: one round trip each.

-- name: campaign-set-state
-- Why: cancel and pause must work before any job of the campaign was claimed, so the row is upserted; a cancelled
-- campaign stays cancelled (its jobs may already be recorded 'cancelled'), so only a campaign in one of @Allowed
-- changes. Returns the state after the statement (the unchanged one when it was not allowed).
with changed as (
    insert into campaign as c (campaign_id, state)
    values (@CampaignId, @State)
    on conflict (campaign_id) do update
       set state = excluded.state, updated_at = now()
     where c.state = any(@Allowed::text[])
    returning c.state
)
select state from changed
union all
select state from campaign
 where campaign_id = @CampaignId and not exists (select from changed);

-- name: campaign-summaries
-- Why: one row per campaign (with jobs, or with a state an operator set before any claim) with everything the status
-- view derives rates from; SES accepted a job when it has an SES message id, and a job counts in the send window by
-- its first claim (created_at), which feedback never moves.
with jobs as (
    select campaign_id,
           count(*) as total,
           count(*) filter (where ses_message_id is not null) as accepted,
           count(*) filter (where ses_message_id is not null and created_at >= now() - make_interval(secs => @WindowSeconds)) as accepted_in_window,
           count(*) filter (where status = 'bounced') as bounced,
           count(*) filter (where status = 'complained') as complained,
           count(*) filter (where status = 'sending' and lease_until >= now()) as in_flight,
           count(*) filter (where status = 'sending' and (lease_until is null or lease_until < now())) as expired_leases,
           min(lease_until) filter (where status = 'sending' and lease_until < now()) as oldest_expired_lease
      from mail_message
     where @CampaignId::text is null or campaign_id = @CampaignId
     group by campaign_id
)
select coalesce(j.campaign_id, k.campaign_id) as CampaignId,
       coalesce(k.state, 'active') as State,
       coalesce(j.total, 0) as Total,
       coalesce(j.accepted, 0) as Accepted,
       coalesce(j.accepted_in_window, 0) as AcceptedInWindow,
       coalesce(j.bounced, 0) as Bounced,
       coalesce(j.complained, 0) as Complained,
       coalesce(j.in_flight, 0) as InFlight,
       coalesce(j.expired_leases, 0) as ExpiredLeases,
       j.oldest_expired_lease as OldestExpiredLease,
       (select m.job_id from mail_message m
         where m.status = 'sending' and m.lease_until = j.oldest_expired_lease
           and m.campaign_id is not distinct from j.campaign_id
         order by m.job_id limit 1) as OldestExpiredJobId
  from jobs j
  full join campaign k on k.campaign_id = j.campaign_id
 where @CampaignId::text is null or coalesce(j.campaign_id, k.campaign_id) = @CampaignId
 order by 1 nulls first;

-- name: campaign-status-counts
-- Why: the status view lists each campaign's jobs by status; rows, so a status added later needs no SQL change.
select campaign_id as CampaignId, status as Status, count(*) as Jobs
  from mail_message
 where @CampaignId::text is null or campaign_id = @CampaignId
 group by campaign_id, status;
