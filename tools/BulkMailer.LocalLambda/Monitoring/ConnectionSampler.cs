using System.Diagnostics;
using Npgsql;

namespace BulkMailer.LocalLambda.Monitoring;

/// <summary>
/// Samples the PostgreSQL cluster's client connections every <c>interval</c> on one connection of its own
/// (application name <see cref="ApplicationName"/>, not counted), so a run can show its peak and mean connections
/// against the budget, per application name (sender vs feedback). Started and stopped by the caller.
/// </summary>
public sealed class ConnectionSampler : IAsyncDisposable
{
    /// <summary>The sampler's own <c>application_name</c>.</summary>
    public const string ApplicationName = "bulkmailer-sampler";

    // One round trip per sample: grouped by application, the total is the sum. Cluster-wide on purpose, because
    // max_connections is; the observers' own backends (this sampler, and any connection the runner opens to watch
    // progress under the same application name) are left out so observing does not change the number.
    private const string Sql = """
        select coalesce(application_name, ''), count(*)::int
        from pg_stat_activity
        where backend_type = 'client backend' and pid <> pg_backend_pid()
          and coalesce(application_name, '') <> 'bulkmailer-sampler'
        group by 1
        """;

    private readonly string _connectionString;
    private readonly TimeSpan _interval;
    private readonly List<ConnectionSample> _samples = [];
    private readonly Stopwatch _elapsed = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _failedSamples;
    private NpgsqlConnection? _connection;
    private CancellationTokenSource? _stop;
    private Task? _loop;

    /// <param name="connectionString">Any database on the cluster; pooling is turned off so stopping really disconnects.</param>
    /// <param name="interval">Time between samples; default 100 ms.</param>
    public ConnectionSampler(string connectionString, TimeSpan? interval = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _interval = interval ?? TimeSpan.FromMilliseconds(100);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_interval, TimeSpan.Zero);
        _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = ApplicationName,
            Pooling = false,
        }.ConnectionString;
    }

    /// <summary>Samples taken so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<ConnectionSample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>The highest total seen; 0 before the first sample.</summary>
    public int Peak => Samples.Select(s => s.Total).DefaultIfEmpty(0).Max();

    /// <summary>The mean total over the samples; 0 before the first sample.</summary>
    public double Mean => Samples.Select(s => (double)s.Total).DefaultIfEmpty(0).Average();

    /// <summary>The highest count seen per application name.</summary>
    public IReadOnlyDictionary<string, int> PeakByApplication =>
        Samples.SelectMany(s => s.ByApplication)
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(e => e.Value), StringComparer.Ordinal);

    /// <summary>Samples that failed (the server restarted or refused); the loop reconnects and goes on.</summary>
    public int FailedSamples => Volatile.Read(ref _failedSamples);

    /// <summary>Opens the sampler's connection, takes the first sample, and keeps sampling in the background.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("the sampler is already started");
        }
        _connection = new NpgsqlConnection(_connectionString);
        await _connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        _elapsed.Start();
        await SampleOnceAsync(cancellationToken).ConfigureAwait(false);
        _stop = new CancellationTokenSource();
        _loop = LoopAsync(_stop.Token);
    }

    /// <summary>Takes one sample now (also while the background loop runs), records it and returns it.</summary>
    public async Task<ConnectionSample> SampleOnceAsync(CancellationToken cancellationToken = default)
    {
        var connection = _connection ?? throw new InvalidOperationException("the sampler is not started");
        var byApplication = new Dictionary<string, int>(StringComparer.Ordinal);
        // Npgsql connections are not thread-safe; the loop and a caller's sample take turns.
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = new NpgsqlCommand(Sql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                byApplication[reader.GetString(0)] = reader.GetInt32(1);
            }
        }
        finally
        {
            _gate.Release();
        }
        var sample = new ConnectionSample(_elapsed.Elapsed, byApplication.Values.Sum(), byApplication);
        lock (_samples)
        {
            _samples.Add(sample);
        }
        return sample;
    }

    /// <summary>Stops sampling and closes the sampler's connection; the samples stay readable.</summary>
    public async Task StopAsync()
    {
        if (_stop is not null && _loop is not null)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
            _stop.Dispose();
            _stop = null;
        }
        _elapsed.Stop();
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is not null)
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
            }
            var connection = new NpgsqlConnection(_connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // Still down: the next tick fails and tries again.
            }
            _connection = connection;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await SampleOnceAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
                {
                    // A gap in the chart is better than a dead sampler: a run can outlive a server restart.
                    Interlocked.Increment(ref _failedSamples);
                    await ReconnectAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal end of the loop.
        }
    }
}
