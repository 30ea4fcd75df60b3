using System.CommandLine;
using System.Text.Json;
using BulkMailer.Cli.Operations;
using BulkMailer.Core.Jobs;
using BulkMailer.Core.Privacy;
using BulkMailer.Data.Operations;
using BulkMailer.Ses.Client;
using BulkMailer.Ses.Errors;
using Spectre.Console;

namespace BulkMailer.Cli.Commands;

/// <summary>
/// <c>bulkmailer suppression add|remove|list|import|export</c>: the suppression list the sender's claim checks
/// (docs/contract.md, Database). Addresses are stored lower-case; adding a listed address or removing an unlisted one
/// changes nothing and succeeds.
/// </summary>
public static class SuppressionCommand
{
    private const string DefaultReason = "operator";

    public static Command Create(OperatorEnvironment? environment = null)
    {
        var env = environment ?? OperatorEnvironment.Default;
        var command = new Command("suppression", "Manage the suppression list: suppressed recipients are never sent to (their jobs end 'suppressed')");
        command.Subcommands.Add(Add(env));
        command.Subcommands.Add(Remove(env));
        command.Subcommands.Add(List(env));
        command.Subcommands.Add(Import(env));
        command.Subcommands.Add(Export(env));
        return command;
    }

    private static Command Verb(OperatorEnvironment env, string name, string description, Option[] options, Argument[] arguments,
        Func<ParseResult, SuppressionList, CancellationToken, Task<int>> run)
    {
        var db = DatabaseOption.Create();
        var verb = new Command(name, description + ". " + OperatorExitCodes.HelpTable) { db };
        foreach (var option in options)
        {
            verb.Options.Add(option);
        }
        foreach (var argument in arguments)
        {
            verb.Arguments.Add(argument);
        }
        verb.Action = new OperatorAction($"suppression {name}", env, async (parse, cancellationToken) =>
        {
            await using var connection = DatabaseOption.Connect(parse, db);
            return await run(parse, new SuppressionList(connection), cancellationToken).ConfigureAwait(false);
        });
        return verb;
    }

    private static Command Add(OperatorEnvironment env)
    {
        var email = new Argument<string>("EMAIL") { Description = "The address (stored lower-case)" };
        var reason = new Option<string>("--reason") { Description = "Why it is suppressed", DefaultValueFactory = _ => DefaultReason };
        return Verb(env, "add", "Suppress an address (idempotent)", [reason], [email], async (parse, list, token) =>
        {
            var address = BareAddress(parse.GetValue(email));
            var added = await list.AddAsync([(address, parse.GetValue(reason) ?? DefaultReason)], cancellationToken: token).ConfigureAwait(false);
            env.Console.Profile.Out.Writer.WriteLine(added == 1 ? $"suppressed {EmailMask.Mask(address)}" : $"{EmailMask.Mask(address)} was already suppressed");
            return OperatorExitCodes.Success;
        });
    }

    private static Command Remove(OperatorEnvironment env)
    {
        var email = new Argument<string>("EMAIL") { Description = "The address" };
        return Verb(env, "remove", "Lift an address's suppression (idempotent)", [], [email], async (parse, list, token) =>
        {
            var address = BareAddress(parse.GetValue(email));
            var removed = await list.RemoveAsync(address, token).ConfigureAwait(false);
            env.Console.Profile.Out.Writer.WriteLine(removed ? $"lifted the suppression of {EmailMask.Mask(address)}" : $"{EmailMask.Mask(address)} was not suppressed");
            return OperatorExitCodes.Success;
        });
    }

