using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using BulkMailer.LocalServers.Support;

namespace BulkMailer.LocalServers.Ses;

/// <summary>
/// An HTTP front on 127.0.0.1 before a real SES v2 emulator (aws-ses-v2-local) that adds what the emulator lacks
/// and a real SES account has: one maximum send rate and one 24-hour quota for every caller together, the time a
/// send takes, and GetAccount. A send over the rate is answered 429 TooManyRequestsException "Maximum sending rate
/// exceeded.", one over the quota "Daily message quota exceeded." (SES's throttling error in both cases); neither
/// reaches the emulator. Everything else is forwarded. It also keeps what SES keeps with every mail it accepted and
/// the emulator does not: the message tags (<see cref="Tags"/>), which SES publishes with each event of the mail.
/// Used by `local run`, the bench and the tests.
/// </summary>
public sealed class SesAccountFront : IAsyncDisposable
{
    private const string ErrorTypeSuffix = ":http://internal.amazon.com/coral/com.amazonaws.sesv2/";

    private readonly LoopbackHttpServer _server;
    private readonly UpstreamForwarder _upstream;
    private readonly SesAccountLimits _limits;
    private readonly TimeProvider _time;
    private readonly SesSendRateAllowance? _rate;
    private readonly List<DateTimeOffset> _acceptedAt = [];
    private readonly SesMailTagLog _tags = new();
    private readonly ConcurrentDictionary<string, bool> _answersToLose = new(StringComparer.OrdinalIgnoreCase);
    private int _lostAnswers;
    private int _reserved;
    private int _sendCalls;
    private int _rateRefusals;
    private int _quotaRefusals;
    private int _accountReads;

    private SesAccountFront(Uri upstream, SesAccountLimits limits, TimeProvider time)
    {
        _limits = limits;
        _time = time;
        _rate = limits.MaxSendRate > 0 ? new SesSendRateAllowance(limits.MaxSendRate, time) : null;
        _upstream = new UpstreamForwarder(upstream, "application/json");
        _server = LoopbackHttpServer.Start(HandleAsync);
    }

    /// <summary>Starts a front forwarding to <paramref name="upstream"/> (the emulator's endpoint).</summary>
    public static SesAccountFront Start(Uri upstream, SesAccountLimits limits, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        return new SesAccountFront(upstream, limits, time ?? TimeProvider.System);
    }

    /// <summary>The value for <c>AWS_ENDPOINT_URL_SES</c>.</summary>
    public Uri Endpoint => _server.Endpoint;

    public SesAccountLimits Limits => _limits;

    /// <summary>SendEmail and SendBulkEmail calls received.</summary>
    public int SendCalls => Volatile.Read(ref _sendCalls);

    /// <summary>Send calls answered "Maximum sending rate exceeded.".</summary>
    public int RateRefusals => Volatile.Read(ref _rateRefusals);

    /// <summary>Send calls answered "Daily message quota exceeded.".</summary>
    public int QuotaRefusals => Volatile.Read(ref _quotaRefusals);

    /// <summary>The tags of every mail accepted through this front, by SES message id.</summary>
    public SesMailTagLog Tags => _tags;

    /// <summary>Send calls the emulator accepted that were answered 504 instead (<see cref="LoseNextAnswerTo"/>).</summary>
    public int LostAnswers => Volatile.Read(ref _lostAnswers);

    /// <summary>GetAccount calls received (answered or refused).</summary>
    public int AccountReads => Volatile.Read(ref _accountReads);

    /// <summary>Mails the emulator accepted through this front.</summary>
    public int AcceptedMails
    {
        get
        {
            lock (_acceptedAt)
            {
                return _acceptedAt.Count;
            }
        }
    }

    /// <summary>When each accepted mail was accepted, in order (a snapshot).</summary>
    public IReadOnlyList<DateTimeOffset> AcceptedAt
    {
        get
        {
            lock (_acceptedAt)
            {
                return [.. _acceptedAt];
            }
        }
    }

    /// <summary>The most mails accepted within any span of <paramref name="window"/>: the sustained rate a test holds to the limit.</summary>
    public int MostAcceptedWithin(TimeSpan window)
    {
        var times = AcceptedAt;
        int most = 0;
        int first = 0;
        for (var last = 0; last < times.Count; last++)
        {
            while (times[last] - times[first] >= window)
            {
                first++;
            }
            most = Math.Max(most, last - first + 1);
        }
        return most;
    }

    /// <summary>
    /// The next send call with <paramref name="recipient"/> among its To addresses is forwarded as usual and, once the
    /// emulator accepted it, answered 504 instead of with SES's answer: an answer lost on its way back, so the caller
    /// cannot know SES has the mail (the ambiguous case of docs/operators.md, "What the sender does with each SES answer").
    /// </summary>
    public void LoseNextAnswerTo(string recipient)
    {
        ArgumentException.ThrowIfNullOrEmpty(recipient);
        _answersToLose[recipient] = true;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync().ConfigureAwait(false);
        _upstream.Dispose();
    }

