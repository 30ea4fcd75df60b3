-- Statements on send_governor (V012) of their own; claim-batch (mail_message.sql) takes its permits in the claim's
-- round trip, and record-results reports throttles in the record's.

-- name: take-send-permits
-- Why: a send unit that woke later than its slot's tolerance may not use that slot any more (the slots after it
-- belong to other environments' sends, and the two would reach SES together), so it takes @Count fresh permits at
-- the end of the account's line, waiting at most @MaxWaitMs; AfterMs is the wait for the last of them, counted from
-- the answer as claim-batch counts its slots. A grant smaller than @Count is not used (the unit goes back) and its
-- permits are wasted: a few mails' worth of rate, never a send over it.
select p.granted as Granted,
       greatest(0, p.debt_ms + (@Count - p.burst) * p.interval_ms
                   - extract(epoch from clock_timestamp() - p.granted_at) * 1000)::double precision as AfterMs
  from send_governor_take(@GovernorKey, @Rate, @Burst, @Count, @MaxWaitMs, @QuotaRemaining, @QuotaAgeMs,
                          @QuotaMaxAgeMs, @QuotaInFlightMs, @RecoveryPerSecond) p;
