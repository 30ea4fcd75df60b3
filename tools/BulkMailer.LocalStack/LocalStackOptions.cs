using BulkMailer.LocalStack.Postgres;

namespace BulkMailer.LocalStack;

/// <summary>What to start. Everything is on by default.</summary>
public sealed record LocalStackOptions
{
    public PostgresOptions Postgres { get; init; } = new();

    public bool StartFauxqs { get; init; } = true;

    public bool StartSes { get; init; } = true;
}
