using System.Globalization;
using BulkMailer.Lambda.Observability;
using BulkMailer.Sender.Ports;
using BulkMailer.Ses.Client;
using BulkMailer.Ses.Errors;
using BulkMailer.Ses.Model;

namespace BulkMailer.Sender.Governor;

/// <summary>
/// Where this environment's claims get the account's rate and 24-hour quota from (docs/operators.md, "Send
/// governor"): the configured <c>BULKMAILER_ACCOUNT_SEND_RATE</c>, else SES's GetAccount (SendQuota.MaxSendRate); the
/// quota always from GetAccount. GetAccount is read at init and again when <see cref="RefreshInterval"/> has passed,
/// on the invocation path (no timer thread; a check of one timestamp when not due). When it is unavailable (403, 404,
/// the network) the configured rate applies, the quota is not enforced, and one warning says so — never a failure.
/// Used by one invocation at a time (the Lambda runtime's loop), so it needs no locking.
/// </summary>
/// <param name="key">The governor row: "ses:&lt;region&gt;".</param>
public sealed class AccountSendBudget(ISesClient ses, double? configuredRate, string key, JsonLogger log, TimeProvider? clock = null)
{
    /// <summary>How often GetAccount is read again: SES changes a quota rarely; the 24-hour count moves slowly.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(5);

    /// <summary>A GetAccount that takes longer is given up (it is retried at the next refresh).</summary>
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(3);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private DateTimeOffset? _lastAttempt;
    private double _sesRate;
    private bool _everRead;
    private bool _warned;
    private (long Remaining, DateTimeOffset ReadAt)? _latest;

    /// <summary>The governor row this environment claims against.</summary>
    public string Key { get; } = key;

    /// <summary>The account rate in use: the configured one, else GetAccount's; 0 when neither is known.</summary>
    public double Rate => configuredRate ?? _sesRate;

    /// <summary>The row key for a region ("ses:&lt;region&gt;", "ses:local" when the region is unknown).</summary>
    public static string KeyFor(string? region) => $"ses:{(string.IsNullOrWhiteSpace(region) ? "local" : region)}";

    /// <summary>Reads GetAccount if it was never read or <see cref="RefreshInterval"/> has passed since.</summary>
    public async Task RefreshIfDueAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (_lastAttempt is { } last && now - last < RefreshInterval)
        {
            return;
        }
        _lastAttempt = now;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ReadTimeout);
        try
        {
            var account = await ses.GetAccountAsync(bounded.Token).ConfigureAwait(false);
            Take(account.SendQuota!, now);
        }
        catch (Exception error) when (error is SesException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            WarnOnce(error.Message);
        }
    }

    /// <summary>
    /// What the next claim asks the governor for, with the latest quota reading and its age; null when no account rate
    /// is known (none configured, GetAccount never answered or reported none): without a rate there is no slot line to
    /// book, and the 24-hour quota alone is not enforced (one warning said so).
    /// </summary>
    /// <remarks>
    /// Every claim carries the reading, not only the first after it was read: a claim that asks for no permits, or
    /// fails, would otherwise lose it. The governor takes a reading only when it is newer than the stored one by more
    /// than clock jitter (send_governor_take, V012), so carrying the same one again changes nothing.
    /// </remarks>
    public SendPermitRequest? Request(TimeSpan maxWait)
    {
        if (Rate <= 0)
        {
            return null;
        }
        var quota = _latest is { } latest ? new QuotaReading(latest.Remaining, _clock.GetUtcNow() - latest.ReadAt) : null;
        return new SendPermitRequest(Key, Rate, GovernorArithmetic.BurstFor(Rate), maxWait, quota);
    }

    private void Take(SendQuota quota, DateTimeOffset readAt)
    {
        _sesRate = quota.MaxSendRate > 0 && double.IsFinite(quota.MaxSendRate) ? quota.MaxSendRate : 0;
        var remaining = quota.Max24HourSend < 0 ? -1 : (long)Math.Max(0, Math.Floor(quota.Max24HourSend - quota.SentLast24Hours));
        _latest = (remaining, readAt);
        if (!_everRead)
        {
            _everRead = true;
            log.Info("SES account limits read",
                LogField.Of("sesMaxSendRate", _sesRate.ToString(CultureInfo.InvariantCulture)),
                LogField.Of("accountSendRate", Rate.ToString(CultureInfo.InvariantCulture)),
                LogField.Of("quotaRemaining", remaining));
        }
    }

    private void WarnOnce(string error)
    {
        if (_warned)
        {
            return;
        }
        _warned = true;
        log.Warn(Rate > 0
                ? "SES GetAccount unavailable: the configured account send rate applies and the 24-hour quota is not enforced"
                : "SES GetAccount unavailable and no account send rate configured: no account-wide send limit",
            LogField.Of("accountSendRate", Rate.ToString(CultureInfo.InvariantCulture)), LogField.Of("error", EmailRedaction.Redact(error)));
    }
}
