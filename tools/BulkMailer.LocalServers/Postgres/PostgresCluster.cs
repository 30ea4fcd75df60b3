using System.Diagnostics;
using BulkMailer.LocalServers.Support;
using Npgsql;

namespace BulkMailer.LocalServers.Postgres;

/// <summary>
/// A throw-away PostgreSQL cluster: <c>initdb</c> into a temp dir, <c>pg_ctl start</c> on a free 127.0.0.1 port,
/// stopped and deleted on dispose and on process exit. Clusters left behind by a process that was killed are
/// reaped by the next start (each cluster dir records its owner's pid), so no orphans survive a crashed run.
/// PostgreSQL refuses to run as root: as root, every server command runs through <c>runuser -u postgres</c>.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string DirPrefix = "bulkmailer-pg-";
    private readonly string _root;
    private readonly string _dataDir;
    private readonly string _logFile;
    private int _stopped;

    private PostgresCluster(string root, int port, PostgresOptions options)
    {
        _root = root;
        _dataDir = Path.Combine(root, "data");
        _logFile = Path.Combine(root, "server.log");
        Port = port;
        Options = options;
    }

    public int Port { get; }

    public PostgresOptions Options { get; }

    /// <summary>Superuser connection string to the <c>postgres</c> database.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        Password = Options.SuperuserPassword,
        SslMode = SslMode.Disable,
    }.ConnectionString;

    public static async Task<PostgresCluster> StartAsync(PostgresOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PostgresOptions();
        await ReapOrphansAsync().ConfigureAwait(false);
        var root = Directory.CreateTempSubdirectory(DirPrefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        var cluster = new PostgresCluster(root, FreePort.Next(), options);
        try
        {
            await cluster.InitAsync(cancellationToken).ConfigureAwait(false);
            await cluster.StartServerAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.StopNow();
        return cluster;
    }

    /// <summary>Creates an empty database (tests isolate their data this way).</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        // Unpooled: a pooled admin connection would linger and be counted against the connection budget.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, ApplicationName = "bulkmailer-admin" }.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"create database \"{name.Replace("\"", "", StringComparison.Ordinal)}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return ConnectionStringFor(name);
    }

    /// <summary>Restarts the server (fault tests: every client connection is cut).</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) =>
        RunAsPostgresAsync("pg_ctl", ["restart", "-D", _dataDir, "-m", "fast", "-w", "-t", "60", "-l", _logFile, "-o", ServerArguments()], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        try
        {
            await RunAsPostgresAsync("pg_ctl", ["stop", "-D", _dataDir, "-m", "immediate", "-w", "-t", "30"], CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Not running (start failed): nothing to stop; the directory still goes.
        }
        DeleteQuietly(_root);
    }

    private void StopNow()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        using var stop = Process.Start(Command("pg_ctl", ["stop", "-D", _dataDir, "-m", "immediate", "-w", "-t", "30"]));
        stop?.WaitForExit(30_000);
        DeleteQuietly(_root);
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        List<string> arguments = ["-D", _dataDir, "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"];
        var passwordFile = Path.Combine(_root, "superuser.pw");
        if (Options.SuperuserPassword is { } password)
        {
            await File.WriteAllTextAsync(passwordFile, password, cancellationToken).ConfigureAwait(false);
            arguments.AddRange(["--auth-local=trust", "--auth-host=scram-sha-256", $"--pwfile={passwordFile}"]);
        }
        else
        {
            arguments.Add("--auth=trust");
        }
        if (Options.Tls is { } tls)
        {
            // The server refuses a key file that others can read.
            File.Copy(tls.CertificatePath, Path.Combine(_root, "server.crt"));
            File.Copy(tls.KeyPath, Path.Combine(_root, "server.key"));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path.Combine(_root, "server.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        if (IsRoot)
        {
            await ProcessRunner.RunAsync("chown", ["-R", "postgres:postgres", _root], cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        await RunAsPostgresAsync("initdb", arguments, cancellationToken).ConfigureAwait(false);
        File.Delete(passwordFile);
    }

    private Task StartServerAsync(CancellationToken cancellationToken) =>
        RunAsPostgresAsync("pg_ctl", ["start", "-D", _dataDir, "-w", "-t", "60", "-l", _logFile, "-o", ServerArguments()], cancellationToken);

    private string ServerArguments()
    {
        var settings = new List<string> { "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "listen_addresses=127.0.0.1", "-c", $"unix_socket_directories={_root}" };
        if (Options.Tls is not null)
        {
            settings.AddRange(["-c", "ssl=on", "-c", $"ssl_cert_file={Path.Combine(_root, "server.crt")}", "-c", $"ssl_key_file={Path.Combine(_root, "server.key")}"]);
        }
        foreach (var (name, value) in Options.ServerSettings())
        {
            settings.Add("-c");
            settings.Add($"{name}={value}");
        }
        return string.Join(' ', settings);
    }

    private async Task RunAsPostgresAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = Command(tool, arguments);
        await ProcessRunner.RunAsync(info.FileName, info.ArgumentList, _root, TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
    }

    private static ProcessStartInfo Command(string tool, IReadOnlyList<string> arguments)
    {
        var executable = FindTool(tool);
        var info = IsRoot ? new ProcessStartInfo("runuser") : new ProcessStartInfo(executable);
        if (IsRoot)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", executable })
            {
                info.ArgumentList.Add(prefix);
            }
        }
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.UseShellExecute = false;
        return info;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindTool(string tool)
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")) : []);
        return candidates.Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{tool} not found: PostgreSQL server binaries are required (initdb, pg_ctl)");
    }

    /// <summary>Stops and deletes clusters whose owning process is gone (a killed test run, a crashed CLI).</summary>
    private static async Task ReapOrphansAsync()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), DirPrefix + "*"))
        {
            var pidFile = Path.Combine(dir, "owner.pid");
            if (File.Exists(pidFile) && int.TryParse(await File.ReadAllTextAsync(pidFile).ConfigureAwait(false), out var pid) && IsAlive(pid))
            {
                continue;
            }
            if (Directory.Exists(Path.Combine(dir, "data")))
            {
                using var stop = Process.Start(Command("pg_ctl", ["stop", "-D", Path.Combine(dir, "data"), "-m", "immediate", "-w", "-t", "30"]));
                await (stop?.WaitForExitAsync() ?? Task.CompletedTask).ConfigureAwait(false);
            }
            DeleteQuietly(dir);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void DeleteQuietly(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the next start's reaper tries again.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
