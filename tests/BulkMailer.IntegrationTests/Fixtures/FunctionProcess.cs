using System.Collections.Concurrent;
using System.Diagnostics;
using BulkMailer.LocalServers.Support;

namespace BulkMailer.IntegrationTests.Fixtures;

/// <summary>
/// A real function process (the built <c>bootstrap</c> of a function project run with <c>dotnet</c>, or a packaged one) pointed at
/// a test Runtime API server; its stdout (JSON logs, EMF lines) is kept for assertions. Killed on dispose.
/// </summary>
public sealed class FunctionProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private FunctionProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _lines.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _lines.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public IReadOnlyList<string> Lines => [.. _lines];

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary><c>src/{project}/bin/{configuration}/net10.0/bootstrap.dll</c>, built by the test project's reference.</summary>
    public static string BuiltBootstrap(string project)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepoPaths.Root, "src", project, "bin", configuration, "net10.0", "bootstrap.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build {project} first", dll);
    }

    /// <summary>Starts the built bootstrap of <paramref name="project"/> against a Runtime API.</summary>
    public static FunctionProcess Start(string project, string runtimeApi, IReadOnlyDictionary<string, string> environment) =>
        StartExecutable("dotnet", [BuiltBootstrap(project)], runtimeApi, environment);

    /// <summary>Starts <paramref name="fileName"/> (a packaged bootstrap, or the program that runs one) against a Runtime API.</summary>
    public static FunctionProcess StartExecutable(string fileName, IReadOnlyList<string> arguments, string runtimeApi, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        return new FunctionProcess(Process.Start(info) ?? throw new InvalidOperationException($"cannot start {fileName}"));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
