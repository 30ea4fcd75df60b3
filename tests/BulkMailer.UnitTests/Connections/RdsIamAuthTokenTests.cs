using System.Web;
using Amazon.Runtime;
using BulkMailer.Data.Connections;
using BulkMailer.UnitTests.Fakes;

namespace BulkMailer.UnitTests.Connections;

public sealed class RdsIamAuthTokenTests
{
    private const string Host = "bulkmailer.abc123.eu-west-1.rds.amazonaws.com";
    private static readonly DateTimeOffset SignedAt = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    // botocore 1.43.11 generate_db_auth_token(Host, 5432, "bulkmailer_app") for eu-west-1 at SignedAt with the
    // AWS test-suite key pair (AKIDEXAMPLE) and session token "SESSIONTOKEN": the token RDS accepts.
    private const string BotocoreToken = Host + ":5432/?Action=connect&DBUser=bulkmailer_app&X-Amz-Algorithm=AWS4-HMAC-SHA256"
        + "&X-Amz-Credential=AKIDEXAMPLE%2F20261202%2Feu-west-1%2Frds-db%2Faws4_request&X-Amz-Date=20261202T120000Z"
        + "&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Security-Token=SESSIONTOKEN"
        + "&X-Amz-Signature=366ff6a5c5672c29b7414fb15de4486b593cec3b9cb620011ddd3716786280e9";

    private static RdsIamAuthToken Generator(FixedClock clock) => new(
        Host, 5432, "bulkmailer_app", "eu-west-1",
        new SessionAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "SESSIONTOKEN"), clock);

    private static (string HostAndPath, Dictionary<string, string> Query) Split(string token)
    {
        var question = token.IndexOf('?', StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(token[(question + 1)..]);
        return (token[..question], query.AllKeys.ToDictionary(k => k!, k => query[k]!, StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_token_is_the_one_botocore_generates_for_the_same_user_host_time_and_credentials()
    {
        var token = await Generator(new FixedClock(SignedAt)).GetPasswordAsync(CancellationToken.None);

        var (ours, ourQuery) = Split(token);
        var (theirs, theirQuery) = Split(BotocoreToken);
        Assert.Equal(theirs, ours);
        Assert.Equal(theirQuery.OrderBy(p => p.Key), ourQuery.OrderBy(p => p.Key));
        Assert.DoesNotContain("https://", token, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_is_reused_for_ten_minutes_and_signed_anew_after()
    {
        var clock = new FixedClock(SignedAt);
        var generator = Generator(clock);
        var first = await generator.GetPasswordAsync(CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(first, await generator.GetPasswordAsync(CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(2));
        var renewed = await generator.GetPasswordAsync(CancellationToken.None);

        Assert.NotEqual(first, renewed);
        Assert.Contains("X-Amz-Date=20261202T121100Z", renewed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_token_is_not_offered_again()
    {
        var clock = new FixedClock(SignedAt);
        var generator = Generator(clock);
        var first = await generator.GetPasswordAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));

        generator.Invalidate();

        Assert.NotEqual(first, await generator.GetPasswordAsync(CancellationToken.None));
    }
}
