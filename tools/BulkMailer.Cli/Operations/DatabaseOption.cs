using System.CommandLine;
using BulkMailer.Data.Connections;

namespace BulkMailer.Cli.Operations;

/// <summary>The <c>--db CONN</c> option of the operators' commands, and the one connection each command holds.</summary>
internal static class DatabaseOption
{
    /// <summary>application_name of the operators' connections, so pg_stat_activity tells them from the functions'.</summary>
    public const string ApplicationName = "bulkmailer-cli";

    public static Option<string> Create() => new("--db")
    {
        Description = "Npgsql connection string of the BulkMailer database (default: $BULKMAILER_DB)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BULKMAILER_DB") ?? string.Empty,
    };

    /// <summary>A connection to the database <paramref name="option"/> names; opened on first use.</summary>
    /// <exception cref="OperatorUsageException">No connection string was given.</exception>
    public static StaticConnection Connect(ParseResult parse, Option<string> option)
    {
        var connectionString = parse.GetValue(option);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new OperatorUsageException("--db (or BULKMAILER_DB) is required");
        }
        try
        {
            return new StaticConnection(connectionString, ApplicationName);
        }
        catch (ArgumentException ex)
        {
            throw new OperatorUsageException($"--db is not a usable connection string: {ex.Message}");
        }
    }
}