    private async Task HandleAsync(HttpListenerContext context, CancellationToken stopping)
    {
        var body = await LoopbackHttpServer.ReadTextAsync(context.Request).ConfigureAwait(false);
        var path = context.Request.Url?.AbsolutePath ?? "";
        if (context.Request.HttpMethod == "GET" && path.EndsWith("/v2/email/account", StringComparison.Ordinal))
        {
            await AnswerGetAccountAsync(context).ConfigureAwait(false);
            return;
        }
        var bulk = path.EndsWith("/v2/email/outbound-bulk-emails", StringComparison.Ordinal);
        if (!bulk && !path.EndsWith("/v2/email/outbound-emails", StringComparison.Ordinal))
        {
            var (otherStatus, otherAnswer) = await _upstream.ForwardAsync(context.Request, body, stopping).ConfigureAwait(false);
            await SesReply.WriteAsync(context, otherStatus, otherAnswer, null).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _sendCalls);
        var request = SesSendRequest.Parse(body, bulk);
        var mails = request.Mails.Count;
        if (!TryReserveDailyQuota(mails))
        {
            Interlocked.Increment(ref _quotaRefusals);
            await ThrottleAsync(context, "Daily message quota exceeded.").ConfigureAwait(false);
            return;
        }
        var accepted = 0;
        var lost = false;
        (int Status, string Body) answer;
        try
        {
            if (_rate is not null && mails > 0 && !_rate.TryTake(mails))
            {
                Interlocked.Increment(ref _rateRefusals);
                await ThrottleAsync(context, "Maximum sending rate exceeded.").ConfigureAwait(false);
                return;
            }
            if (_limits.Latency > TimeSpan.Zero)
            {
                await Task.Delay(_limits.Latency, _time, stopping).ConfigureAwait(false);
            }
            _tags.SendStarted();
            try
            {
                answer = await _upstream.ForwardAsync(context.Request, body, stopping).ConfigureAwait(false);
                if (answer.Status == 200)
                {
                    var messageIds = SesSendRequest.MessageIds(answer.Body, bulk);
                    accepted = messageIds.Count(id => id is not null);
                    _tags.Record(request, messageIds);
                    lost = TakeAnswerToLose(request);
                }
            }
            finally
            {
                _tags.SendEnded();
            }
        }
        finally
        {
            // Counted before the caller hears the answer, so a caller that reads the counts next sees its mails.
            Count(accepted, mails);
        }
        if (lost)
        {
            Interlocked.Increment(ref _lostAnswers);
            await SesReply.WriteAsync(context, 504, """{"message":"Gateway Timeout"}""", null).ConfigureAwait(false);
            return;
        }
        await SesReply.WriteAsync(context, answer.Status, answer.Body, null).ConfigureAwait(false);
    }

    private bool TakeAnswerToLose(SesSendRequest request) =>
        !_answersToLose.IsEmpty && request.Mails.SelectMany(m => m.To).Count(to => _answersToLose.TryRemove(to, out _)) > 0;

    private Task AnswerGetAccountAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _accountReads);
        if (!_limits.AnswersGetAccount)
        {
            return SesReply.WriteAsync(context, 403, """{"message":"User is not authorized to perform: ses:GetAccount"}""", "AccessDeniedException" + ErrorTypeSuffix);
        }
        var max24 = _limits.Max24HourSend > 0 ? _limits.Max24HourSend : -1;
        var rate = _limits.MaxSendRate > 0 ? _limits.MaxSendRate : -1;
        var answer = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["SendQuota"] = new Dictionary<string, double> { ["Max24HourSend"] = max24, ["MaxSendRate"] = rate, ["SentLast24Hours"] = AcceptedMails },
            ["SendingEnabled"] = true,
            ["ProductionAccessEnabled"] = true,
            ["EnforcementStatus"] = "HEALTHY",
        });
        return SesReply.WriteAsync(context, 200, answer, null);
    }

    /// <summary>Counts the call's mails against the quota before it is forwarded, so concurrent calls cannot overshoot it together.</summary>
    private bool TryReserveDailyQuota(int mails)
    {
        lock (_acceptedAt)
        {
            if (_limits.Max24HourSend > 0 && _acceptedAt.Count + _reserved + mails > _limits.Max24HourSend)
            {
                return false;
            }
            _reserved += mails;
            return true;
        }
    }

    private static Task ThrottleAsync(HttpListenerContext context, string message) =>
        SesReply.WriteAsync(context, 429, $$"""{"__type":"TooManyRequestsException","message":"{{message}}"}""", "TooManyRequestsException" + ErrorTypeSuffix);

    /// <summary>Turns a call's reservation into its accepted mails (a refused or failed call gives its reservation back).</summary>
    private void Count(int accepted, int reserved)
    {
        var now = _time.GetUtcNow();
        lock (_acceptedAt)
        {
            _reserved -= reserved;
            for (var i = 0; i < accepted; i++)
            {
                _acceptedAt.Add(now);
            }
        }
    }
}
