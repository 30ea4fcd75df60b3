using System.Text.Json.Serialization;

namespace BulkMailer.LocalLambda.Monitoring;

/// <summary>One look at <c>pg_stat_activity</c>: client connections at <paramref name="Elapsed"/> after sampling started.</summary>
/// <param name="Total">Client backends on the whole cluster (what counts against <c>max_connections</c>), the sampler's own excluded.</param>
/// <param name="ByApplication">The same, by <c>application_name</c> (empty string for connections that set none).</param>
public sealed record ConnectionSample([property: JsonIgnore] TimeSpan Elapsed, int Total, IReadOnlyDictionary<string, int> ByApplication)
{
    /// <summary><see cref="Elapsed"/> in seconds, for JSON readers and the chart's x axis.</summary>
    public double Seconds => Math.Round(Elapsed.TotalSeconds, 3);
}
