using BulkMailer.LocalServers.Emulators;
using BulkMailer.LocalServers.Postgres;

namespace BulkMailer.LocalServers;

/// <summary>
/// The whole local stand-in for AWS (not the LocalStack product): a PostgreSQL cluster, fauxqs and aws-ses-v2-local, started in parallel on
/// 127.0.0.1 and stopped together. Used by the integration tests, <c>local run</c> and <c>bench</c>.
/// </summary>
public sealed class LocalServerSet : IAsyncDisposable
{
    private LocalServerSet(PostgresCluster postgres, NodeEmulator? fauxqs, NodeEmulator? ses)
    {
        Postgres = postgres;
        Fauxqs = fauxqs;
        Ses = ses;
    }

    public PostgresCluster Postgres { get; }

    public NodeEmulator? Fauxqs { get; }

    public NodeEmulator? Ses { get; }

    /// <summary>Region the emulators are addressed with (they accept any).</summary>
    public const string Region = "us-east-1";

    public static async Task<LocalServerSet> StartAsync(LocalServerSetOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalServerSetOptions();
        var postgres = PostgresCluster.StartAsync(options.Postgres, cancellationToken);
        var fauxqs = options.StartFauxqs ? NodeEmulator.StartAsync(EmulatorKind.Fauxqs, cancellationToken) : Task.FromResult<NodeEmulator>(null!);
        var ses = options.StartSes ? NodeEmulator.StartAsync(EmulatorKind.Ses, cancellationToken) : Task.FromResult<NodeEmulator>(null!);
        try
        {
            await Task.WhenAll(postgres, fauxqs, ses).ConfigureAwait(false);
        }
        catch
        {
            foreach (var started in new Task<IAsyncDisposable>[] { Cast(postgres), Cast(fauxqs), Cast(ses) })
            {
                if (started.IsCompletedSuccessfully && started.Result is { } disposable)
                {
                    await disposable.DisposeAsync().ConfigureAwait(false);
                }
            }
            throw;
        }
        return new LocalServerSet(postgres.Result, fauxqs.Result, ses.Result);
    }

    /// <summary>
    /// Environment variables that point an AWS client or a function process at this stack
    /// (the standard endpoint overrides of docs/contract.md §3, Function environment, dummy credentials — the emulators accept any).
    /// </summary>
    public IReadOnlyDictionary<string, string> AwsEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_REGION"] = Region,
            ["AWS_DEFAULT_REGION"] = Region,
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
        };
        if (Fauxqs is { } fauxqs)
        {
            environment["AWS_ENDPOINT_URL_SQS"] = fauxqs.Endpoint.ToString().TrimEnd('/');
            environment["AWS_ENDPOINT_URL_SNS"] = fauxqs.Endpoint.ToString().TrimEnd('/');
        }
        if (Ses is { } ses)
        {
            environment["AWS_ENDPOINT_URL_SES"] = ses.Endpoint.ToString().TrimEnd('/');
        }
        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(
            Postgres.DisposeAsync().AsTask(),
            Fauxqs?.DisposeAsync().AsTask() ?? Task.CompletedTask,
            Ses?.DisposeAsync().AsTask() ?? Task.CompletedTask).ConfigureAwait(false);
    }

    private static async Task<IAsyncDisposable> Cast<T>(Task<T> task) where T : IAsyncDisposable => await task.ConfigureAwait(false);
}
