using System.Text.Json;
using System.Text.Json.Serialization;

namespace BulkMailer.Migrator.CustomResources;

/// <summary>
/// The request CloudFormation sends a custom resource's Lambda function (the documented request object:
/// RequestType, ResponseURL, StackId, RequestId, ResourceType, LogicalResourceId, PhysicalResourceId on Update and
/// Delete, ResourceProperties, OldResourceProperties on Update). Unknown fields are ignored.
/// </summary>
public sealed class CustomResourceRequest
{
    /// <summary><c>Create</c>, <c>Update</c> or <c>Delete</c>; null for a direct invocation (an operator's <c>aws lambda invoke</c>).</summary>
    [JsonPropertyName("RequestType")]
    public string? RequestType { get; set; }

    /// <summary>The pre-signed S3 URL the answer is PUT to; CloudFormation waits for it (up to an hour).</summary>
    [JsonPropertyName("ResponseURL")]
    public string? ResponseUrl { get; set; }

    [JsonPropertyName("StackId")]
    public string? StackId { get; set; }

    [JsonPropertyName("RequestId")]
    public string? RequestId { get; set; }

    [JsonPropertyName("ResourceType")]
    public string? ResourceType { get; set; }

    [JsonPropertyName("LogicalResourceId")]
    public string? LogicalResourceId { get; set; }

    [JsonPropertyName("PhysicalResourceId")]
    public string? PhysicalResourceId { get; set; }

    [JsonPropertyName("ResourceProperties")]
    public Dictionary<string, JsonElement>? ResourceProperties { get; set; }

    [JsonPropertyName("OldResourceProperties")]
    public Dictionary<string, JsonElement>? OldResourceProperties { get; set; }

    /// <summary>True when CloudFormation sent it (it carries a ResponseURL to answer).</summary>
    [JsonIgnore]
    public bool IsFromCloudFormation => !string.IsNullOrEmpty(ResponseUrl);
}
