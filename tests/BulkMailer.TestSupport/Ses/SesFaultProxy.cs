using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BulkMailer.Core.Ses;
using BulkMailer.LocalServers.Support;
using BulkMailer.LocalServers.Ses;

namespace BulkMailer.TestSupport.Ses;

/// <summary>
/// An HTTP proxy on 127.0.0.1 in front of a real SES v2 emulator (aws-ses-v2-local). Send calls are answered, at a
/// rate and deterministically from a seed, with SES's throttling (429 TooManyRequestsException) or a 5xx before
/// they reach the emulator — so an injected fault certainly sent nothing; the rest are forwarded, and every mail
/// the emulator accepted is recorded with its <c>bulkmailer-job</c> tag and SES message id (fault tests build the
/// Send events SES would publish from it). The reply can be held back after the emulator accepted the mail, so a
/// test can kill a sender while SES has its mail and the sender does not know yet.
/// </summary>
/// <remarks>
/// The decision for a request depends only on the seed, the job ids it carries and how many times those were
/// attempted, never on arrival order; and a job is faulted at most <see cref="MaxConsecutiveFaults"/> times in a
/// row, so every job gets through after a bounded number of retries.
/// </remarks>
public sealed class SesFaultProxy : IAsyncDisposable
{
    private const string ErrorTypeSuffix = ":http://internal.amazon.com/coral/com.amazonaws.sesv2/";

    private readonly LoopbackHttpServer _server;
    private readonly UpstreamForwarder _upstream;
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _faultsInARow = new(StringComparer.Ordinal);
    private readonly List<SesAcceptedMail> _accepted = [];
    private int _forwarded;
    private int _throttles;
    private int _serverErrors;
    private int _quotaRefusals;

    private SesFaultProxy(Uri upstream)
    {
        _upstream = new UpstreamForwarder(upstream, "application/json");
        _server = LoopbackHttpServer.Start(HandleAsync);
    }

    /// <summary>Starts a proxy forwarding to <paramref name="upstream"/> (the emulator's endpoint); no faults until set.</summary>
    public static SesFaultProxy Start(Uri upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        return new SesFaultProxy(upstream);
    }

    /// <summary>The value for <c>AWS_ENDPOINT_URL_SES</c>.</summary>
    public Uri Endpoint => _server.Endpoint;

    /// <summary>Seed of the fault decisions: the same seed faults the same attempts of the same jobs.</summary>
    public int Seed { get; set; }

    /// <summary>Share of send calls answered 429 TooManyRequestsException (0–1).</summary>
    public double ThrottleRate { get; set; }

    /// <summary>
    /// While true, every send call is answered as SES answers an account over its 24-hour quota — 429
    /// TooManyRequestsException "Daily message quota exceeded." — and nothing reaches the emulator.
    /// </summary>
    public bool DailyQuotaExceeded { get; set; }

    /// <summary>Send calls answered "Daily message quota exceeded." so far.</summary>
    public int QuotaRefusals => Volatile.Read(ref _quotaRefusals);

    /// <summary>Share of send calls answered 500 InternalFailure or 503 ServiceUnavailable (0–1).</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>A job is faulted at most this many times in a row; its next attempt is forwarded. Default 3.</summary>
    public int MaxConsecutiveFaults { get; set; } = 3;

    /// <summary>How long the reply is held back after the emulator accepted the mail (zero: answer at once).</summary>
    public TimeSpan ReplyDelay { get; set; }

    /// <summary>Send calls the emulator answered with success.</summary>
    public int Forwarded => Volatile.Read(ref _forwarded);

    public int InjectedThrottles => Volatile.Read(ref _throttles);

    public int InjectedServerErrors => Volatile.Read(ref _serverErrors);

