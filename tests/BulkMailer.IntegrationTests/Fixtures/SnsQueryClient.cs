using System.Xml.Linq;

namespace BulkMailer.IntegrationTests.Fixtures;

/// <summary>
/// The three SNS calls the end-to-end test needs, over SNS's Query API (form POST, XML answer): the registry here
/// serves no AWSSDK.SimpleNotificationService 4.x. fauxqs checks only that an Authorization header is present.
/// </summary>
public sealed class SnsQueryClient(Uri endpoint) : IDisposable
{
    private static readonly XNamespace Sns = "http://sns.amazonaws.com/doc/2010-03-31/";
    private readonly HttpClient _http = new();

    public async Task<string> CreateTopicAsync(string name) =>
        (await CallAsync("CreateTopic", ("Name", name))).Descendants(Sns + "TopicArn").Single().Value;

    /// <summary>Subscribes an SQS queue; <paramref name="rawDelivery"/> sets RawMessageDelivery on the subscription.</summary>
    public async Task<string> SubscribeQueueAsync(string topicArn, string queueArn, bool rawDelivery)
    {
        var parameters = new List<(string, string)> { ("TopicArn", topicArn), ("Protocol", "sqs"), ("Endpoint", queueArn) };
        if (rawDelivery)
        {
            parameters.Add(("Attributes.entry.1.key", "RawMessageDelivery"));
            parameters.Add(("Attributes.entry.1.value", "true"));
        }
        return (await CallAsync("Subscribe", [.. parameters])).Descendants(Sns + "SubscriptionArn").Single().Value;
    }

    public async Task<string> PublishAsync(string topicArn, string message) =>
        (await CallAsync("Publish", ("TopicArn", topicArn), ("Message", message))).Descendants(Sns + "MessageId").Single().Value;

    public void Dispose() => _http.Dispose();

    private async Task<XDocument> CallAsync(string action, params (string Name, string Value)[] parameters)
    {
        var form = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", "2010-03-31") };
        form.AddRange(parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=0");
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"SNS {action} failed: {(int)response.StatusCode} {body}");
        }
        return XDocument.Parse(body);
    }
}
