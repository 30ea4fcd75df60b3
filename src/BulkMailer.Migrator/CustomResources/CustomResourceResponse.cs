using System.Text.Json.Serialization;

namespace BulkMailer.Migrator.CustomResources;

/// <summary>
/// The answer PUT to the request's ResponseURL (the documented response object). CloudFormation reads at most 4,096
/// bytes of it; <see cref="Reason"/> is what the stack events show when <see cref="Status"/> is FAILED.
/// </summary>
public sealed class CustomResourceResponse
{
    public const string Success = "SUCCESS";
    public const string Failed = "FAILED";

    [JsonPropertyName("Status")]
    public string Status { get; set; } = Success;

    [JsonPropertyName("Reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; set; }

    [JsonPropertyName("PhysicalResourceId")]
    public string PhysicalResourceId { get; set; } = "";

    [JsonPropertyName("StackId")]
    public string? StackId { get; set; }

    [JsonPropertyName("RequestId")]
    public string? RequestId { get; set; }

    [JsonPropertyName("LogicalResourceId")]
    public string? LogicalResourceId { get; set; }

    [JsonPropertyName("NoEcho")]
    public bool NoEcho { get; set; }

    /// <summary>Values the template can read with Fn::GetAtt (here: SchemaVersion, Applied).</summary>
    [JsonPropertyName("Data")]
    public Dictionary<string, string> Data { get; set; } = [];
}