    private static Command List(OperatorEnvironment env)
    {
        var json = new Option<bool>("--json") { Description = "Print {\"suppressions\":[{\"email\":…,\"reason\":…,\"source\":…,\"createdAt\":…}]}" };
        return Verb(env, "list", "Print the suppression list in address order", [json], [], async (parse, list, token) =>
        {
            var writer = env.Console.Profile.Out.Writer;
            if (!parse.GetValue(json))
            {
                await foreach (var entry in list.ReadAllAsync(token).ConfigureAwait(false))
                {
                    writer.WriteLine($"{entry.Email}\t{entry.Reason}\t{entry.Source}\t{entry.CreatedAt:O}");
                }
                return OperatorExitCodes.Success;
            }
            await using var stream = new MemoryStream();
            await using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteStartArray("suppressions");
                await foreach (var entry in list.ReadAllAsync(token).ConfigureAwait(false))
                {
                    w.WriteStartObject();
                    w.WriteString("email", entry.Email);
                    w.WriteString("reason", entry.Reason);
                    w.WriteString("source", entry.Source);
                    w.WriteString("createdAt", entry.CreatedAt);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            writer.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return OperatorExitCodes.Success;
        });
    }

    private static Command Import(OperatorEnvironment env)
    {
        var file = new Option<FileInfo?>("--file", "-f") { Description = "CSV: email[,reason], with or without a header row" };
        var reason = new Option<string>("--reason") { Description = "Reason for rows without one", DefaultValueFactory = _ => DefaultReason };
        var fromSes = new Option<bool>("--from-ses-account") { Description = "Instead of a file, import SES's account-level suppression list (ListSuppressedDestinations; needs ses:ListSuppressedDestinations); reasons bounce/complaint" };
        var endpointUrl = new Option<string?>("--endpoint-url") { Description = "SES endpoint for --from-ses-account (default: AWS_ENDPOINT_URL_SES, AWS_ENDPOINT_URL, then AWS)" };
        var region = new Option<string?>("--region") { Description = "AWS region for --from-ses-account (default: AWS_REGION, AWS_DEFAULT_REGION)" };
        return Verb(env, "import", "Suppress every address of a CSV file (--file; bad lines are reported by number and skipped, exit 4) or of SES's account-level list (--from-ses-account)",
            [file, reason, fromSes, endpointUrl, region], [], async (parse, list, token) =>
        {
            var input = parse.GetValue(file);
            if (parse.GetValue(fromSes) == (input is not null))
            {
                throw new OperatorUsageException("give either --file or --from-ses-account");
            }
            return input is null
                ? await ImportFromSesAsync(env, list, parse.GetValue(endpointUrl), parse.GetValue(region), token).ConfigureAwait(false)
                : await ImportFileAsync(env, list, input, parse.GetValue(reason) ?? DefaultReason, token).ConfigureAwait(false);
        });
    }

    private static async Task<int> ImportFileAsync(OperatorEnvironment env, SuppressionList list, FileInfo input, string reason, CancellationToken token)
    {
        if (!input.Exists)
        {
            throw new OperatorUsageException($"--file {input.FullName} does not exist");
        }
        await using var stream = input.OpenRead();
        var import = new SuppressionCsvImport(list, reason, line => env.Error.WriteLine($"suppression import: {line}"));
        SuppressionImportCount count = new(0, 0, 0);
        await env.Console.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var task = progress.AddTask("import", maxValue: Math.Max(1, stream.Length));
            count = await import.ImportAsync(stream, position => task.Value = position, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        env.Console.Profile.Out.Writer.WriteLine(
            $"imported {count.Lines - count.BadLines} of {count.Lines} line(s): {count.Added} newly suppressed, {count.Lines - count.BadLines - count.Added} already suppressed, {count.BadLines} bad");
        return count.BadLines > 0 ? OperatorExitCodes.BadLines : OperatorExitCodes.Success;
    }

    private static async Task<int> ImportFromSesAsync(OperatorEnvironment env, SuppressionList list, string? endpointUrl, string? region, CancellationToken token)
    {
        var where = region ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION");
        if (string.IsNullOrWhiteSpace(where))
        {
            throw new OperatorUsageException("no AWS region: give --region or set AWS_REGION");
        }
        var endpoint = endpointUrl ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_SES") ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        if (endpoint is not null && !Uri.IsWellFormedUriString(endpoint, UriKind.Absolute))
        {
            throw new OperatorUsageException($"--endpoint-url {endpoint} is not an absolute URL");
        }
        var options = SesClientOptions.For(where, endpoint);
        using var ses = new SesClient(new SesClientOptions { Region = options.Region, Endpoint = options.Endpoint, Credentials = env.SesCredentials });
        var import = new SesAccountSuppressionImport(ses, list);
        SesAccountImportCount count = new(0, 0, 0);
        try
        {
            await env.Console.Progress().AutoClear(false).StartAsync(async progress =>
            {
                var task = progress.AddTask("SES account suppression list").IsIndeterminate();
                count = await import.ImportAsync(read => task.Description = $"SES account suppression list: {read} read", token).ConfigureAwait(false);
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        }
        catch (SesException failure)
        {
            // Addresses are never in SES's error texts; its message names the refused action and the caller's ARN.
            await env.Error.WriteLineAsync($"suppression import: {failure.Message}" +
                (failure.Kind == SesErrorKind.Systemic ? " (the credentials need ses:ListSuppressedDestinations)" : "")).ConfigureAwait(false);
            return OperatorExitCodes.Failed;
        }
        env.Console.Profile.Out.Writer.WriteLine(
            $"imported {count.Addresses} address(es) from SES's account suppression list in {count.Pages} page(s): {count.Added} newly suppressed, {count.Addresses - count.Added} already suppressed");
        return OperatorExitCodes.Success;
    }

    private static Command Export(OperatorEnvironment env)
    {
        var file = new Option<FileInfo>("--file", "-f") { Description = "CSV to write (email,reason,source,created_at); replaced if it exists", Required = true };
        return Verb(env, "export", "Write the suppression list to a CSV file that import reads back", [file], [], async (parse, list, token) =>
        {
            var output = parse.GetValue(file)!;
            await using var writer = new StreamWriter(output.FullName, append: false);
            var rows = await SuppressionCsvExport.ExportAsync(list, writer, token).ConfigureAwait(false);
            env.Console.Profile.Out.Writer.WriteLine($"exported {rows} address(es) to {output.FullName}");
            return OperatorExitCodes.Success;
        });
    }

    /// <summary>The argument as one bare address, or a usage error (the address masked).</summary>
    private static string BareAddress(string? text) =>
        JobValidator.TryParseMailbox(text, out var address) && string.Equals(address, text!.Trim(), StringComparison.Ordinal)
            ? SuppressionList.Normalize(address)
            : throw new OperatorUsageException($"'{EmailMask.Mask(text)}' is not one bare email address");
}
