using System.Diagnostics;
using BulkMailer.LocalServers.Support;

namespace BulkMailer.LocalServers.Emulators;

/// <summary>
/// One emulator process (<c>node tools/local/serve.mjs KIND PORT</c>) on a free 127.0.0.1 port, health-checked
/// before use. Its stdin is a pipe from this process: when this process dies, however it dies, the pipe closes and
/// the emulator exits — no orphans.
/// </summary>
public sealed class NodeEmulator : IAsyncDisposable
{
    private readonly Process _process;

    private NodeEmulator(EmulatorKind kind, int port, Process process)
    {
        Kind = kind;
        Port = port;
        _process = process;
    }

    public EmulatorKind Kind { get; }

    public int Port { get; }

    /// <summary>The endpoint URL to give AWS clients (<c>AWS_ENDPOINT_URL_SQS</c> and friends).</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    public static async Task<NodeEmulator> StartAsync(EmulatorKind kind, CancellationToken cancellationToken = default)
    {
        await NpmTools.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        var port = FreePort.Next();
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.LocalTools,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("serve.mjs");
        info.ArgumentList.Add(kind == EmulatorKind.Fauxqs ? "fauxqs" : "ses");
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start node");
        // Drain output so a chatty emulator never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var emulator = new NodeEmulator(kind, port, process);
        try
        {
            await emulator.WaitHealthyAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return emulator;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                try
                {
                    await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        // aws-ses-v2-local serves its store at GET /store; fauxqs answers any GET (a 4xx is still an answer).
        var probe = new Uri(Endpoint, Kind == EmulatorKind.Ses ? "/store" : "/");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Kind} emulator exited with {_process.ExitCode} during start-up");
            }
            try
            {
                using var response = await http.GetAsync(probe, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
        throw new TimeoutException($"{Kind} emulator did not answer on {Endpoint} within 60 s");
    }
}
