namespace BulkMailer.Data.Migrations;

/// <summary>One versioned schema change, as embedded in the assembly.</summary>
public sealed record Migration(int Version, string Name, string Sql);
