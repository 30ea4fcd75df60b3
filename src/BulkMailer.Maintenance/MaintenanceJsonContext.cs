using System.Text.Json.Serialization;
using BulkMailer.Lambda.Events;

namespace BulkMailer.Maintenance;

/// <summary>Source-generated (Native-AOT safe) JSON metadata for the schedule's event and the run's report.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScheduledEvent))]
[JsonSerializable(typeof(MaintenanceReport))]
public sealed partial class MaintenanceJsonContext : JsonSerializerContext
{
}
