using BulkMailer.Lambda.Observability;
using BulkMailer.Sender.Governor;
using BulkMailer.Ses.Model;
using BulkMailer.UnitTests.Fakes;

namespace BulkMailer.UnitTests.Governor;

/// <summary>Where the account's rate and quota come from: the configured rate, else GetAccount; GetAccount refreshed every 5 minutes.</summary>
public sealed class AccountSendBudgetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ScriptedSesClient _ses = new();
    private readonly FixedClock _clock = new(T0);
    private readonly StringWriter _log = new();

    private AccountSendBudget Budget(double? configured) => new(_ses, configured, "ses:eu-west-1", new JsonLogger(_log), _clock);

    [Fact]
    public async Task Without_a_configured_rate_GetAccounts_rate_and_quota_are_used()
    {
        _ses.Account = new SendQuota { MaxSendRate = 14, Max24HourSend = 50_000, SentLast24Hours = 1_000 };
        var budget = Budget(null);

        await budget.RefreshIfDueAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var request = budget.Request(TimeSpan.FromSeconds(10))!;

        Assert.Equal(("ses:eu-west-1", 14.0, 7.0), (request.Key, request.Rate, request.Burst));
        Assert.Equal((49_000L, TimeSpan.FromSeconds(2)), (request.Quota!.Remaining, request.Quota.Age));
        // Every claim carries the reading, older by the time since (the governor ignores one it already has).
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(5), budget.Request(TimeSpan.FromSeconds(10))!.Quota!.Age);
    }

    [Fact]
    public async Task A_configured_rate_wins_over_GetAccounts_and_the_quota_still_comes_from_GetAccount()
    {
        _ses.Account = new SendQuota { MaxSendRate = 14, Max24HourSend = -1 };
        var budget = Budget(40);

        await budget.RefreshIfDueAsync(CancellationToken.None);
        var request = budget.Request(TimeSpan.FromSeconds(10))!;

        Assert.Equal((40.0, -1L), (request.Rate, request.Quota!.Remaining));
    }

    [Fact]
    public async Task GetAccount_is_read_again_only_after_five_minutes()
    {
        _ses.Account = new SendQuota { MaxSendRate = 14, Max24HourSend = 100 };
        var budget = Budget(null);

        await budget.RefreshIfDueAsync(CancellationToken.None);
        _clock.Advance(AccountSendBudget.RefreshInterval - TimeSpan.FromSeconds(1));
        await budget.RefreshIfDueAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await budget.RefreshIfDueAsync(CancellationToken.None);

        Assert.Equal(2, _ses.AccountReads);
    }

    [Fact]
    public async Task GetAccount_refused_leaves_the_configured_rate_without_a_quota_and_warns_once()
    {
        var budget = Budget(20);

        await budget.RefreshIfDueAsync(CancellationToken.None);
        _clock.Advance(AccountSendBudget.RefreshInterval);
        await budget.RefreshIfDueAsync(CancellationToken.None);
        var request = budget.Request(TimeSpan.FromSeconds(10))!;

        Assert.Equal(20.0, request.Rate);
        Assert.Null(request.Quota);
        Assert.Single(_log.ToString().Split('\n'), line => line.Contains("GetAccount unavailable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Neither_a_configured_rate_nor_GetAccount_means_no_governor_and_one_warning()
    {
        var budget = Budget(null);

        await budget.RefreshIfDueAsync(CancellationToken.None);

        Assert.Null(budget.Request(TimeSpan.FromSeconds(10)));
        Assert.Contains("no account-wide send limit", _log.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "ses:local")]
    [InlineData("eu-west-1", "ses:eu-west-1")]
    public void The_governor_row_is_keyed_by_region(string? region, string key) =>
        Assert.Equal(key, AccountSendBudget.KeyFor(region));
}
