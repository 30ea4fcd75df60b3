using BulkMailer.Core.Feedback;
using BulkMailer.LocalLambda.Sns;
using BulkMailer.LocalServers.Ses;

namespace BulkMailer.LocalLambda.SesFeedback;

/// <summary>
/// Plays what SES does after accepting a mail: for every mail aws-ses-v2-local accepted, publishes to the SNS topic
/// the event-publishing JSON that SES would publish for each recipient (<see cref="SimulatorOutcomes"/>), in order
/// (Send, then Delivery or Bounce, then Complaint), ten events per PublishBatch call so feedback keeps pace with
/// sending (README.md "Performance"). Each event carries in <c>mail.tags</c> the message tags the mail was sent with,
/// as SES's do, read from the SES front the sender sends through (<see cref="SesMailTagLog"/>; the emulator's store
/// keeps no tags), so the sender's <c>bulkmailer-job</c> tag settles a job whose message id the sender never
/// recorded, as in AWS. Each mail is published once per simulator: message ids already
/// seen are remembered. <see cref="RunAsync"/> polls the store; <see cref="CatchUpAsync"/> processes everything in the
/// store now, so a caller can wait until feedback has been published for all accepted mails.
/// </summary>
public sealed class SesFeedbackSimulator : IDisposable
{
    private readonly SesFeedbackSimulatorOptions _options;
    private readonly ISnsPublisher _publisher;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _clock;
    private readonly Uri _storeUri;
    private readonly SesMailTagLog? _tags;

    // One pass at a time: RunAsync's poll and a caller's CatchUpAsync must not both publish the same new mail.
    private readonly SemaphoreSlim _pass = new(1, 1);

    // Message id → the store second it was accepted in. Entries older than the watermark are dropped: the store is
    // only asked for mails at or after it, so they cannot come back.
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    private long _watermark;

    private readonly long[] _publishedByKind = new long[Enum.GetValues<SesEventKind>().Length];
    private long _mailsSeen;
    private long _failedPasses;
    private Exception? _lastError;

