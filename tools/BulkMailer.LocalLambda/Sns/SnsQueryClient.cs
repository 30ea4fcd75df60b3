using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime;
using BulkMailer.Ses.Signing;

namespace BulkMailer.LocalLambda.Sns;

/// <summary>
/// The smallest faithful SNS client: the calls the local runner needs, over SNS's Query API (form-encoded
/// POST, <c>Version=2010-03-31</c>, XML responses), signed with SigV4 for service <c>sns</c>. It exists because the
/// registry here serves no AWSSDK.SimpleNotificationService package; the calls and their parameters are the SDK's,
/// so swapping in the SDK later changes call sites only. Works against fauxqs and, being signed, against real SNS.
/// </summary>
public sealed class SnsQueryClient : ISnsPublisher, IDisposable
{
    /// <summary>SNS's limit of entries per PublishBatch call.</summary>
    public const int MaxBatchEntries = 10;

    private const string ApiVersion = "2010-03-31";
    private static readonly MediaTypeHeaderValue FormContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");

    private readonly Uri _endpoint;
    private readonly SigV4RequestSigner _signer;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <param name="endpoint">The SNS endpoint (fauxqs: <c>http://127.0.0.1:PORT</c>); requests go to its root path.</param>
    /// <param name="credentials">Signing credentials; emulators accept any, but still require the Authorization header.</param>
    /// <param name="region">Signing region.</param>
    /// <param name="http">A shared client; null creates (and disposes) one.</param>
    public SnsQueryClient(Uri endpoint, AWSCredentials credentials, string region = "us-east-1", HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credentials);
        _endpoint = new Uri(endpoint, "/");
        _signer = new SigV4RequestSigner(credentials, region, "sns");
        _ownsHttp = http is null;
        _http = http ?? new HttpClient();
    }

