using System.Text.Json.Serialization;

namespace BulkMailer.Ses.Model;

/// <summary>Source-generated JSON metadata for the SES v2 wire format (PascalCase member names as the API defines them).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SendEmailRequest))]
[JsonSerializable(typeof(SendEmailResponse))]
[JsonSerializable(typeof(SendBulkEmailRequest))]
[JsonSerializable(typeof(SendBulkEmailResponse))]
[JsonSerializable(typeof(ListSuppressedDestinationsResponse))]
[JsonSerializable(typeof(GetAccountResponse))]
public sealed partial class SesJsonContext : JsonSerializerContext
{
}
