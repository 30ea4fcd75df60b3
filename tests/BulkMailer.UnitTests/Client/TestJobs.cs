using BulkMailer.Client.Jobs;
using BulkMailer.Core.Jobs;

namespace BulkMailer.UnitTests.Client;

/// <summary>Valid jobs for tests, numbered.</summary>
internal static class TestJobs
{
    public static MailJob Valid(int number) =>
        MailJobBuilder.ForJob($"test/{number:D6}")
            .InCampaign("test")
            .From("news@acme.example")
            .To($"user{number}@example.com")
            .WithTemplate("welcome", [KeyValuePair.Create("n", number.ToString(System.Globalization.CultureInfo.InvariantCulture))])
            .Build();

    public static IEnumerable<MailJob> Range(int count) => Enumerable.Range(1, count).Select(Valid);
}
