using BulkMailer.Data.Connections;
using BulkMailer.Data.Unsubscribe;
using BulkMailer.Lambda.Configuration;
using BulkMailer.Lambda.Hosting;
using BulkMailer.Unsubscribe;
using BulkMailer.Unsubscribe.Ports;

// The deployed unsubscribe function: the environment's one static connection, opened in the init phase, behind its store port.
return await LambdaHost.RunAsync(cancellationToken =>
    UnsubscribeFunction.InitAsync(OpenStoreAsync, FunctionEnvironment.FromProcess(), cancellationToken));

static async Task<IUnsubscribeStore> OpenStoreAsync(FunctionEnvironment environment, string applicationName, CancellationToken cancellationToken)
{
    var login = await DatabaseLogin.FromEnvironmentAsync(environment, cancellationToken: cancellationToken).ConfigureAwait(false);
    var connection = new StaticConnection(login, applicationName);
    await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
    return new UnsubscribeStore(connection);
}
