using System.Text.Json.Nodes;
using BulkMailer.Core.Ses;

namespace BulkMailer.UnitTests.Feedback;

/// <summary>AWS's example payloads (see Fixtures/README.md) and the ways SQS hands them to the feedback function.</summary>
internal static class FeedbackFixtures
{
    public const string SnsEnvelopeMessageId = "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324";
    public const string SnsTopicArn = "arn:aws:sns:us-west-2:123456789012:MyTopic";
    public const string ExampleMessageId = "EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000";

    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Feedback", "Fixtures", name));

    /// <summary>The SQS body for an SES event: the SES JSON itself (raw delivery on) or inside SNS's envelope (off).</summary>
    public static string Body(string fixture, bool enveloped) =>
        enveloped ? InSnsEnvelope(Read(fixture)) : Read(fixture);

    /// <summary>
    /// What SNS delivers to SQS with raw message delivery off: AWS's documented notification, its Message replaced by
    /// the SES JSON as a string (SES publishes without a Subject).
    /// </summary>
    public static string InSnsEnvelope(string sesJson, string snsMessageId = SnsEnvelopeMessageId)
    {
        var envelope = JsonNode.Parse(Read("sns-notification.json"))!.AsObject();
        envelope.Remove("Subject");
        envelope["Message"] = sesJson;
        envelope["MessageId"] = snsMessageId;
        return envelope.ToJsonString();
    }

    /// <summary>A copy of an SES event with the sender's job tag added, as every mail BulkMailer sends carries.</summary>
    public static string WithJobTag(string sesJson, string jobId) => WithTag(sesJson, JobTag.Name, JobTag.Encode(jobId));

    public static string WithTag(string sesJson, string name, string value) =>
        Edit(sesJson, root =>
        {
            var mail = root["mail"]!.AsObject();
            if (mail["tags"] is not JsonObject tags)
            {
                tags = [];
                mail["tags"] = tags;
            }
            tags[name] = new JsonArray(value);
        });

    /// <summary>A copy of an SES event with one change, for the cases AWS's examples do not show.</summary>
    public static string Edit(string sesJson, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(sesJson)!.AsObject();
        change(root);
        return root.ToJsonString();
    }
}
