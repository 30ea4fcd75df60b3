namespace BulkMailer.Lambda.Observability;

/// <summary>The CloudWatch units this project emits (written with CloudWatch's spelling, e.g. <c>Count/Second</c>).</summary>
public enum MetricUnit
{
    None,
    Count,
    Milliseconds,
    Seconds,
    Bytes,
    CountPerSecond,
}
