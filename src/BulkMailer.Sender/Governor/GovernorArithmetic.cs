using BulkMailer.Sender.Ports;

namespace BulkMailer.Sender.Governor;

/// <summary>
/// The send governor's arithmetic, written here as pure functions and once more in SQL (send_governor_take and
/// send_governor_factor in migration V012, the throttle update in record-results); a data test drives the SQL with the
/// numbers these functions give. docs/operators.md ("Send governor") explains the choices:
/// <list type="bullet">
/// <item><b>GCRA</b>: one theoretical arrival time per account. Permit i of a claim gets the slot
/// max(now, tat0 + (i − burst) / r) with tat0 = max(tat, now); a claim is granted the permits whose slots fall within
/// its <see cref="SendPermitRequest.MaxWait"/>, so a claim at rest gets floor(burst + r × maxWait), and tat moves on by
/// granted / r. Over any window the account is granted at most burst + r × window.</item>
/// <item><b>Burst</b> = half a second's worth (<see cref="BurstFor"/>): SES lets about one second's worth through at
/// once; half leaves the other half for the network and the clocks between the database and SES.</item>
/// <item><b>AIMD</b>: a rate throttle that still happens multiplies the factor by <see cref="DecreaseFactor"/> (at most
/// once per <see cref="DecreaseSpacing"/>, never below <see cref="MinFactor"/>); it recovers by
/// <see cref="RecoveryPerSecond"/> (5 % of the rate per 10 s) up to 1. The effective rate is rate × factor.</item>
/// <item><b>Quota</b>: the last GetAccount reading less the permits granted since; a reading older than
/// <see cref="QuotaMaxAge"/> is not enforced. A newer reading starts the count again from the permits whose slots
/// lie after it less <see cref="QuotaInFlight"/> (sends SES could not have counted yet; at most the count so far).</item>
/// </list>
/// </summary>
public static class GovernorArithmetic
{
    /// <summary>Multiplicative decrease after a rate throttle.</summary>
    public const double DecreaseFactor = 0.7;

    /// <summary>Additive increase: 5 % of the configured rate per 10 s.</summary>
    public const double RecoveryPerSecond = 0.005;

    /// <summary>The factor never goes below this: a tenth of the rate still drains a campaign, and recovers in 3 min.</summary>
    public const double MinFactor = 0.1;

    /// <summary>Throttles within this time of the last decrease are the same congestion: one decrease for them.</summary>
    public static readonly TimeSpan DecreaseSpacing = TimeSpan.FromSeconds(1);

    /// <summary>Three refresh intervals: a reading no environment renewed for this long is not enforced any more.</summary>
    public static readonly TimeSpan QuotaMaxAge = TimeSpan.FromMinutes(15);

    /// <summary>Sends granted this long before a reading may not have reached SES when it was read.</summary>
    public static readonly TimeSpan QuotaInFlight = TimeSpan.FromSeconds(1);

    /// <summary>The claim's own round trip and the first send's start: kept free at the end of the wait.</summary>
    public static readonly TimeSpan ClaimAllowance = TimeSpan.FromSeconds(1);

    /// <summary>A job without a permit waits at least this long: the next claim would meet the same full bucket.</summary>
    public static readonly TimeSpan ShortestNoPermitDelay = TimeSpan.FromSeconds(2);

    /// <summary>And at most this long: the estimate assumes nobody else claims meanwhile, so it only gets less true.</summary>
    public static readonly TimeSpan LongestNoPermitDelay = TimeSpan.FromMinutes(5);

    /// <summary>A unit may always be this late for its slot: timer and scheduling noise, not a reason for a round trip.</summary>
    public static readonly TimeSpan ShortestLateSlotTolerance = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How late a send may start after its slot and still use it. SES lets about one second's worth through at once;
    /// the burst uses part of it, and sends that start late pile up on the ones on time in what is left,
    /// (rate − burst) ÷ rate seconds. Half of that (250 ms at the default burst), so the other half stays for the
    /// network; never under <see cref="ShortestLateSlotTolerance"/>.
    /// </summary>
    public static TimeSpan LateSlotTolerance(double rate, double burst) =>
        rate > 0
            ? TimeSpan.FromSeconds(Math.Max(ShortestLateSlotTolerance.TotalSeconds, Math.Max(0, rate - burst) / rate / 2))
            : TimeSpan.MaxValue;

