using Amazon.CDK;
using BulkMailer.Deployment.Options;
using BulkMailer.Infra;

// `npx cdk synth` (cdk.json) and `dotnet run --project infra/BulkMailer.Infra` both land here. Environment-agnostic
// (no account/region), so nothing is looked up and the synth works offline.
var app = new App();
try
{
    DeploymentOptions options = ContextOptions.Read(app.Node);
    _ = new BulkMailerStack(app, "BulkMailer", options, new StackProps
    {
        Description = "BulkMailer: SQS → Lambda → SES bulk mail worker with a PostgreSQL connection budget enforced at synth.",
    });
    app.Synth();
    return 0;
}
catch (DeploymentValidationException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
