using System.Text.Json.Serialization;

namespace BulkMailer.Migrator.CustomResources;

/// <summary>Source-generated (Native-AOT safe) JSON for the custom-resource request and response.</summary>
[JsonSerializable(typeof(CustomResourceRequest))]
[JsonSerializable(typeof(CustomResourceResponse))]
public sealed partial class CustomResourceJsonContext : JsonSerializerContext
{
}
