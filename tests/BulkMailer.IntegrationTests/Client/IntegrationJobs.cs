using System.Globalization;
using System.Text.Json;
using BulkMailer.Client.Jobs;
using BulkMailer.Core.Jobs;

namespace BulkMailer.IntegrationTests.Client;

/// <summary>Generated campaigns, as jobs and as JSONL files.</summary>
internal static class IntegrationJobs
{
    public static MailJob Job(string campaign, int number) =>
        MailJobBuilder.ForJob($"{campaign}/{number.ToString("D6", CultureInfo.InvariantCulture)}")
            .InCampaign(campaign)
            .From("Acme News <news@acme.example>")
            .To($"user{number}@example.com")
            .WithTemplate("welcome-v3", [KeyValuePair.Create("n", number.ToString(CultureInfo.InvariantCulture))])
            .Build();

    public static IEnumerable<MailJob> Campaign(string campaign, int count) => Enumerable.Range(1, count).Select(n => Job(campaign, n));

    public static string WriteJsonl(string directory, string campaign, int count)
    {
        var path = Path.Combine(directory, campaign + ".jsonl");
        using var writer = new StreamWriter(path);
        foreach (var job in Campaign(campaign, count))
        {
            writer.WriteLine(JsonSerializer.Serialize(job, MailJobJsonContext.Default.MailJob));
        }
        return path;
    }
}
