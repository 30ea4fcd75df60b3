using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using BulkMailer.Core.Jobs;

namespace BulkMailer.Client.Jobs;

/// <summary>
/// Fluent construction of a <see cref="MailJob"/> (docs/contract.md §2, Mail job). <see cref="Build"/> runs the sender's own
/// validation (<see cref="JobValidator"/>), so a job that builds is a job the sender will not reject.
/// </summary>
/// <example>
/// <code>
/// var job = MailJobBuilder.ForJob("welcome-2026-11-22/000042")
///     .InCampaign("welcome-2026-11-22")
///     .From("Acme News &lt;news@acme.example&gt;")
///     .To("ada@example.com")
///     .WithTemplate("welcome-v3", new Dictionary&lt;string, string&gt; { ["name"] = "Ada" })
///     .Build();
/// </code>
/// </example>
public sealed class MailJobBuilder
{
    private readonly string _jobId;
    private string? _campaignId;
    private string? _from;
    private string? _to;
    private List<string>? _replyTo;
    private string? _subject;
    private string? _text;
    private string? _html;
    private MailTemplate? _template;
    private Dictionary<string, string>? _tags;
    private string? _configurationSet;
    private Dictionary<string, string>? _headers;

    private MailJobBuilder(string jobId) => _jobId = jobId;

    /// <summary>Starts a job; <paramref name="jobId"/> is the idempotency key (1–128 characters).</summary>
    public static MailJobBuilder ForJob(string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return new MailJobBuilder(jobId);
    }

    public MailJobBuilder InCampaign(string? campaignId)
    {
        _campaignId = campaignId;
        return this;
    }

    /// <summary>The sender mailbox: <c>addr@domain</c> or <c>Display Name &lt;addr@domain&gt;</c>.</summary>
    public MailJobBuilder From(string from)
    {
        _from = from;
        return this;
    }

    /// <summary>The one recipient of this job.</summary>
    public MailJobBuilder To(string to)
    {
        _to = to;
        return this;
    }

    public MailJobBuilder ReplyTo(params string[] addresses)
    {
        (_replyTo ??= []).AddRange(addresses);
        return this;
    }

    public MailJobBuilder WithSubject(string subject)
    {
        _subject = subject;
        return this;
    }

    public MailJobBuilder WithText(string text)
    {
        _text = text;
        return this;
    }

    public MailJobBuilder WithHtml(string html)
    {
        _html = html;
        return this;
    }

    /// <summary>An SES template with its replacement data (a JSON object, or null for none).</summary>
    public MailJobBuilder WithTemplate(string name, JsonElement? data = null)
    {
        _template = new MailTemplate { Name = name, Data = data };
        return this;
    }

    /// <summary>An SES template whose replacement data is a flat object of string values.</summary>
    public MailJobBuilder WithTemplate(string name, IEnumerable<KeyValuePair<string, string>> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return WithTemplate(name, ToJsonObject(data));
    }

    public MailJobBuilder WithTag(string name, string value)
    {
        (_tags ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = value;
        return this;
    }

    public MailJobBuilder WithHeader(string name, string value)
    {
        (_headers ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase))[name] = value;
        return this;
    }

    public MailJobBuilder WithConfigurationSet(string configurationSet)
    {
        _configurationSet = configurationSet;
        return this;
    }

    /// <summary>The job, or <see cref="InvalidMailJobException"/> with the sender's rejection reason.</summary>
    public MailJob Build() =>
        TryBuild(out var job, out var reason) ? job : throw new InvalidMailJobException(reason);

    /// <summary>The job and true, or false with the sender's rejection reason.</summary>
    public bool TryBuild([NotNullWhen(true)] out MailJob? job, [NotNullWhen(false)] out string? reason)
    {
        var candidate = new MailJob
        {
            JobId = _jobId,
            CampaignId = _campaignId,
            // Empty strings rather than nulls so the validator, not a NullReferenceException, names the gap.
            From = _from ?? string.Empty,
            To = _to ?? string.Empty,
            ReplyTo = _replyTo?.ToArray(),
            Subject = _subject,
            Text = _text,
            Html = _html,
            Template = _template,
            Tags = _tags is null ? null : new Dictionary<string, string>(_tags, StringComparer.Ordinal),
            ConfigurationSet = _configurationSet,
            Headers = _headers is null ? null : new Dictionary<string, string>(_headers, StringComparer.OrdinalIgnoreCase),
        };
        reason = JobValidator.Validate(candidate);
        job = reason is null ? candidate : null;
        return reason is null;
    }

    /// <summary>
    /// Writes the pairs as a JSON object by hand: reflection-based serialization of a dictionary is not
    /// trimming-safe, and the values are plain strings anyway.
    /// </summary>
    private static JsonElement ToJsonObject(IEnumerable<KeyValuePair<string, string>> data)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in data)
            {
                writer.WriteString(key, value);
            }
            writer.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
