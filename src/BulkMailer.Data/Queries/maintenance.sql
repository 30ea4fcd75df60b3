-- The maintenance function's read (docs/operators.md, Retention and the stuck-job alarm). Its delete is
-- prune-events in mail_event.sql, the statement `bulkmailer prune` runs.

-- name: maintenance-snapshot
-- Why: the stuck-job alarm and the dashboard's campaign graphs in one round trip: first one row (CampaignId null)
-- with every expired 'sending' lease (a lease is expired as in campaign-summaries; mail_message_sending_idx finds
-- them), then the jobs by status of the @MaxCampaigns campaigns whose jobs changed most recently within
-- @ActiveSeconds (mail_message_updated_idx of V011 finds them without scanning the table), most recent first.
with stuck as (
    select count(*) as jobs,
           extract(epoch from now() - min(lease_until))::float8 as oldest_seconds
      from mail_message
     where status = 'sending' and (lease_until is null or lease_until < now())
),
recent as (
    select campaign_id, max(updated_at) as last_change
      from mail_message
     where updated_at >= now() - make_interval(secs => @ActiveSeconds)
       and campaign_id is not null
     group by campaign_id
     order by last_change desc, campaign_id
     limit @MaxCampaigns
),
counts as (
    -- Per campaign, so each count walks that campaign's entries of mail_message_campaign_status_idx (and its expired
    -- leases those of mail_message_sending_idx) instead of the planner hashing the whole table against the list.
    select r.campaign_id, r.last_change, s.status, s.jobs, x.expired
      from recent r
     cross join lateral (
            select m.status, count(*) as jobs
              from mail_message m
             where m.campaign_id = r.campaign_id
             group by m.status) s
     cross join lateral (
            select count(*) as expired
              from mail_message e
             where e.campaign_id = r.campaign_id
               and e.status = 'sending' and (e.lease_until is null or e.lease_until < now())) x
)
select null::text as CampaignId, null::text as Status, s.jobs as Jobs, s.jobs as ExpiredLeases,
       s.oldest_seconds as OldestExpiredSeconds, 0 as Position
  from stuck s
union all
select c.campaign_id, c.status, c.jobs, case when c.status = 'sending' then c.expired else 0 end, null,
       row_number() over (order by c.last_change desc, c.campaign_id, c.status)
  from counts c
 order by Position;