    /// <summary>Half a second's worth of the rate, at least one mail; 0 without a rate.</summary>
    public static double BurstFor(double rate) => rate > 0 ? Math.Max(1, Math.Floor(rate / 2)) : 0;

    /// <summary>The latest slot an invocation can use: its time left less the deadline margin and the claim allowance.</summary>
    public static TimeSpan MaxWait(TimeSpan remaining, TimeSpan deadlineMargin)
    {
        var wait = remaining - deadlineMargin - ClaimAllowance;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>The AIMD factor at <paramref name="at"/>: the stored one plus its recovery since, at most 1.</summary>
    public static double FactorAt(double factor, DateTimeOffset changedAt, DateTimeOffset at) =>
        Math.Min(1, factor + (RecoveryPerSecond * Math.Max(0, (at - changedAt).TotalSeconds)));

    /// <summary>The factor and its time after a rate throttle at <paramref name="at"/> (unchanged within the spacing).</summary>
    public static (double Factor, DateTimeOffset ChangedAt) AfterThrottle(double factor, DateTimeOffset changedAt, DateTimeOffset at) =>
        changedAt <= at - DecreaseSpacing
            ? (Math.Max(MinFactor, FactorAt(factor, changedAt, at) * DecreaseFactor), at)
            : (factor, changedAt);

    /// <summary>How long a job the governor had no permit for stays out of sight: until its slot would fall within
    /// the next claim's wait, bounded by <see cref="ShortestNoPermitDelay"/> and <see cref="LongestNoPermitDelay"/>.</summary>
    public static TimeSpan NoPermitDelay(TimeSpan permitAfter, TimeSpan maxWait)
    {
        var delay = TimeSpan.FromSeconds(Math.Ceiling((permitAfter - maxWait).TotalSeconds));
        return delay < ShortestNoPermitDelay ? ShortestNoPermitDelay : delay > LongestNoPermitDelay ? LongestNoPermitDelay : delay;
    }

    /// <summary>One claim of <paramref name="wanted"/> permits at <paramref name="now"/>: the grant and the row after it.</summary>
    public static (SendPermitGrant Grant, GovernorState State) Take(GovernorState state, SendPermitRequest request, int wanted, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request);
        if (wanted <= 0)
        {
            return (new SendPermitGrant(0, false, TimeSpan.Zero, TimeSpan.Zero, 0), state);
        }
        double? rate = request.Rate > 0 ? request.Rate * FactorAt(state.Factor, state.FactorChangedAt, now) : null;
        var tat0 = state.Tat > now ? state.Tat : now;
        if (request.Quota is { } reading && (state.QuotaReadAt is null || now - reading.Age > state.QuotaReadAt))
        {
            var readAt = now - reading.Age;
            // (tat - x) × r - burst permits have slots after x; never more than were granted since the reading before;
            // without a rate there are no slots to tell, so all of those stay counted.
            var uncounted = rate is { } r
                ? Math.Min(state.GrantedSinceRead, (long)Math.Ceiling(Math.Max(0, ((state.Tat - (readAt - QuotaInFlight)).TotalSeconds * r) - request.Burst)))
                : state.GrantedSinceRead;
            state = state with { QuotaRemaining = reading.Remaining, QuotaReadAt = readAt, GrantedSinceRead = uncounted };
        }
        var debt = rate is null ? TimeSpan.Zero : tat0 - now;
        var byRate = rate is { } perSecond
            ? (long)Math.Max(0, Math.Floor(request.Burst + (perSecond * (request.MaxWait - debt).TotalSeconds) + 1e-9))
            : wanted;
        long? byQuota = state is { QuotaRemaining: >= 0, QuotaReadAt: { } readAtNow } && readAtNow >= now - QuotaMaxAge
            ? Math.Max(0, state.QuotaRemaining.Value - state.GrantedSinceRead)
            : null;
        var granted = (int)Math.Min(wanted, Math.Min(byRate, byQuota ?? wanted));
        var quotaLimited = byQuota is { } quota && quota < Math.Min(wanted, byRate);
        var next = state with
        {
            Tat = rate is { } used ? tat0 + TimeSpan.FromSeconds(granted / used) : now,
            GrantedSinceRead = state.GrantedSinceRead + granted,
        };
        var interval = rate is { } spacing ? TimeSpan.FromSeconds(1 / spacing) : TimeSpan.Zero;
        return (new SendPermitGrant(granted, quotaLimited, debt, interval, rate is null ? 0 : request.Burst), next);
    }
}
