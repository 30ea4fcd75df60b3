using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.Lambda.Configuration;
using BulkMailer.Lambda.Hosting;
using BulkMailer.Lambda.Observability;
using BulkMailer.Sender;
using BulkMailer.Sender.Bootstrap.Queues;
using BulkMailer.Sender.Ports;

// The deployed sender: the environment's one static connection, opened in the init phase, behind the sender's store
// port; and SQS, to push out the next appearance of jobs handed back while the account cannot send.
var environment = FunctionEnvironment.FromProcess();
var visibility = SqsVisibilityDelayer.Create(environment.Region, environment.SqsEndpoint, JsonLogger.Default);
return await LambdaHost.RunAsync(cancellationToken =>
    SenderFunction.InitAsync(OpenStoreAsync, visibility, environment, cancellationToken));

static async Task<ISenderStore> OpenStoreAsync(FunctionEnvironment environment, string applicationName, CancellationToken cancellationToken)
{
    var login = await DatabaseLogin.FromEnvironmentAsync(environment, cancellationToken: cancellationToken).ConfigureAwait(false);
    var connection = new StaticConnection(login, applicationName);
    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
    return new MailStore(connection);
}
