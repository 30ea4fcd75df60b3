using System.Runtime.InteropServices;

namespace BulkMailer.Cli.Commands;

/// <summary>
/// A token the first SIGINT or SIGTERM cancels, so a command stops gracefully; a second signal is left to end the
/// process. Own signal handling rather than the invocation token alone: measured here, SIGINT and SIGTERM ended the
/// process at once, without the graceful stop that keeps enqueue's checkpoint exact.
/// </summary>
internal sealed class FirstSignalCancellation : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private int _signals;

    public FirstSignalCancellation(CancellationToken outer)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _source.Token;

    public bool IsCancellationRequested => _source.IsCancellationRequested;

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref _signals) == 1)
        {
            context.Cancel = true;
            _source.Cancel();
        }
    }
}
