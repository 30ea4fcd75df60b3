using System.Runtime.InteropServices;
using BulkMailer.Lambda.Configuration;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Runtime;

namespace BulkMailer.Lambda.Hosting;

/// <summary>
/// The whole of a function's <c>Program.cs</c>: <c>return await LambdaHost.RunAsync(async ct =&gt; { ...; return handler; });</c>.
/// Runs the init phase once (long-lived objects: the database connection, the SES client), reports an init
/// failure to <c>/init/error</c>, then runs the invocation loop until SIGTERM.
/// </summary>
public static class LambdaHost
{
    /// <summary>Exit code after SIGTERM or a cancelled host.</summary>
    public const int ExitStopped = 0;

    /// <summary>Exit code when the init delegate threw (after reporting it to <c>/init/error</c>).</summary>
    public const int ExitInitFailed = 1;

    /// <summary>Exit code when the Runtime API failed and the loop could not go on.</summary>
    public const int ExitRuntimeApiFailed = 2;

    public static async Task<int> RunAsync(Func<CancellationToken, Task<LambdaHandler>> init, LambdaHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(init);
        options ??= new LambdaHostOptions();
        var log = options.Logger ?? JsonLogger.Default;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(options.StopToken);
        using var sigterm = options.HandleSigterm
            ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                // Lambda sends SIGTERM before it shuts the environment down; finish cleanly instead of being killed.
                context.Cancel = true;
                stop.Cancel();
            })
            : null;

        IRuntimeApiClient client;
        RuntimeApiClient? owned = null;
        try
        {
            client = options.Client ?? (owned = RuntimeApiClient.FromEnvironment(FunctionEnvironment.FromProcess()));
        }
        catch (InvalidOperationException missing)
        {
            log.Error("cannot start the runtime", missing);
            return ExitInitFailed;
        }

        try
        {
            LambdaHandler handler;
            try
            {
                handler = await init(stop.Token).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                log.Error("init failed", exception);
                try
                {
                    await client.ReportInitErrorAsync(exception, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception reportFailure) when (reportFailure is HttpRequestException or RuntimeApiException)
                {
                    log.Error("could not report the init failure", reportFailure);
                }
                return ExitInitFailed;
            }

            try
            {
                await new InvocationLoop(client, handler, log).RunAsync(stop.Token).ConfigureAwait(false);
                return ExitStopped;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return ExitStopped;
            }
            catch (Exception fatal) when (fatal is HttpRequestException or RuntimeApiException or IOException)
            {
                log.Error("Runtime API failed; exiting", fatal);
                return ExitRuntimeApiFailed;
            }
        }
        finally
        {
            owned?.Dispose();
        }
    }
}
