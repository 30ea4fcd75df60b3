using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace BulkMailer.LocalServers.Postgres;

/// <summary>
/// A TCP proxy in front of PostgreSQL that counts round trips as the server sees them: every Sync ('S', the end of
/// an extended-protocol exchange) and every simple Query ('Q') a client sends makes the server answer once. Tests
/// and the benchmark point clients at <see cref="Port"/> to count round trips per batch and connections exactly,
/// instead of trusting the client's own bookkeeping.
/// </summary>
public sealed class PgRoundTripCounter : IAsyncDisposable
{
    private const int SslRequestCode = 80877103;
    private const int GssEncRequestCode = 80877104;
    private readonly TcpListener _listener;
    private readonly int _serverPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private long _roundTrips;
    private long _connections;
    private long _open;
    private long _peakOpen;

    public PgRoundTripCounter(int serverPort)
    {
        _serverPort = serverPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Sync + Query messages seen from all clients.</summary>
    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    /// <summary>Client connections accepted since start.</summary>
    public long ConnectionsOpened => Interlocked.Read(ref _connections);

    /// <summary>Client connections open now.</summary>
    public long ConnectionsOpen => Interlocked.Read(ref _open);

    /// <summary>The most client connections that were open at the same moment.</summary>
    public long PeakConnectionsOpen => Interlocked.Read(ref _peakOpen);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            var open = Interlocked.Increment(ref _open);
            long peak;
            while (open > (peak = Interlocked.Read(ref _peakOpen)) && Interlocked.CompareExchange(ref _peakOpen, open, peak) != peak)
            {
                // Another accept raised the peak meanwhile; compare again.
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var counted = 1;
        // Once the client sees its connection close it may reconnect at once; this connection must leave the count
        // first, or a busy machine can count it alongside its own replacement.
        void Uncount()
        {
            if (Interlocked.Exchange(ref counted, 0) == 1)
            {
                Interlocked.Decrement(ref _open);
            }
        }

        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _serverPort, _stop.Token).ConfigureAwait(false);
            await using var clientStream = new NetworkStream(client, ownsSocket: true);
            await using var serverStream = new NetworkStream(server, ownsSocket: false);
            var upstream = CountingCopyAsync(clientStream, serverStream);
            var downstream = serverStream.CopyToAsync(clientStream, _stop.Token);
            await Task.WhenAny(upstream, downstream).ConfigureAwait(false);
            Uncount();
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A closed side ends the relay; that is how connections end.
        }
        finally
        {
            Uncount();
            client.Dispose();
        }
    }

    private async Task CountingCopyAsync(Stream from, Stream to)
    {
        var header = new byte[8];
        // Untyped start-up packets: optional SSL/GSS requests, then the StartupMessage.
        while (true)
        {
            await from.ReadExactlyAsync(header.AsMemory(0, 8), _stop.Token).ConfigureAwait(false);
            var length = BinaryPrimitives.ReadInt32BigEndian(header);
            var code = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
            await to.WriteAsync(header.AsMemory(0, 8), _stop.Token).ConfigureAwait(false);
            await CopyExactlyAsync(from, to, length - 8).ConfigureAwait(false);
            if (code is not SslRequestCode and not GssEncRequestCode)
            {
                break;
            }
        }
        // Typed messages: 1 byte type, int32 length (including itself).
        while (true)
        {
            await from.ReadExactlyAsync(header.AsMemory(0, 5), _stop.Token).ConfigureAwait(false);
            var type = (char)header[0];
            var length = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1));
            if (type is 'S' or 'Q')
            {
                Interlocked.Increment(ref _roundTrips);
            }
            await to.WriteAsync(header.AsMemory(0, 5), _stop.Token).ConfigureAwait(false);
            await CopyExactlyAsync(from, to, length - 4).ConfigureAwait(false);
        }
    }

    private async Task CopyExactlyAsync(Stream from, Stream to, int count)
    {
        var buffer = new byte[Math.Min(Math.Max(count, 1), 64 * 1024)];
        while (count > 0)
        {
            var read = await from.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, count)), _stop.Token).ConfigureAwait(false);
            if (read == 0)
            {
                throw new EndOfStreamException();
            }
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token).ConfigureAwait(false);
            count -= read;
        }
    }
}
