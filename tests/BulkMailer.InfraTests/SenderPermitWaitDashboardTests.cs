using Amazon.CDK.Assertions;
using static BulkMailer.InfraTests.Cfn;

namespace BulkMailer.InfraTests;

/// <summary>The dashboard's graph of the sender's per-job wait for a send permit (the <c>SendPermitWait</c> EMF samples).</summary>
[Collection(NewDatabaseStackCollection.Name)]
public sealed class SenderPermitWaitDashboardTests(NewDatabaseStack fixture)
{
    private readonly Template _t = fixture.Template;

    private void Shows(params object[] parts) =>
        _t.HasResourceProperties("AWS::CloudWatch::Dashboard", Obj(("DashboardBody", Obj(("Fn::Join", Arr("", Match.ArrayWith(Arr(parts))))))));

    [Fact]
    public void The_dashboard_graphs_the_p50_and_p95_of_the_sender_functions_permit_wait()
    {
        Shows(Match.StringLikeRegexp("Sender: wait for a send permit"));
        // The metric is the sender function's own (its FunctionName dimension is the function's name), once per percentile.
        foreach (string percentile in new[] { "p50", "p95" })
        {
            Shows(
                Match.StringLikeRegexp("\\[\"BulkMailer\",\"SendPermitWait\",\"FunctionName\",\"$"),
                Obj(("Ref", Match.StringLikeRegexp("^SenderFunction"))),
                Match.StringLikeRegexp($"^\",\\{{[^}}]*\"stat\":\"{percentile}\""));
        }
    }
}
