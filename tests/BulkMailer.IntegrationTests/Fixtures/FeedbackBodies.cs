using System.Text.Json.Nodes;
using BulkMailer.Core.Ses;

namespace BulkMailer.IntegrationTests.Fixtures;

/// <summary>
/// SQS bodies for the feedback function, built from AWS's published examples (tests/BulkMailer.UnitTests/Feedback/Fixtures,
/// linked into this project's output): the SES JSON itself (raw delivery on) or inside SNS's envelope (off).
/// </summary>
public static class FeedbackBodies
{
    /// <summary>Every SES example: all ten event-publishing types and the three notification types (five examples).</summary>
    public static IReadOnlyList<string> SesExamples { get; } =
    [
        "event-bounce", "event-click", "event-complaint", "event-delivery", "event-delivery-delay", "event-open",
        "event-reject", "event-rendering-failure", "event-send", "event-subscription",
        "notification-bounce-with-dsn", "notification-bounce-without-dsn", "notification-complaint-with-feedback",
        "notification-complaint-without-feedback", "notification-delivery",
    ];

    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Feedback", "Fixtures", name.EndsWith(".json", StringComparison.Ordinal) ? name : name + ".json"));

    /// <summary>What SNS delivers to SQS with raw message delivery off: AWS's documented envelope around the SES JSON.</summary>
    public static string InSnsEnvelope(string sesJson, string snsMessageId)
    {
        var envelope = JsonNode.Parse(Read("sns-notification"))!.AsObject();
        // SES publishes without a Subject.
        envelope.Remove("Subject");
        envelope["Message"] = sesJson;
        envelope["MessageId"] = snsMessageId;
        return envelope.ToJsonString();
    }

    public static string Body(string sesJson, bool enveloped, string snsMessageId) =>
        enveloped ? InSnsEnvelope(sesJson, snsMessageId) : sesJson;

    /// <summary>A copy of an SES event about another mail: the examples all share one message id.</summary>
    public static string WithMessageId(string sesJson, string sesMessageId) =>
        Edit(sesJson, root => root["mail"]!["messageId"] = sesMessageId);

    /// <summary>A copy of an SES event carrying the sender's job tag, as every mail BulkMailer sends does.</summary>
    public static string WithJobTag(string sesJson, string jobId) =>
        Edit(sesJson, root =>
        {
            var mail = root["mail"]!.AsObject();
            if (mail["tags"] is not JsonObject tags)
            {
                tags = [];
                mail["tags"] = tags;
            }
            tags[JobTag.Name] = new JsonArray(JobTag.Encode(jobId));
        });

    public static string Edit(string sesJson, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(sesJson)!.AsObject();
        change(root);
        return root.ToJsonString();
    }
}