    /// <summary>Every mail the emulator accepted, in acceptance order (a snapshot).</summary>
    public IReadOnlyList<SesAcceptedMail> Accepted
    {
        get
        {
            lock (_accepted)
            {
                return [.. _accepted];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        _upstream.Dispose();
    }

    // A client that hung up (killed, timed out) or the proxy stopping ends a request quietly in LoopbackHttpServer.
    private async Task HandleAsync(HttpListenerContext context, CancellationToken stopping)
    {
        var body = await LoopbackHttpServer.ReadTextAsync(context.Request).ConfigureAwait(false);
        var path = context.Request.Url?.AbsolutePath ?? "";
        var bulk = path.EndsWith("/v2/email/outbound-bulk-emails", StringComparison.Ordinal);
        var send = bulk || path.EndsWith("/v2/email/outbound-emails", StringComparison.Ordinal);
        var mails = send ? RequestedMails(body, bulk) : [];
        if (send && DailyQuotaExceeded)
        {
            Interlocked.Increment(ref _quotaRefusals);
            await SesReply.WriteAsync(context, 429, """{"__type":"TooManyRequestsException","message":"Daily message quota exceeded."}""", "TooManyRequestsException" + ErrorTypeSuffix).ConfigureAwait(false);
            return;
        }
        if (send && Fault(mails) is { } fault)
        {
            await SesReply.WriteAsync(context, fault.Status, $$"""{"__type":"{{fault.Code}}","message":"injected by SesFaultProxy"}""", fault.Code + ErrorTypeSuffix).ConfigureAwait(false);
            return;
        }
        // Forwarded under the proxy's token, not the client's: a mail the emulator accepted is recorded even when its sender is gone.
        var (status, answer) = await _upstream.ForwardAsync(context.Request, body, stopping).ConfigureAwait(false);
        if (send && status == 200)
        {
            Record(mails, answer, bulk);
            Interlocked.Increment(ref _forwarded);
            if (ReplyDelay > TimeSpan.Zero)
            {
                await Task.Delay(ReplyDelay, stopping).ConfigureAwait(false);
            }
        }
        await SesReply.WriteAsync(context, status, answer, null).ConfigureAwait(false);
    }

    private (int Status, string Code)? Fault(IReadOnlyList<(string? JobId, string Recipient)> mails)
    {
        var key = string.Join('\n', mails.Select(m => m.JobId ?? m.Recipient).Order(StringComparer.Ordinal));
        var attempt = _attempts.AddOrUpdate(key, 1, (_, n) => n + 1);
        var draw = Draw(key, attempt);
        var code = draw < ThrottleRate ? (Status: 429, Code: "TooManyRequestsException")
            : draw < ThrottleRate + ServerErrorRate ? (attempt % 2 == 0 ? (503, "ServiceUnavailable") : (500, "InternalFailure"))
            : ((int Status, string Code)?)null;
        if (code is null || _faultsInARow.GetValueOrDefault(key) >= MaxConsecutiveFaults)
        {
            _faultsInARow[key] = 0;
            return null;
        }
        _faultsInARow.AddOrUpdate(key, 1, (_, n) => n + 1);
        Interlocked.Increment(ref code.Value.Status == 429 ? ref _throttles : ref _serverErrors);
        return code;
    }

    /// <summary>A uniform number in [0, 1) from the seed, the request's jobs and the attempt: no shared state.</summary>
    private double Draw(string key, int attempt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{Seed}|{attempt}|{key}"));
        return (BitConverter.ToUInt64(hash, 0) >> 11) / (double)(1UL << 53);
    }

    private void Record(IReadOnlyList<(string? JobId, string Recipient)> mails, string answer, bool bulk)
    {
        using var document = JsonDocument.Parse(answer);
        var ids = bulk
            ? [.. document.RootElement.GetProperty("BulkEmailEntryResults").EnumerateArray()
                .Select(r => r.TryGetProperty("MessageId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null)]
            : new List<string?> { document.RootElement.GetProperty("MessageId").GetString() };
        lock (_accepted)
        {
            for (var i = 0; i < mails.Count && i < ids.Count; i++)
            {
                if (ids[i] is { } messageId)
                {
                    _accepted.Add(new SesAcceptedMail(mails[i].JobId, mails[i].Recipient, messageId, DateTimeOffset.UtcNow));
                }
            }
        }
    }

    /// <summary>The (job tag, recipient) of each mail of a SendEmail or SendBulkEmail body, in request order.</summary>
    private static List<(string? JobId, string Recipient)> RequestedMails(string body, bool bulk)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (!bulk)
        {
            return [(JobId(root, "EmailTags"), Recipient(root))];
        }
        return [.. root.GetProperty("BulkEmailEntries").EnumerateArray().Select(e => (JobId(e, "ReplacementTags"), Recipient(e)))];
    }

    private static string Recipient(JsonElement element) =>
        element.TryGetProperty("Destination", out var destination) && destination.TryGetProperty("ToAddresses", out var to) && to.GetArrayLength() > 0
            ? to[0].GetString() ?? ""
            : "";

    private static string? JobId(JsonElement element, string tagsProperty)
    {
        if (!element.TryGetProperty(tagsProperty, out var tags) || tags.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        foreach (var tag in tags.EnumerateArray())
        {
            if (tag.TryGetProperty("Name", out var name) && name.GetString() == JobTag.Name && tag.TryGetProperty("Value", out var value))
            {
                return JobTag.TryDecode(value.GetString());
            }
        }
        return null;
    }
}
