using System.Text.Json.Serialization;
using BulkMailer.LocalLambda.Monitoring;

namespace BulkMailer.Bench.Running;

/// <summary>What one variant did with the job set.</summary>
public sealed record VariantResult
{
    public required string Variant { get; init; }
    public required int Jobs { get; init; }

    /// <summary>Jobs in a final status at the end.</summary>
    public required long Completed { get; init; }

    /// <summary>Messages left in the DLQ (ended without a recorded final state).</summary>
    public required long InDlq { get; init; }

    /// <summary>Jobs neither final nor in the DLQ when the variant stopped (still queued or in flight).</summary>
    public required long Pending { get; init; }

    /// <summary>Mails SES accepted more than once for the same recipient.</summary>
    public required long Duplicated { get; init; }

    /// <summary>Jobs in a correct final state (not dead-lettered, not duplicated, not pending).</summary>
    public required long Good { get; init; }

    /// <summary><see cref="Good"/> ÷ the variant's duration: the headline (see <see cref="GoodputAccount"/>).</summary>
    public required double GoodputPerSecond { get; init; }

    /// <summary>Final or dead-lettered jobs ÷ the variant's duration ("jobs/s settled incl. DLQ").</summary>
    public required double SettledPerSecond { get; init; }

    /// <summary>Mails SES accepted per second while sending (first to last accepted mail).</summary>
    public required double SentPerSecond { get; init; }
    public required int PeakConnections { get; init; }
    public required double MeanConnections { get; init; }

    /// <summary>Invocations that failed because the server refused a connection (SQLSTATE 53300, "too many clients").</summary>
    public required long ConnectionErrors { get; init; }

    public required long FailedInvocations { get; init; }
    public required double RoundTripsPerJob { get; init; }
    public required double P50BatchMs { get; init; }
    public required double P95BatchMs { get; init; }
    public required double DurationSeconds { get; init; }
    public required bool TimedOut { get; init; }

    /// <summary>The function processes' CPU milliseconds per job done right (null when none was).</summary>
    public double? CpuMsPerJob { get; init; }

    /// <summary>CPU by process group over the variant (functions, local Lambda service, emulators, PostgreSQL).</summary>
    public CpuUsage? Cpu { get; init; }

    [JsonIgnore]
    public IReadOnlyList<ConnectionSample> Samples { get; init; } = [];
}
