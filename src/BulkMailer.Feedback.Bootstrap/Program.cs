using BulkMailer.Data.Connections;
using BulkMailer.Data.Mail;
using BulkMailer.Feedback;
using BulkMailer.Feedback.Ports;
using BulkMailer.Lambda.Configuration;
using BulkMailer.Lambda.Hosting;

// The deployed feedback function: the environment's one static connection, opened in the init phase, behind its store port.
return await LambdaHost.RunAsync(cancellationToken =>
    FeedbackFunction.InitAsync(OpenStoreAsync, FunctionEnvironment.FromProcess(), cancellationToken));

static async Task<IFeedbackStore> OpenStoreAsync(FunctionEnvironment environment, string applicationName, CancellationToken cancellationToken)
{
    var login = await DatabaseLogin.FromEnvironmentAsync(environment, cancellationToken: cancellationToken).ConfigureAwait(false);
    var connection = new StaticConnection(login, applicationName);
    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
    return new MailStore(connection);
}
