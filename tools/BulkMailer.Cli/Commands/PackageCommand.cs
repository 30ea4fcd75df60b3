using System.CommandLine;
using System.Globalization;
using BulkMailer.Cli.Packaging;
using BulkMailer.Deployment.Packaging;
using Spectre.Console;

namespace BulkMailer.Cli.Commands;

/// <summary>
/// <c>bulkmailer package [--architecture arm64|x86_64] [--out DIR] [--function NAME]</c>: Native AOT bootstraps of
/// every function into <c>DIR/&lt;function&gt;/bootstrap</c>. Exit 0 when every function was packaged, 1 when a build or
/// check failed, 2 for a usage error.
/// </summary>
public static class PackageCommand
{
    public static Command Create()
    {
        var architecture = new Option<string?>("--architecture") { Description = "arm64 or x86_64 (default: bulkmailer.architecture in cdk.json)" };
        var output = new Option<string>("--out") { Description = "Folder that receives <function>/bootstrap", DefaultValueFactory = _ => FunctionPackages.DefaultDirectory };
        var functions = new Option<string[]>("--function")
        {
            Description = $"Functions to package (default all): {string.Join(", ", FunctionPackages.All.Select(f => f.Name))}",
            AllowMultipleArgumentsPerToken = true,
        };
        var noInstall = new Option<bool>("--no-install") { Description = "Fail instead of installing a missing cross toolchain (Debian packages)" };
        var command = new Command("package", "Build every function as a Native AOT bootstrap for Lambda (provided.al2023)") { architecture, output, functions, noInstall };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var chosenArchitecture = parse.GetValue(architecture) is { } text ? CdkContext.ParseArchitecture(text) : CdkContext.Architecture();
            if (chosenArchitecture is null)
            {
                await Console.Error.WriteLineAsync($"package: --architecture must be arm64 or x86_64, not '{parse.GetValue(architecture)}'").ConfigureAwait(false);
                return 2;
            }
            var names = parse.GetValue(functions) is { Length: > 0 } given ? given : [.. FunctionPackages.All.Select(f => f.Name)];
            if (names.FirstOrDefault(n => FunctionPackages.All.All(f => f.Name != n)) is { } unknown)
            {
                await Console.Error.WriteLineAsync($"package: unknown function '{unknown}' (one of {string.Join(", ", FunctionPackages.All.Select(f => f.Name))})").ConfigureAwait(false);
                return 2;
            }
            var request = new PackageRequest
            {
                Architecture = chosenArchitecture.Value,
                OutputDirectory = parse.GetValue(output)!,
                Functions = [.. FunctionPackages.All.Where(f => names.Contains(f.Name))],
                InstallToolchain = !parse.GetValue(noInstall),
            };
            try
            {
                var packaged = await FunctionPackager.PackageAsync(request, new Progress<string>(Console.WriteLine), cancellationToken).ConfigureAwait(false);
                Print(packaged);
                return 0;
            }
            catch (Exception error) when (error is InvalidOperationException or TimeoutException or IOException)
            {
                await Console.Error.WriteLineAsync($"package failed: {error.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    private static void Print(IReadOnlyList<PackagedBootstrap> packaged)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new Table().AddColumns("function", "architecture", "bootstrap", "size", "build");
        foreach (var p in packaged)
        {
            table.AddRow(p.Function, ElfArchitecture.Name(p.Architecture), Path.GetRelativePath(Directory.GetCurrentDirectory(), p.BootstrapPath),
                (p.Bytes / 1024d / 1024d).ToString("0.0 MiB", c), p.BuildTime.TotalSeconds.ToString("0 s", c));
        }
        AnsiConsole.Write(table);
    }
}
