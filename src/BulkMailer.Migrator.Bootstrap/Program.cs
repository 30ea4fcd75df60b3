using BulkMailer.Data.Connections;
using BulkMailer.Data.Migrations;
using BulkMailer.Lambda.Configuration;
using BulkMailer.Lambda.Hosting;
using BulkMailer.Migrator;
using BulkMailer.Migrator.Ports;

// The deployed migrator: the master login's connection string resolved once at init; a connection only while migrating.
return await LambdaHost.RunAsync(cancellationToken =>
    MigratorFunction.InitAsync(CreateAsync, FunctionEnvironment.FromProcess(), cancellationToken));

static async Task<ISchemaMigrations> CreateAsync(FunctionEnvironment environment, string applicationName, CancellationToken cancellationToken)
{
    var login = await DatabaseLogin.FromEnvironmentAsync(environment, cancellationToken: cancellationToken).ConfigureAwait(false);
    return new DatabaseSchemaMigrations(login, applicationName);
}
