using System.Globalization;
using BulkMailer.Deployment.Budget;
using BulkMailer.Lambda.Configuration;

namespace BulkMailer.Bench.AccountRate;

/// <summary>
/// How the senders of an account-rate run share the SES account's rate: the governor (one account-wide rate,
/// <c>BULKMAILER_ACCOUNT_SEND_RATE</c>), the static split the stack used before it (each environment capped at
/// rate ÷ the stack's old default max concurrency 20, <c>BULKMAILER_MAX_SEND_RATE</c>), or no limit at all.
/// </summary>
public static class AccountRateMode
{
    public const string Governor = "governor";

    public const string StaticSplit = "static-split";

    public const string NoLimit = "no-limit";

    /// <summary>The sender max concurrency the static split divided by: the stack's default before the governor (DeploymentOptions.DefaultSender).</summary>
    public const int StaticSplitConcurrency = 20;

    /// <summary>The sender variables of <paramref name="mode"/> at <paramref name="accountRate"/> mails/s.</summary>
    public static IReadOnlyDictionary<string, string> SenderVariables(string mode, double accountRate) => mode switch
    {
        Governor => new Dictionary<string, string> { [FunctionVariables.AccountSendRate] = Format(accountRate) },
        StaticSplit => new Dictionary<string, string> { [FunctionVariables.MaxSendRate] = Format(accountRate / StaticSplitConcurrency) },
        NoLimit => new Dictionary<string, string>(),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown account-rate mode"),
    };

    /// <summary>
    /// Whether the SES front answers GetAccount: only for the governor. Without a configured rate the sender's governor
    /// takes SES's GetAccount rate, so the other modes get SES's answer for a role without <c>ses:GetAccount</c> and stay ungoverned.
    /// </summary>
    public static bool AnswersGetAccount(string mode) => mode == Governor;

    /// <summary>
    /// What the send-rate model (src/BulkMailer.Deployment/Budget) predicts SES accepts: <paramref name="concurrency"/>
    /// environments at the modelled rate (at most rate ÷ 20 each in the static split), capped by the account rate,
    /// which the SES front enforces whatever the mode.
    /// </summary>
    public static double PredictedRate(string mode, double accountRate, int concurrency, SenderThroughputInput input)
    {
        double perEnvironment = SenderThroughput.Of(input).PerEnvironmentRate;
        if (mode == StaticSplit)
        {
            perEnvironment = Math.Min(perEnvironment, accountRate / StaticSplitConcurrency);
        }
        return SendRatePlanner.ExpectedRate(accountRate, concurrency, perEnvironment);
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
