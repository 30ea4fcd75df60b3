using Amazon.CDK;
using Amazon.CDK.Assertions;
using BulkMailer.Deployment.Options;
using BulkMailer.Infra;
using static BulkMailer.InfraTests.Cfn;

namespace BulkMailer.InfraTests;

/// <summary>
/// The sender gets the account's one send rate (bulkmailer.ses.maxSendRate) as it is, not split by its concurrency —
/// the send governor shares it — and may read the account's quota with ses:GetAccount.
/// </summary>
public sealed class SenderAccountRateStackTests
{
    private static Template SynthWith(double maxSendRate, int senderConcurrency)
    {
        var app = new App(new AppProps
        {
            Context = new Dictionary<string, object>(TestOptions.PlaceholderContext)
            {
                [DeploymentContextKeys.MaxSendRate] = maxSendRate,
                [DeploymentContextKeys.Sender + DeploymentContextKeys.FunctionReservedConcurrency] = senderConcurrency,
                [DeploymentContextKeys.Sender + DeploymentContextKeys.FunctionMaxConcurrency] = senderConcurrency,
            },
        });
        return Template.FromStack(new BulkMailerStack(app, "BulkMailer", ContextOptions.Read(app.Node)));
    }

    [Fact]
    public void The_account_rate_reaches_every_sender_environment_whole_and_no_per_environment_split_is_set()
    {
        var template = SynthWith(40, 4);

        template.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(Obj(
            ("Description", "BulkMailer Sender"),
            ("Environment", Obj(("Variables", Match.ObjectLike(Obj(
                ("BULKMAILER_ACCOUNT_SEND_RATE", "40"),
                ("BULKMAILER_MAX_SEND_RATE", Match.Absent())))))))));
    }

    [Fact]
    public void The_sender_may_read_the_account_send_quota()
    {
        SynthWith(14, 20).HasResourceProperties("AWS::IAM::Policy", Obj(
            ("Roles", Arr(Obj(("Ref", Match.StringLikeRegexp("^SenderFunctionServiceRole"))))),
            ("PolicyDocument", Obj(("Version", "2012-10-17"), ("Statement", Match.ArrayWith(Arr(Obj(
                ("Sid", "ReadTheAccountSendQuota"),
                ("Effect", "Allow"),
                ("Action", "ses:GetAccount"),
                ("Resource", "*"))))))),
            ("PolicyName", Match.AnyValue())));
    }
}
