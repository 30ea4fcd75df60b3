namespace BulkMailer.LocalLambda.Reporting;

/// <summary>What the local Lambda service did for one function during a run.</summary>
/// <param name="Concurrency">Reserved concurrency: the most execution environments alive at once.</param>
/// <param name="Invocations">Invocations (batches) handed to the function.</param>
/// <param name="EnvironmentsStarted">Execution environments cold-started (each opens one database connection).</param>
public sealed record FunctionRunStats(int Concurrency, long Invocations, long EnvironmentsStarted);
