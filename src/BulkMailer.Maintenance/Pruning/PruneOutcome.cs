namespace BulkMailer.Maintenance.Pruning;

/// <summary>What one run's prune did.</summary>
/// <param name="Deleted">Events deleted.</param>
/// <param name="Statements">Delete statements run (round trips).</param>
/// <param name="Complete">True when no event past the retention is left; false when the run stopped for its deadline and the next run goes on.</param>
public sealed record PruneOutcome(long Deleted, int Statements, bool Complete);