    /// <summary>CreateTopic: creates the topic, or returns the existing one's ARN (the call is idempotent in SNS).</summary>
    public async Task<string> CreateTopicAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var result = await CallAsync("CreateTopic", [new("Name", name)], cancellationToken).ConfigureAwait(false);
        return Required(result, "CreateTopic", "TopicArn");
    }

    /// <summary>
    /// Subscribe with protocol <c>sqs</c>, then SetSubscriptionAttributes <c>RawMessageDelivery</c>. SQS endpoints in
    /// the same account need no confirmation, so the returned ARN is the live subscription's.
    /// </summary>
    /// <param name="rawMessageDelivery">True: the queue receives the published message as is; false: wrapped in SNS's JSON envelope.</param>
    public async Task<string> SubscribeQueueAsync(string topicArn, string queueArn, bool rawMessageDelivery, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topicArn);
        ArgumentException.ThrowIfNullOrEmpty(queueArn);
        var result = await CallAsync("Subscribe",
            [new("TopicArn", topicArn), new("Protocol", "sqs"), new("Endpoint", queueArn), new("ReturnSubscriptionArn", "true")],
            cancellationToken).ConfigureAwait(false);
        var subscriptionArn = Required(result, "Subscribe", "SubscriptionArn");
        // Set explicitly either way: a subscription that already existed keeps its old attributes otherwise.
        await SetSubscriptionAttributeAsync(subscriptionArn, "RawMessageDelivery", rawMessageDelivery ? "true" : "false", cancellationToken)
            .ConfigureAwait(false);
        return subscriptionArn;
    }

    /// <summary>SetSubscriptionAttributes: one attribute (<c>RawMessageDelivery</c>, <c>FilterPolicy</c>, <c>RedrivePolicy</c>, …).</summary>
    public async Task SetSubscriptionAttributeAsync(string subscriptionArn, string attributeName, string attributeValue, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionArn);
        ArgumentException.ThrowIfNullOrEmpty(attributeName);
        ArgumentNullException.ThrowIfNull(attributeValue);
        await CallAsync("SetSubscriptionAttributes",
            [new("SubscriptionArn", subscriptionArn), new("AttributeName", attributeName), new("AttributeValue", attributeValue)],
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publish: sends <paramref name="message"/> to every subscription of the topic; returns SNS's message id.</summary>
    public async Task<string> PublishAsync(string topicArn, string message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topicArn);
        ArgumentException.ThrowIfNullOrEmpty(message);
        var result = await CallAsync("Publish", [new("TopicArn", topicArn), new("Message", message)], cancellationToken).ConfigureAwait(false);
        return Required(result, "Publish", "MessageId");
    }

    /// <summary>PublishBatch: up to ten messages in one call (entry ids are their positions); returns the message ids in order.</summary>
    public async Task<IReadOnlyList<string>> PublishBatchAsync(string topicArn, IReadOnlyList<string> messages, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topicArn);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(messages.Count, MaxBatchEntries);
        if (messages.Count == 0)
        {
            return [];
        }
        var parameters = new List<KeyValuePair<string, string>> { new("TopicArn", topicArn) };
        for (var i = 0; i < messages.Count; i++)
        {
            var member = string.Create(CultureInfo.InvariantCulture, $"PublishBatchRequestEntries.member.{i + 1}");
            parameters.Add(new($"{member}.Id", i.ToString(CultureInfo.InvariantCulture)));
            parameters.Add(new($"{member}.Message", messages[i]));
        }
        var result = await CallAsync("PublishBatch", [.. parameters], cancellationToken).ConfigureAwait(false);
        if (Child(Child(result, "Failed"), "member") is { } failed)
        {
            throw new SnsException("PublishBatch", System.Net.HttpStatusCode.OK,
                Child(failed, "Code")?.Value ?? "Unknown",
                $"entry {Child(failed, "Id")?.Value} failed: {Child(failed, "Message")?.Value ?? "(no message)"}");
        }
        var ids = (Child(result, "Successful")?.Elements() ?? [])
            .ToDictionary(m => Child(m, "Id")?.Value ?? string.Empty, m => Child(m, "MessageId")?.Value ?? string.Empty, StringComparer.Ordinal);
        return [.. Enumerable.Range(0, messages.Count).Select(i => ids.TryGetValue(i.ToString(CultureInfo.InvariantCulture), out var id) && id.Length > 0
            ? id
            : throw new SnsException("PublishBatch", System.Net.HttpStatusCode.OK, "UnreadableResponse", $"response has no message id for entry {i}"))];
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>One Query API call; returns the <c>{Action}Result</c> element (or null when the response has none).</summary>
    private async Task<XElement?> CallAsync(string action, KeyValuePair<string, string>[] parameters, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(FormEncode([new("Action", action), new("Version", ApiVersion), .. parameters]));
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = FormContentType;
        await _signer.SignAsync(request, body, cancellationToken).ConfigureAwait(false);

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        XDocument document;
        try
        {
            document = XDocument.Parse(text);
        }
        catch (System.Xml.XmlException ex)
        {
            throw new SnsException(action, response.StatusCode, "UnreadableResponse", $"response is not XML ({ex.Message})");
        }
        var root = document.Root!;
        if (!response.IsSuccessStatusCode || root.Name.LocalName == "ErrorResponse")
        {
            var error = Child(root, "Error");
            throw new SnsException(action, response.StatusCode,
                Child(error, "Code")?.Value ?? "Unknown",
                Child(error, "Message")?.Value ?? "(no message)");
        }
        return Child(root, action + "Result");
    }

    private static string Required(XElement? result, string action, string name) =>
        Child(result, name)?.Value is { Length: > 0 } value
            ? value
            : throw new SnsException(action, System.Net.HttpStatusCode.OK, "UnreadableResponse", $"response has no {name}");

    // By local name: the namespace is SNS's, and matching it exactly buys nothing but brittleness against emulators.
    private static XElement? Child(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    /// <summary>RFC 3986 percent-encoding, as AWS's Query protocol signs and expects it.</summary>
    private static string FormEncode(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => string.Create(CultureInfo.InvariantCulture, $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")));
}
