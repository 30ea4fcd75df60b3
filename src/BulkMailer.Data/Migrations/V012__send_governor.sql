-- V012: the send governor (docs/operators.md, "Send governor"). SES enforces ONE maximum send rate and ONE 24-hour
-- quota per account and region, whatever the number of sender environments; this row is that one budget, and
-- claim-batch takes its permits from it in the claim's own round trip. The arithmetic is written once more in C#
-- (src/BulkMailer.Sender/Governor/GovernorArithmetic.cs) with unit tests; a data test keeps the two equal.

-- One row per SES account and region (the key the sender passes, "ses:<region>"). GCRA rather than tokens + last
-- refill: one timestamp both says how full the bucket is and spaces the permits it grants exactly 1/rate apart, so a
-- grant hands each job its own send time and the update is a single assignment.
create table send_governor (
    governor_key        text primary key check (length(governor_key) between 1 and 128),
    -- the account rate (mails/s; 0 = no rate limit) and burst (mails) of the latest claim: the sender's settings win
    rate                double precision not null check (rate >= 0),
    burst               double precision not null check (burst >= 0),
    -- theoretical arrival time: the bucket is empty up to here; a permit's slot is tat + (i - burst) / effective rate
    tat                 timestamptz not null,
    -- AIMD: the share of the rate in use as of factor_changed_at (recovers linearly from there, send_governor_factor)
    factor              double precision not null default 1 check (factor > 0 and factor <= 1),
    factor_changed_at   timestamptz not null,
    -- the 24-hour quota as SES's GetAccount last said: Max24HourSend - SentLast24Hours (-1: unlimited), when, and the
    -- permits granted since that SES cannot have counted yet
    quota_remaining     bigint,
    quota_read_at       timestamptz,
    granted_since_read  bigint not null default 0,
    updated_at          timestamptz not null
);

-- The functions claim with: read, insert and update this table (no delete; rows are few and tiny).
grant select, insert, update on send_governor to bulkmailer_app;

-- The AIMD factor at a moment: the stored factor plus the linear recovery since it was set, never above 1.
create function send_governor_factor(factor double precision, changed_at timestamptz, at timestamptz, recovery_per_second double precision)
returns double precision
language sql immutable strict parallel safe
return least(1, factor + recovery_per_second * greatest(0, extract(epoch from at - changed_at)));

-- Takes up to p_wanted permits whose send slots fall within p_max_wait_ms from now, and says how many it granted,
-- whether the 24-hour quota (not the rate) stopped the rest, and the slot line: permit i (1-based) of this call may
-- go at greatest(0, debt_ms + (i - burst) * interval_ms) milliseconds from now (permits beyond the grant: their
-- estimated wait), counted from granted_at. The row lock serialises concurrent claims; clock_timestamp() after the
-- lock is the one clock.
create function send_governor_take(
    p_key text, p_rate double precision, p_burst double precision, p_wanted int, p_max_wait_ms double precision,
    p_quota_remaining bigint, p_quota_age_ms double precision, p_quota_max_age_ms double precision,
    p_quota_in_flight_ms double precision, p_recovery_per_second double precision)
returns table (granted int, quota_limited boolean, debt_ms double precision, interval_ms double precision, burst double precision, granted_at timestamptz)
language plpgsql volatile
as $$
declare
    g send_governor;
    t timestamptz;
    r double precision;
    tat0 timestamptz;
    debt double precision := 0;
    by_rate bigint;
    by_quota bigint;
    n int;
    read_at timestamptz;
begin
    if p_key is null or p_wanted <= 0 then
        return query select greatest(p_wanted, 0), false, 0::double precision, 0::double precision, 0::double precision, clock_timestamp();
        return;
    end if;
    insert into send_governor as s (governor_key, rate, burst, tat, factor_changed_at, updated_at)
    values (p_key, p_rate, p_burst, clock_timestamp(), clock_timestamp(), clock_timestamp())
    on conflict (governor_key) do nothing;
    select * into strict g from send_governor s where s.governor_key = p_key for update;
    t := clock_timestamp();
    r := case when p_rate > 0 then p_rate * send_governor_factor(g.factor, g.factor_changed_at, t, p_recovery_per_second) end;
    tat0 := greatest(g.tat, t);
    -- A fresher reading of the quota replaces the stored one. The permits whose slots lie after the reading (less an
    -- allowance for sends under way) are ones SES could not have counted yet: they stay counted. Every claim carries
    -- its environment's latest reading; the same reading again differs only by clock jitter (under a second), and is
    -- not taken twice
    if p_quota_remaining is not null then
        read_at := t - p_quota_age_ms * interval '1 millisecond';
        if g.quota_read_at is null or read_at > g.quota_read_at + interval '1 second' then
            g.quota_remaining := p_quota_remaining;
            g.quota_read_at := read_at;
            -- ((tat - x) * r - burst permits have slots after x; never more than were granted since the reading before;
            -- without a rate there are no slots to tell, so all of those stay counted)
            g.granted_since_read := case when r is null then g.granted_since_read
                else least(g.granted_since_read,
                           ceil(greatest(0, extract(epoch from g.tat - (read_at - p_quota_in_flight_ms * interval '1 millisecond')) * r - p_burst))::bigint) end;
        end if;
    end if;
    if r is null then
        by_rate := p_wanted;
    else
        debt := extract(epoch from tat0 - t);
        -- permit i fits when debt + (i - burst) / r <= max wait; the epsilon keeps an exact fit from rounding away
        by_rate := greatest(0, floor(p_burst + r * (p_max_wait_ms / 1000.0 - debt) + 1e-9))::bigint;
    end if;
    by_quota := case when g.quota_remaining is not null and g.quota_remaining >= 0
                      and g.quota_read_at >= t - p_quota_max_age_ms * interval '1 millisecond'
                     then greatest(0, g.quota_remaining - g.granted_since_read) end;
    n := least(p_wanted, by_rate, coalesce(by_quota, p_wanted))::int;
    update send_governor s
       set rate = p_rate,
           burst = p_burst,
           tat = case when r is null then t else tat0 + (n / r) * interval '1 second' end,
           quota_remaining = g.quota_remaining,
           quota_read_at = g.quota_read_at,
           granted_since_read = g.granted_since_read + n,
           updated_at = t
     where s.governor_key = p_key;
    return query select n, coalesce(by_quota < least(p_wanted, by_rate), false), debt * 1000,
                        case when r is null then 0 else 1000 / r end, case when r is null then 0 else p_burst end, t;
end
$$;
