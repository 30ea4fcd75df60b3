using BulkMailer.IntegrationTests.Fixtures;

namespace BulkMailer.IntegrationTests.LocalLambda;

/// <summary>A sender invocation payload of one valid job, its recipient tagged with the test that sends it.</summary>
internal static class SenderBatches
{
    public static byte[] OneJob(string id, string test) => System.Text.Encoding.UTF8.GetBytes(SqsEvents.Build(
        (id, $$"""{"jobId":"{{id}}","from":"news@acme.example","to":"{{id}}.{{test}}@example.com","subject":"Hi","text":"x"}""")));
}
