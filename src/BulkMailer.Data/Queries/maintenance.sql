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
    select m.campaign_id, m.status, count(*) as jobs,
           count(*) filter (where m.status = 'sending' and (m.lease_until is null or m.lease_until < now())) as expired
      from mail_message m
      join recent r on r.campaign_id = m.campaign_id
     group by m.campaign_id, m.status
)
select null::text as CampaignId, null::text as Status, s.jobs as Jobs, s.jobs as ExpiredLeases,
       s.oldest_seconds as OldestExpiredSeconds, 0 as Position
  from stuck s
union all
select c.campaign_id, c.status, c.jobs, c.expired, null,
       row_number() over (order by r.last_change desc, r.campaign_id, c.status)
  from counts c
  join recent r on r.campaign_id = c.campaign_id
 order by Position;