    /// <param name="http">Used for <c>GET /store</c>; null creates (and disposes) one.</param>
    /// <param name="clock">Event times; null is the system clock.</param>
    /// <param name="tags">The tags of the mails sent through the SES front; null: events carry SES's own tags only.</param>
    public SesFeedbackSimulator(SesFeedbackSimulatorOptions options, ISnsPublisher publisher, HttpClient? http = null, TimeProvider? clock = null, SesMailTagLog? tags = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelMails, 1);
        _options = options;
        _publisher = publisher;
        _ownsHttp = http is null;
        _http = http ?? new HttpClient();
        _clock = clock ?? TimeProvider.System;
        _storeUri = new Uri(options.SesEndpoint, "/store");
        _tags = tags;
        _watermark = options.Since?.ToUnixTimeSeconds() ?? 0;
    }

    /// <summary>Accepted mails this simulator has published feedback for.</summary>
    public long MailsSeen => Interlocked.Read(ref _mailsSeen);

    /// <summary>SES events published, all kinds.</summary>
    public long EventsPublished => PublishedByKind.Values.Sum();

    /// <summary>SES events published, by kind (every kind present, zero included).</summary>
    public IReadOnlyDictionary<SesEventKind, long> PublishedByKind =>
        Enum.GetValues<SesEventKind>().ToDictionary(kind => kind, kind => Interlocked.Read(ref _publishedByKind[(int)kind]));

    /// <summary>Passes of <see cref="RunAsync"/> that failed (store or topic unreachable); the next pass retries them.</summary>
    public long FailedPasses => Interlocked.Read(ref _failedPasses);

    /// <summary>The most recent failure of a <see cref="RunAsync"/> pass; null if none failed.</summary>
    public Exception? LastError => Volatile.Read(ref _lastError);

    /// <summary>
    /// Polls the store every <see cref="SesFeedbackSimulatorOptions.PollInterval"/> until cancelled; returns normally
    /// on cancellation. A failed pass is counted and retried on the next tick rather than ending the loop: a mail whose
    /// events were only partly published is published again whole, at least once, as SNS delivers.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, _clock);
        try
        {
            do
            {
                try
                {
                    await CatchUpAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException or SnsException or System.Text.Json.JsonException or InvalidOperationException
                    && !cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _failedPasses);
                    Volatile.Write(ref _lastError, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal end of the loop.
        }
    }

    /// <summary>
    /// Reads the store once and publishes the events of every mail not seen before; returns how many mails that was.
    /// When it returns, every mail the store held when it was called has had its events published, except one whose
    /// tags the SES front has not recorded yet while a send through it is still being answered (the next pass takes it).
    /// </summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = await ReadStoreAsync(cancellationToken).ConfigureAwait(false);
            // Read after the store: with no send in flight, every stored mail that came through the front has its tags.
            var tagsPending = _tags is { SendsInFlight: > 0 };
            var observedAt = _clock.GetUtcNow();
            // Mails younger than the outcome delay wait for a later pass; the watermark only moves over the older ones.
            var ripeUntil = (observedAt - _options.OutcomeDelay).ToUnixTimeSeconds();
            IReadOnlyList<StoredMail> mails = _options.OutcomeDelay > TimeSpan.Zero ? [.. stored.Where(m => m.At <= ripeUntil)] : stored;
            var unseen = mails.Where(m => m.At >= _watermark && !_seen.ContainsKey(m.MessageId))
                .Select(m => (Mail: m, Tags: _tags?.TagsOf(m.MessageId))).ToList();
            // A mail without tags may belong to a send still being answered: it waits rather than go out untagged.
            List<StoredMail> waiting = tagsPending ? [.. unseen.Where(u => u.Tags is null).Select(u => u.Mail)] : [];
            var fresh = unseen.Where(u => u.Tags is not null || !tagsPending).ToList();
            if (fresh.Count > 0)
            {
                // Whole mails per PublishBatch call, so a mail's events stay in order in one call (or, for a mail
                // with more events than a call takes, in consecutive calls of one publisher).
                var calls = Pack([.. fresh.Select(u => new MailEvents(u.Mail, Events(u.Mail, u.Tags, observedAt)))]);
                await Parallel.ForEachAsync(calls,
                    new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelMails, CancellationToken = cancellationToken },
                    (mails, ct) => new ValueTask(PublishAsync(mails, ct))).ConfigureAwait(false);
            }
            Advance(mails, waiting);
            return fresh.Count;
        }
        finally
        {
            _pass.Release();
        }
    }

    public void Dispose()
    {
        _pass.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<IReadOnlyList<StoredMail>> ReadStoreAsync(CancellationToken cancellationToken)
    {
        var uri = _watermark > 0 ? new Uri(_storeUri, $"?since={_watermark}") : _storeUri;
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        // The emulator answers 403 to a request without an Authorization header; it checks nothing else.
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=local/local/us-east-1/ses/aws4_request");
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return StoredMail.ParseStore(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The events SES would publish for one accepted mail, in SES's order.</summary>
    private List<(SesEventKind Kind, string Json)> Events(StoredMail mail, IReadOnlyDictionary<string, string>? tags, DateTimeOffset observedAt)
    {
        var acceptedAt = DateTimeOffset.FromUnixTimeSeconds(mail.At);
        // Outcomes happen after acceptance; the store's whole-second "at" can be up to a second before the real send.
        var outcomeAt = observedAt > acceptedAt ? observedAt : acceptedAt.AddSeconds(1);
        var source = SimulatorOutcomes.Address(mail.From);
        var events = new List<(SesEventKind, string)>();
        foreach (var recipient in mail.Recipients)
        {
            var sesMail = new SesEventMail(mail.MessageId, SimulatorOutcomes.Address(recipient), acceptedAt)
            {
                Source = source.Length > 0 ? source : "sender@example.com",
                ConfigurationSet = _options.ConfigurationSet,
                Tags = tags ?? new Dictionary<string, string>(),
            };
            var step = 0;
            foreach (var kind in SimulatorOutcomes.For(recipient))
            {
                // A millisecond apart so consumers ordering by event time see SES's order.
                var at = kind == SesEventKind.Send ? acceptedAt : outcomeAt.AddMilliseconds(step++);
                events.Add((kind, SesEventJson.Write(kind, sesMail, at)));
            }
        }
        return events;
    }

    /// <summary>Groups of whole mails of at most one PublishBatch call's events; a larger mail is a group of its own.</summary>
    private static List<List<MailEvents>> Pack(IReadOnlyList<MailEvents> mails)
    {
        var groups = new List<List<MailEvents>>();
        var current = new List<MailEvents>();
        var entries = 0;
        foreach (var mail in mails)
        {
            if (entries + mail.Events.Count > SnsQueryClient.MaxBatchEntries && current.Count > 0)
            {
                groups.Add(current);
                current = [];
                entries = 0;
            }
            current.Add(mail);
            entries += mail.Events.Count;
        }
        if (current.Count > 0)
        {
            groups.Add(current);
        }
        return groups;
    }

    private async Task PublishAsync(List<MailEvents> mails, CancellationToken cancellationToken)
    {
        foreach (var call in mails.SelectMany(m => m.Events).Chunk(SnsQueryClient.MaxBatchEntries))
        {
            await _publisher.PublishBatchAsync(_options.TopicArn, [.. call.Select(e => e.Json)], cancellationToken).ConfigureAwait(false);
            foreach (var (kind, _) in call)
            {
                Interlocked.Increment(ref _publishedByKind[(int)kind]);
            }
        }
        lock (_seen)
        {
            foreach (var mail in mails)
            {
                _seen[mail.Mail.MessageId] = mail.Mail.At;
            }
        }
        Interlocked.Add(ref _mailsSeen, mails.Count);
    }

    /// <summary>
    /// Moves the watermark to the newest second seen (not past it: more mails may still arrive in that second; nor
    /// past a mail <paramref name="waiting"/> for its tags) and forgets ids older than it.
    /// </summary>
    private void Advance(IReadOnlyList<StoredMail> mails, IReadOnlyList<StoredMail> waiting)
    {
        if (mails.Count == 0)
        {
            return;
        }
        var newest = waiting.Count > 0 ? Math.Min(mails.Max(m => m.At), waiting.Min(m => m.At)) : mails.Max(m => m.At);
        if (newest <= _watermark)
        {
            return;
        }
        _watermark = newest;
        foreach (var id in _seen.Where(e => e.Value < _watermark).Select(e => e.Key).ToList())
        {
            _seen.Remove(id);
        }
    }

    private sealed record MailEvents(StoredMail Mail, List<(SesEventKind Kind, string Json)> Events);
}
