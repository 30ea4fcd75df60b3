using System.Text.Json.Serialization;
using BulkMailer.Core.Feedback.Events;

namespace BulkMailer.LocalLambda.SesFeedback;

/// <summary>Source-generated JSON for the events the simulator writes: nulls left out, so they look like SES's own.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SesEvent))]
internal sealed partial class SimulatedSesEventJsonContext : JsonSerializerContext;
