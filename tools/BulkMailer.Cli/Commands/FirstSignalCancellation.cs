using System.Runtime.InteropServices;

namespace BulkMailer.Cli.Commands;

/// <summary>
/// A token the first SIGINT, SIGTERM, SIGHUP or SIGQUIT cancels, so a command stops gracefully (enqueue keeps its
/// checkpoint exact; <c>local run</c> and <c>bench</c> stop every process they started); a second signal is left to
/// end the process. Own signal handling rather than System.CommandLine's: measured here, its handler let the process
/// end 2 s after a signal whatever the command was still doing, which left <c>local run</c>'s frozen function
/// processes and its PostgreSQL cluster behind on SIGTERM.
/// </summary>
internal sealed class FirstSignalCancellation : IDisposable
{
    private static readonly PosixSignal[] Signals = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT];

    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;

    public FirstSignalCancellation(CancellationToken outer)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _registrations = [.. Signals.Select(signal => PosixSignalRegistration.Create(signal, OnSignal))];
    }

    public CancellationToken Token => _source.Token;

    public bool IsCancellationRequested => _source.IsCancellationRequested;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
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
