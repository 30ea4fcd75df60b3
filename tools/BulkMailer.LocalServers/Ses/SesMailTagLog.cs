namespace BulkMailer.LocalServers.Ses;

/// <summary>
/// The message tags of every mail an <see cref="SesAccountFront"/> saw the emulator accept, by the SES message id the
/// emulator answered with: what SES keeps with a mail and publishes in each of its events' <c>mail.tags</c>, and what
/// aws-ses-v2-local's store leaves out. The feedback simulator reads it so its events carry the sender's
/// <c>bulkmailer-job</c> tag as SES's do (README.md, "Sending time vs settle time"). One entry per accepted mail, never dropped: a local
/// run's memory grows with the mails it sends, as the emulator's store does.
/// </summary>
public sealed class SesMailTagLog
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _tags = new(StringComparer.Ordinal);
    private int _sendsInFlight;

    /// <summary>Mails whose tags are recorded.</summary>
    public int Count
    {
        get
        {
            lock (_tags)
            {
                return _tags.Count;
            }
        }
    }

    /// <summary>
    /// Send calls forwarded to the emulator whose answer is not recorded yet. While it is above zero, a mail in the
    /// emulator's store without recorded tags may be one of theirs; at zero, every mail that came through the front is
    /// recorded.
    /// </summary>
    public int SendsInFlight => Volatile.Read(ref _sendsInFlight);

    /// <summary>The tags (name → value) SES keeps with the mail <paramref name="messageId"/>; null when the front never saw it accepted.</summary>
    public IReadOnlyDictionary<string, string>? TagsOf(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        lock (_tags)
        {
            return _tags.GetValueOrDefault(messageId);
        }
    }

    internal void SendStarted() => Interlocked.Increment(ref _sendsInFlight);

    internal void SendEnded() => Interlocked.Decrement(ref _sendsInFlight);

    /// <summary>Records each accepted mail of a call the emulator answered 200 to (bulk: the entries answered SUCCESS).</summary>
    internal void Record(SesSendRequest request, IReadOnlyList<string?> messageIds)
    {
        lock (_tags)
        {
            for (var i = 0; i < request.Mails.Count && i < messageIds.Count; i++)
            {
                if (messageIds[i] is { } messageId)
                {
                    _tags[messageId] = request.Mails[i].Tags;
                }
            }
        }
    }
}
