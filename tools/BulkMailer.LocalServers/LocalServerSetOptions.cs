using BulkMailer.LocalServers.Postgres;

namespace BulkMailer.LocalServers;

/// <summary>What to start. Everything is on by default.</summary>
public sealed record LocalServerSetOptions
{
    public PostgresOptions Postgres { get; init; } = new();

    public bool StartFauxqs { get; init; } = true;

    public bool StartSes { get; init; } = true;
}
